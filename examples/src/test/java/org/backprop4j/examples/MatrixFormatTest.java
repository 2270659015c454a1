package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@link MatrixFormat} against what numpy prints for the same arrays. */
class MatrixFormatTest {

    @Test
    void vectorsAsNumpyPrintsThem() {
        assertEquals("[0.1 0.5 0.4]", MatrixFormat.format(new double[] {0.1, 0.5, 0.4}, 8));
        assertEquals("[  0.12346 -12.5       3.     ]", MatrixFormat.format(new double[] {0.123456789, -12.5, 3.0}, 5));
        assertEquals("[0.1 0.5 0.4]", MatrixFormat.format(Nd4j.create(new double[] {0.1, 0.5, 0.4}), 8));
    }

    @Test
    void matricesAsNumpyPrintsThem() {
        assertEquals("[[ 1.5   -2.25 ]\n [10.125  0.   ]]", MatrixFormat.format(new double[][] {{1.5, -2.25}, {10.125, 0}}, 8));
        assertEquals("[[0. 0.]\n [0. 0.]]", MatrixFormat.format(Nd4j.zeros(2, 2), 8));
    }

    @Test
    void roundsInsteadOfTruncating() {
        // the articles printed these truncated (0.01544, 0.0810); numpy rounds
        assertEquals("0.08105", MatrixFormat.round(0.0810532048, 5));
        assertEquals("0.01545", MatrixFormat.round(0.0154465549, 5));
        assertEquals("-0.0388569", MatrixFormat.round(-0.038856899, 8));
        assertEquals("-0.", MatrixFormat.round(-1e-12, 5));
        assertEquals("2.", MatrixFormat.round(1.999999, 5));
    }

    @Test
    void notANumberAndInfinityFitTheColumns() {
        assertEquals("[nan nan]", MatrixFormat.format(new double[] {Double.NaN, Double.NaN}, 8));
        assertEquals("[ nan 0.5  -inf 0.25]", MatrixFormat.format(new double[] {Double.NaN, 0.5, Double.NEGATIVE_INFINITY, 0.25}, 8));
    }

    @Test
    void rejectsOtherRanksAndNegativeDecimals() {
        assertThrows(IllegalArgumentException.class, () -> MatrixFormat.format(Nd4j.zeros(2, 2, 2), 3));
        assertThrows(IllegalArgumentException.class, () -> MatrixFormat.format(new double[] {1}, -1));
    }
}
