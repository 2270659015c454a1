package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Arrays2D#isPlain} decides by the strides: a reshape of a whole array (which ND4J flags as a
 * view) is plain, a permuted array (which ND4J does not flag) is not; whatever it says, the buffer
 * read in order must give the row-major values.
 */
class PlainArraysTest {

    private static INDArray counting(long... shape) {
        float[] values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return Nd4j.create(values, shape, 'c');
    }

    /** When isPlain says yes, the buffer in order is the array in row-major order. */
    private static void assertPlainMeansBufferOrder(INDArray array) {
        if (Arrays2D.isPlain(array)) {
            assertArrayEquals(array.dup('c').data().asFloat(), array.data().asFloat(), 0f, array.shapeInfoToString());
        }
    }

    @Test
    void aReshapeOfAWholeArrayIsPlainAndSharesItsMemory() {
        INDArray images = counting(4, 6);
        INDArray pictures = images.reshape('c', 4, 2, 3);
        assertTrue(pictures.isView(), "ND4J flags the reshape as a view (what made the model copy it)");
        assertTrue(Arrays2D.isPlain(pictures));
        assertTrue(Arrays2D.isPlain(pictures.reshape('c', 4, 6)));
        assertTrue(pictures.data().address() == images.data().address(), "the same memory");
        assertPlainMeansBufferOrder(pictures);
        assertArrayEquals(Arrays2D.rowMajor(images), Arrays2D.rowMajor(pictures), 0);
    }

    @Test
    void permutedTransposedAndPartialArraysAreNotPlain() {
        INDArray permuted = counting(2, 3, 4).permute(0, 2, 1);       // ordering 'c', not a view, strides [12, 1, 4]
        assertFalse(Arrays2D.isPlain(permuted), permuted.shapeInfoToString());
        assertFalse(Arrays2D.isPlain(counting(4, 6).transpose()));
        assertFalse(Arrays2D.isPlain(counting(4, 6).dup('f')));
        INDArray wide = counting(4, 6);
        assertFalse(Arrays2D.isPlain(wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4))), "columns 1-3");
        assertFalse(Arrays2D.isPlain(wide.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all())), "rows 1-2");
        assertFalse(Arrays2D.isPlain(wide.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all())), "rows 0-1");
        double[] expected = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 3; k++) {
                    expected[12 * i + 3 * j + k] = 12 * i + 4 * k + j;
                }
            }
        }
        assertArrayEquals(expected, Arrays2D.rowMajor(permuted), 0, "read by its indices");
    }

    @Test
    void sizeOneDimensionsTakeAnyStride() {
        INDArray row = counting(1, 24);
        assertTrue(Arrays2D.isPlain(row));
        assertTrue(Arrays2D.isPlain(row.reshape('c', 1, 4, 1, 6)));
        assertTrue(Arrays2D.isPlain(counting(24, 1)));
        assertPlainMeansBufferOrder(row.reshape('c', 1, 4, 1, 6));
        assertTrue(Arrays2D.isPlain(Nd4j.scalar(2.5f)));
        assertTrue(Arrays2D.isPlain(Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3, 0)), "empty");
    }
}
