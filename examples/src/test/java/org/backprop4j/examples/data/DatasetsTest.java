package org.backprop4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    void diabetesIsTheFourHundredFortyTwoPatientsRawAsScikitLearnLoadsThem() throws Exception {
        Split diabetes = Datasets.diabetes();
        assertArrayEquals(new long[] {353, 10}, diabetes.xTrain().shape());
        assertArrayEquals(new long[] {89, 10}, diabetes.xTest().shape()); // ceil(0.2 * 442) = ceil(88.4)
        assertArrayEquals(new long[] {89, 1}, diabetes.yTest().shape());
        assertEquals(DataType.DOUBLE, diabetes.xTrain().dataType());
        // sums over all 442 rows as scikit-learn 1.2.1's load_diabetes(scaled=False) gives them
        assertEquals(276404.2336, diabetes.xTrain().sumNumber().doubleValue() + diabetes.xTest().sumNumber().doubleValue(),
                1e-6);
        assertEquals(67243.0, diabetes.yTrain().sumNumber().doubleValue() + diabetes.yTest().sumNumber().doubleValue(), 0.0);
        assertEquals(25.0, Math.min(diabetes.yTrain().minNumber().doubleValue(), diabetes.yTest().minNumber().doubleValue()));
        assertEquals(346.0, Math.max(diabetes.yTrain().maxNumber().doubleValue(), diabetes.yTest().maxNumber().doubleValue()));
        // the first patient of the file and its target (151), in one of the parts
        double[] first = {59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87};
        assertTrue(contains(diabetes.xTrain(), diabetes.yTrain(), first, 151)
                || contains(diabetes.xTest(), diabetes.yTest(), first, 151));
        assertEquals(Datasets.diabetes().yTest(), diabetes.yTest(), "seeded: the same split every time");
        assertTrue(!Datasets.diabetes(0.2, 7L).yTest().equals(diabetes.yTest()), "another seed, another split");
        assertEquals(List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), Datasets.DIABETES_FEATURES);
    }

    @Test
    void breastCancerIsAStratifiedSplitOfTheFiveHundredSixtyNineSamples() throws Exception {
        Split cancer = Datasets.breastCancer();
        assertArrayEquals(new long[] {455, 30}, cancer.xTrain().shape());
        assertArrayEquals(new long[] {114, 30}, cancer.xTest().shape());
        assertEquals(DataType.DOUBLE, cancer.yTrain().dataType());
        // 212 malignant (0), 357 benign (1); the 114 test samples apportioned 42.47 / 71.53 -> 42 / 72
        assertArrayEquals(new int[] {42, 72}, counts(cancer.yTest(), 2));
        assertArrayEquals(new int[] {170, 285}, counts(cancer.yTrain(), 2));
        assertEquals(1056474.4596356, cancer.xTrain().sumNumber().doubleValue() + cancer.xTest().sumNumber().doubleValue(),
                1e-6);
        double[] first = {17.99, 10.38, 122.8, 1001, 0.1184, 0.2776, 0.3001, 0.1471, 0.2419, 0.07871, 1.095, 0.9053,
            8.589, 153.4, 0.006399, 0.04904, 0.05373, 0.01587, 0.03003, 0.006193, 25.38, 17.33, 184.6, 2019, 0.1622,
            0.6656, 0.7119, 0.2654, 0.4601, 0.1189};
        assertTrue(contains(cancer.xTrain(), cancer.yTrain(), first, 0) || contains(cancer.xTest(), cancer.yTest(), first, 0));
        assertEquals(Datasets.breastCancer().xTest(), cancer.xTest(), "seeded: the same split every time");
        assertEquals(List.of("malignant", "benign"), Datasets.BREAST_CANCER_CLASSES);
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
