package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Utils.trainTestSplit (scikit-learn's train_test_split), the Split record, and toCategorical's types. */
class SplitTest {

    /** x row i is (i, 10 i); y is the class i % 3 for the first 90 rows, class 3 for the last 10. */
    private static INDArray x(int n) {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, n, 2);
        for (int i = 0; i < n; i++) {
            x.putScalar(i, 0, i);
            x.putScalar(i, 1, 10 * i);
        }
        return x;
    }

    private static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 1);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, 0, i < 90 ? i % 3 : 3);
        }
        return y;
    }

    @Test
    void everySampleLandsInExactlyOnePartWithItsTarget() {
        INDArray x = x(100);
        INDArray y = labels(100);
        Split split = Utils.trainTestSplit(x, y, 0.25, 42L, false);
        assertEquals(75, split.trainSize());
        assertEquals(25, split.testSize());
        Set<Integer> seen = new HashSet<>();
        for (INDArray[] part : new INDArray[][] {{split.xTrain(), split.yTrain()}, {split.xTest(), split.yTest()}}) {
            for (int r = 0; r < part[0].rows(); r++) {
                int i = (int) part[0].getDouble(r, 0);
                assertEquals(10.0 * i, part[0].getDouble(r, 1));
                assertEquals(y.getDouble(i, 0), part[1].getDouble(r, 0), "row " + i + " keeps its target");
                assertTrue(seen.add(i), "row " + i + " twice");
            }
        }
        assertEquals(100, seen.size());
        // ceil(testFraction * n), as scikit-learn: 0.2 of 99 is 19.8 -> 20
        assertEquals(20, Utils.trainTestSplit(x(99), labels(99), 0.2, 1L, false).testSize());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        INDArray x = x(100);
        INDArray y = labels(100);
        Split a = Utils.trainTestSplit(x, y, 0.2, 7L, true);
        Split b = Utils.trainTestSplit(x, y, 0.2, 7L, true);
        Split c = Utils.trainTestSplit(x, y, 0.2, 8L, true);
        assertEquals(a.xTrain(), b.xTrain());
        assertEquals(a.yTest(), b.yTest());
        assertNotEquals(a.xTest(), c.xTest());
        // the parts are shuffled, not sorted
        double[] firstColumn = a.xTrain().getColumn(0).toDoubleVector();
        double[] sorted = firstColumn.clone();
        java.util.Arrays.sort(sorted);
        assertTrue(!java.util.Arrays.equals(sorted, firstColumn));
    }

    @Test
    void stratifiedKeepsEachClassShare() {
        // 30, 30, 30 and 10 samples; 20 test samples: 6, 6, 6 and 2
        Split split = Utils.trainTestSplit(x(100), labels(100), 0.2, 3L, true);
        assertArrayEquals(new int[] {6, 6, 6, 2}, counts(split.yTest(), 4));
        assertArrayEquals(new int[] {24, 24, 24, 8}, counts(split.yTrain(), 4));
        // one-hot targets stratify by their argmax, with the same result as the labels
        INDArray oneHot = Utils.toCategorical(labels(100), 4);
        Split hot = Utils.trainTestSplit(x(100), oneHot, 0.2, 3L, true);
        assertEquals(split.xTest(), hot.xTest());
        assertEquals(Utils.toCategorical(split.yTest(), 4), hot.yTest());
        // largest remainders: 0.3 of 100 is 30 -> 9, 9, 9 and 3; 0.25 of 100 -> 7.5 x 3 and 2.5: 8, 8, 7, 2 (ties by size, then label)
        assertArrayEquals(new int[] {9, 9, 9, 3}, counts(Utils.trainTestSplit(x(100), labels(100), 0.3, 3L, true).yTest(), 4));
        assertArrayEquals(new int[] {8, 8, 7, 2}, counts(Utils.trainTestSplit(x(100), labels(100), 0.25, 3L, true).yTest(), 4));
        // rank-1 integer labels work too, and keep their type and shape
        INDArray ints = labels(100).reshape(100).castTo(DataType.INT32);
        Split intSplit = Utils.trainTestSplit(x(100), ints, 0.2, 3L, true);
        assertEquals(DataType.INT32, intSplit.yTest().dataType());
        assertArrayEquals(new long[] {20}, intSplit.yTest().shape());
    }

    @Test
    void higherRankInputsKeepTheirShape() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 10, 4, 3);
        INDArray y = Nd4j.createFromArray(0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f).reshape(10, 1);
        Split split = Utils.trainTestSplit(images, y, 0.3, 5L, true);
        assertArrayEquals(new long[] {7, 4, 3}, split.xTrain().shape());
        assertArrayEquals(new long[] {3, 4, 3}, split.xTest().shape());
        assertEquals(DataType.FLOAT, split.xTest().dataType());
        // each test picture is one of the originals, whole
        for (int r = 0; r < 3; r++) {
            INDArray picture = split.xTest().get(org.nd4j.linalg.indexing.NDArrayIndex.point(r),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
            boolean found = false;
            for (int i = 0; i < 10 && !found; i++) {
                found = picture.equals(images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()));
            }
            assertTrue(found, "test picture " + r);
        }
    }

    @Test
    void badArgumentsGetClearErrors() {
        INDArray x = x(100);
        INDArray y = labels(100);
        assertMessage("trainTestSplit needs a testFraction in (0, 1), got 1.0", () -> Utils.trainTestSplit(x, y, 1.0, 1L, false));
        assertMessage("got -0.2", () -> Utils.trainTestSplit(x, y, -0.2, 1L, false));
        assertMessage("got NaN", () -> Utils.trainTestSplit(x, y, Double.NaN, 1L, false));
        assertMessage("needs as many samples in x as in y; x has shape [100, 2], y [99, 1]",
                () -> Utils.trainTestSplit(x, labels(99), 0.2, 1L, false));
        assertMessage("trainTestSplit needs x and y, got y null", () -> Utils.trainTestSplit(x, null, 0.2, 1L, false));
        assertMessage("a testFraction of 0.999 of 100 samples leaves no training samples",
                () -> Utils.trainTestSplit(x, y, 0.999, 1L, false));
        INDArray soft = y.dup();
        soft.putScalar(5, 0, 0.5);
        assertMessage("y needs whole class labels >= 0 (or one-hot rows); the label at row 5 is 0.5",
                () -> Utils.trainTestSplit(x, soft, 0.2, 1L, true));
        INDArray lonely = y.dup();
        lonely.putScalar(7, 0, 9);
        assertMessage("class 9 has a single sample (row 7); each class needs at least 2",
                () -> Utils.trainTestSplit(x, lonely, 0.2, 1L, true));
        assertMessage("cannot stratify 4 classes into 3 test and 97 training samples",
                () -> Utils.trainTestSplit(x, y, 0.03, 1L, true));
        assertMessage("Split: inputs and targets must have as many samples",
                () -> new Split(x, y, x, labels(3)));
    }

    @Test
    void toCategoricalKeepsFloatAndTakesAType() {
        INDArray floats = Nd4j.createFromArray(1f, 0f, 2f);
        assertEquals(DataType.FLOAT, Utils.toCategorical(floats, 3).dataType());
        assertEquals(DataType.DOUBLE, Utils.toCategorical(floats.castTo(DataType.INT32), 3).dataType());
        assertEquals(DataType.DOUBLE, Utils.toCategorical(floats.castTo(DataType.DOUBLE), 3).dataType());
        INDArray asFloat = Utils.toCategorical(floats.castTo(DataType.INT64), 3, DataType.FLOAT);
        assertEquals(DataType.FLOAT, asFloat.dataType());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, asFloat.data().asFloat(), 0);
        assertEquals(DataType.DOUBLE, Utils.toCategorical(floats, 3, DataType.DOUBLE).dataType());
        assertMessage("toCategorical makes DOUBLE or FLOAT one-hot rows, not INT",
                () -> Utils.toCategorical(floats, 3, DataType.INT32));
    }

    private static int[] counts(INDArray labels, int classes) {
        int[] counts = new int[classes];
        for (double label : labels.castTo(DataType.DOUBLE).data().asDouble()) {
            counts[(int) label]++;
        }
        return counts;
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' should contain '" + expectedPart + "'");
    }
}
