package org.backprop4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.backprop4j.core.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Datasets: shapes, types, class balance and the messages for what is missing. */
class DatasetsTest {

    @Test
    void irisIsAStratifiedEightyTwentySplitOfTheHundredFiftyFlowers() throws Exception {
        Split iris = Datasets.iris();
        assertArrayEquals(new long[] {120, 4}, iris.xTrain().shape());
        assertArrayEquals(new long[] {30, 4}, iris.xTest().shape());
        assertArrayEquals(new long[] {30, 1}, iris.yTest().shape());
        assertEquals(DataType.DOUBLE, iris.xTrain().dataType());
        assertArrayEquals(new int[] {10, 10, 10}, counts(iris.yTest(), 3));
        assertArrayEquals(new int[] {40, 40, 40}, counts(iris.yTrain(), 3));
        // the first flower of the file, 5.1 3.5 1.4 0.2 setosa, is in one of the parts with its class
        assertTrue(contains(iris.xTrain(), iris.yTrain(), new double[] {5.1, 3.5, 1.4, 0.2}, 0)
                || contains(iris.xTest(), iris.yTest(), new double[] {5.1, 3.5, 1.4, 0.2}, 0));
        assertEquals(Datasets.iris().xTest(), iris.xTest(), "seeded: the same split every time");
        assertEquals(45, Datasets.iris(0.3, 1L).testSize());
    }

    @Test
    void digitsAreTheSeventeenHundredNinetySevenImages() throws Exception {
        Split digits = Datasets.digits();
        assertEquals(1797, digits.trainSize() + digits.testSize());
        assertEquals(360, digits.testSize()); // ceil(0.2 * 1797)
        assertArrayEquals(new long[] {1437, 64}, digits.xTrain().shape());
        assertEquals(16.0, digits.xTrain().maxNumber().doubleValue());
        assertEquals(0.0, digits.xTrain().minNumber().doubleValue());
        int[] test = counts(digits.yTest(), 10);
        for (int c = 0; c < 10; c++) {
            assertTrue(test[c] >= 35 && test[c] <= 37, "digit " + c + ": " + test[c] + " of 360 (about 36 each)");
        }
    }

    @Test
    void fashionMnistIsItsOwnSixtyTenThousandSplit() throws Exception {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        Split fashion = Datasets.fashionMnist();
        assertArrayEquals(new long[] {60000, 784}, fashion.xTrain().shape());
        assertArrayEquals(new long[] {10000, 1}, fashion.yTest().shape());
        assertEquals(DataType.FLOAT, fashion.xTrain().dataType());
        assertEquals(DataType.FLOAT, fashion.yTrain().dataType());
        assertEquals(1.0, fashion.xTest().maxNumber().doubleValue(), 0.0);
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, counts(fashion.yTest(), 10));
    }

    @Test
    void missingFashionMnistSaysHowToInstallIt(@TempDir Path empty) {
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Datasets.fashionMnist(empty.resolve("none")));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private static int[] counts(INDArray labels, int classes) {
        int[] counts = new int[classes];
        for (double label : labels.castTo(DataType.DOUBLE).data().asDouble()) {
            counts[(int) label]++;
        }
        return counts;
    }

    private static boolean contains(INDArray x, INDArray y, double[] row, int label) {
        for (int r = 0; r < x.rows(); r++) {
            boolean same = true;
            for (int k = 0; k < row.length; k++) {
                same &= x.getDouble(r, k) == row[k];
            }
            if (same && y.getDouble(r, 0) == label) {
                return true;
            }
        }
        return false;
    }
}
