package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link FastElementwise#allFinite}, scalar and SIMD: false for one NaN or infinity anywhere (in the
 * vector part, in the tail, first, last), true for huge and tiny finite values, in FLOAT and DOUBLE.
 */
class AllFiniteTest {

    private static List<FastElementwise> implementations() {
        List<FastElementwise> all = new ArrayList<>(List.of(FastElementwise.scalar()));
        FastElementwise.vectorized().ifPresent(all::add);
        return all;
    }

    @Test
    void findsOneBadValueAnywhere() {
        findsOneBadValueAnywhere("one range");
    }

    /** Cut in two halves at once (as inside a two-core training step): a bad value in either half counts. */
    @Test
    void findsOneBadValueInEitherHalf() {
        Boolean previous = org.backprop4j.core.threads.BlasThreads.force(Boolean.TRUE);
        try {
            findsOneBadValueAnywhere("two halves");
        } finally {
            org.backprop4j.core.threads.BlasThreads.force(previous);
        }
    }

    private static void findsOneBadValueAnywhere(String how) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int length : new int[] {1, 7, 64, 1000, 100_003}) {
                int middle = length / 2 / 64 * 64; // where a split loop cuts
                for (int position : new int[] {0, Math.max(0, middle - 1), middle, length / 2, length - 1}) {
                    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                        INDArray values = Nd4j.linspace(-3, 3, length, DataType.DOUBLE).castTo(type).dup('c');
                        assertAll(true, values, how + ", " + type + " finite, length " + length);
                        values.putScalar(position, bad);
                        assertAll(false, values, how + ", " + type + " " + bad + " at " + position + " of " + length);
                    }
                }
            }
        }
    }

    @Test
    void hugeAndTinyFiniteValuesAreFinite() {
        INDArray floats = Nd4j.create(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 0f, -0f});
        INDArray doubles = Nd4j.create(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 0, -0.0});
        assertAll(true, Nd4j.concat(0, floats, floats, floats, floats, floats, floats, floats, floats,
                floats, floats, floats, floats, floats).dup('c'), "FLOAT extremes");
        assertAll(true, Nd4j.concat(0, doubles, doubles, doubles, doubles, doubles, doubles, doubles,
                doubles).dup('c'), "DOUBLE extremes");
    }

    @Test
    void refusesViews() {
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 8, 8);
        assertThrows(IllegalArgumentException.class, () -> FastElementwise.instance().allFinite(matrix.getColumn(1)));
    }

    private static void assertAll(boolean expected, INDArray values, String what) {
        for (FastElementwise implementation : implementations()) {
            assertEquals(expected, implementation.allFinite(values), implementation.name() + ": " + what);
        }
    }
}
