package org.backprop4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FashionMnistTest {

    private static FashionMnist subset;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSubset() throws IOException {
        subset = FashionMnist.loadSubset();
    }

    private static long pixelSum(FashionMnist.Split split) {
        long sum = 0;
        for (byte pixel : split.pixels()) {
            sum += pixel & 0xFF;
        }
        return sum;
    }

    private static int[] firstLabels(FashionMnist.Split split, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = split.label(i);
        }
        return labels;
    }

    @Test
    void theSubsetHoldsTheFirstPicturesOfEachClassUnchanged() {
        FashionMnist.Split train = subset.train();
        FashionMnist.Split test = subset.test();

        assertEquals(1000, train.count());
        assertEquals(500, test.count());
        int[] hundredEach = new int[10];
        Arrays.fill(hundredEach, 100);
        int[] fiftyEach = new int[10];
        Arrays.fill(fiftyEach, 50);
        assertArrayEquals(hundredEach, train.classCounts());
        assertArrayEquals(fiftyEach, test.classCounts());
        // pinned to the files the subset script wrote (it prints these figures)
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, firstLabels(train, 10));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, firstLabels(test, 10));
        assertEquals(57_441_455L, pixelSum(train));
        assertEquals(28_931_962L, pixelSum(test));
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(train.label(0)));
        assertEquals(73, train.pixel(0, 100));
        assertEquals(255, train.pixel(0, 417));
    }

    @Test
    void picturesAreTheImagesAsRowsOfPixels() {
        FashionMnist.Split train = subset.train();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray pictures = train.pictures(type);
            assertEquals(type, pictures.dataType());
            assertArrayEquals(new long[] {1000, 28, 28}, pictures.shape());             // Keras' load_data() shape
            assertEquals(train.images(type), pictures.reshape('c', 1000, 784));
        }
        INDArray pictures = train.pictures(DataType.DOUBLE);
        assertEquals(73 / 255.0, pictures.getDouble(0, 100 / 28, 100 % 28));            // pixel 100: row 3, column 16
        assertEquals(1.0, pictures.getDouble(0, 417 / 28, 417 % 28));
    }

    @Test
    void imagesAreScaledToTheUnitIntervalByDividingBy255() {
        FashionMnist.Split train = subset.train();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray images = train.images(type);

            assertEquals(type, images.dataType());
            assertArrayEquals(new long[] {1000, 784}, images.shape());
            assertEquals(0.0, images.minNumber().doubleValue());
            assertEquals(1.0, images.maxNumber().doubleValue());
            assertEquals(73 / 255.0, images.getDouble(0, 100), type == DataType.FLOAT ? 1e-7 : 0.0);
            // summed in DOUBLE: ND4J's float sum of 784,000 values drifts by ~3e-4 relative
            assertEquals(57_441_455 / 255.0, images.castTo(DataType.DOUBLE).sumNumber().doubleValue(),
                    type == DataType.FLOAT ? 0.1 : 1e-6);
        }
        INDArray lastTwo = train.images(DataType.DOUBLE, 998, 1000);
        assertArrayEquals(new long[] {2, 784}, lastTwo.shape());
        assertEquals(84_155 / 255.0, lastTwo.getRow(1).sumNumber().doubleValue(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> train.images(DataType.DOUBLE, 10, 1001));
    }

    @Test
    void everyPixelOfEveryRowLandsInItsPlace() {
        byte[] pixels = new byte[300 * FashionMnist.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + i / 784);
        }
        FashionMnist.Split split = new FashionMnist.Split("generated", pixels, new byte[300]);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray images = split.images(type, 100, 300);
            for (int row = 0; row < 200; row++) {
                for (int column = 0; column < FashionMnist.PIXELS; column++) {
                    double expected = (pixels[(100 + row) * FashionMnist.PIXELS + column] & 0xFF) / 255.0;
                    if (type == DataType.FLOAT) {
                        expected = (float) expected;
                    }
                    assertEquals(expected, images.getDouble(row, column), 0.0, type + " row " + row + " column " + column);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> split.images(DataType.INT32));
    }

    @Test
    void labelsAreAColumnOfClassIndices() {
        INDArray labels = subset.test().labels(DataType.FLOAT);
        assertArrayEquals(new long[] {500, 1}, labels.shape());
        assertEquals(DataType.FLOAT, labels.dataType());
        assertEquals(9.0, labels.getDouble(0, 0));
        assertEquals(7.0, labels.getDouble(9, 0));
    }

    private Path copySubsetTo(Path target, boolean gzipped) throws IOException {
        Files.createDirectories(target);
        write(target, "train", subset.train(), gzipped);
        write(target, "t10k", subset.test(), gzipped);
        return target;
    }

    private static void write(Path target, String prefix, FashionMnist.Split split, boolean gzipped)
            throws IOException {
        byte[] images = IdxTest.idx(0x08, new int[] {split.count(), 28, 28}, split.pixels());
        byte[] labels = IdxTest.idx(0x08, new int[] {split.count()}, split.labels());
        String suffix = gzipped ? ".gz" : "";
        Files.write(target.resolve(prefix + "-images-idx3-ubyte" + suffix), gzipped ? IdxTest.gzip(images) : images);
        Files.write(target.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzipped ? IdxTest.gzip(labels) : labels);
    }

    @Test
    void loadsADirectoryOfPlainOrGzippedFiles() throws IOException {
        for (boolean gzipped : new boolean[] {true, false}) {
            FashionMnist data = FashionMnist.load(copySubsetTo(dir.resolve("copy-" + gzipped), gzipped));
            assertEquals(1000, data.train().count());
            assertEquals(500, data.test().count());
            assertArrayEquals(subset.train().pixels(), data.train().pixels());
            assertArrayEquals(subset.test().labels(), data.test().labels());
        }
    }

    @Test
    void missingDataSaysHowToGetIt() throws IOException {
        FileNotFoundException noDirectory = assertThrows(FileNotFoundException.class,
                () -> FashionMnist.load(dir.resolve("nowhere")));
        for (String hint : new String[] {"does not exist", "apt-get install dataset-fashion-mnist", "--data-dir",
            "/usr/share/datasets/fashion-mnist"}) {
            assertTrue(noDirectory.getMessage().contains(hint), "'" + hint + "' in: " + noDirectory.getMessage());
        }

        Path partial = copySubsetTo(dir.resolve("partial"), true);
        Files.delete(partial.resolve("t10k-labels-idx1-ubyte.gz"));
        FileNotFoundException oneMissing = assertThrows(FileNotFoundException.class, () -> FashionMnist.load(partial));
        assertTrue(oneMissing.getMessage().contains("has no t10k-labels-idx1-ubyte[.gz]"), oneMissing.getMessage());
    }

    @Test
    void imagesAndLabelsMustBelongTogether() throws IOException {
        Path fewerLabels = copySubsetTo(dir.resolve("fewer"), false);
        Files.write(fewerLabels.resolve("train-labels-idx1-ubyte"),
                IdxTest.idx(0x08, new int[] {999}, Arrays.copyOf(subset.train().labels(), 999)));
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(fewerLabels));
        assertTrue(e.getMessage().contains("has 1000 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("has 999 labels"), e.getMessage());
    }

    @Test
    void rejectsLabelsOutsideTheTenClassesAndPicturesOfAnotherSize() throws IOException {
        Path badLabel = copySubsetTo(dir.resolve("bad-label"), false);
        byte[] labels = subset.train().labels().clone();
        labels[345] = 12;
        Files.write(badLabel.resolve("train-labels-idx1-ubyte"), IdxTest.idx(0x08, new int[] {1000}, labels));
        IOException label = assertThrows(IOException.class, () -> FashionMnist.load(badLabel));
        assertTrue(label.getMessage().contains("label 12 at index 345"), label.getMessage());

        Path wrongSize = copySubsetTo(dir.resolve("wrong-size"), false);
        Files.write(wrongSize.resolve("t10k-images-idx3-ubyte"),
                IdxTest.idx(0x08, new int[] {500, 784}, subset.test().pixels()));
        IOException size = assertThrows(IOException.class, () -> FashionMnist.load(wrongSize));
        assertTrue(size.getMessage().contains("[500, 784]"), size.getMessage());
        assertTrue(size.getMessage().contains("(count, 28, 28)"), size.getMessage());
    }

    @Test
    void theFullDataSetWhenInstalled() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY),
                "apt-get install dataset-fashion-mnist to run this test");
        FashionMnist full = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY);

        assertEquals(60_000, full.train().count());
        assertEquals(10_000, full.test().count());
        int[] sixThousandEach = new int[10];
        Arrays.fill(sixThousandEach, 6000);
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1000);
        assertArrayEquals(sixThousandEach, full.train().classCounts());
        assertArrayEquals(thousandEach, full.test().classCounts());
        // the subset is the first pictures of each class, so the first picture is the same
        assertArrayEquals(Arrays.copyOf(subset.train().pixels(), 784), Arrays.copyOf(full.train().pixels(), 784));
    }
}
