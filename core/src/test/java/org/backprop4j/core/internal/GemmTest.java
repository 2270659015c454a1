package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Gemm} gives {@code Nd4j.gemm}'s numbers, for every transpose combination and odd shapes. */
class GemmTest {

    /** (m, k, n): degenerate, one row or column (gemv), odd, prime and the MLP's own shapes. */
    private static final int[][] SIZES = {{1, 1, 1}, {1, 7, 1}, {3, 1, 5}, {5, 3, 1}, {1, 13, 9}, {11, 6, 1}, {7, 13, 11},
        {17, 33, 9}, {31, 64, 65}, {128, 784, 10}, {128, 10, 256}, {1, 784, 256}};

    static Stream<Arguments> products() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (int[] mkn : SIZES) {
                for (int flags = 0; flags < 4; flags++) {
                    cases.add(Arguments.of(type, mkn[0], mkn[1], mkn[2], (flags & 1) != 0, (flags & 2) != 0));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}x{2})({2}x{3}) transposeA={4} transposeB={5}")
    @MethodSource("products")
    void agreesWithNd4j(DataType type, int m, int k, int n, boolean transposeA, boolean transposeB) {
        Random random = new Random(31L * m + 7L * k + n);
        INDArray a = random(type, random, transposeA ? k : m, transposeA ? m : k);
        INDArray b = random(type, random, transposeB ? n : k, transposeB ? k : n);
        INDArray start = random(type, random, m, n);
        for (double[] alphaBeta : new double[][] {{1, 0}, {-0.75, 1}, {2.5, -0.5}}) {
            INDArray direct = start.dup('c');
            INDArray viaNd4j = start.dup('c');
            assertTrue(Gemm.direct(a, b, direct), "plain arrays take the cblas path");
            Gemm.gemm(a, transposeA, b, transposeB, direct, alphaBeta[0], alphaBeta[1]);
            Nd4j.gemm(a, b, viaNd4j, transposeA, transposeB, alphaBeta[0], alphaBeta[1]);
            assertClose(viaNd4j, direct, k, type);
        }
    }

    @Test
    void betaZeroIgnoresNaNInTheOutput() {
        INDArray a = Nd4j.create(new float[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new float[][] {{5, 6}, {7, 8}});
        INDArray c = Nd4j.valueArrayOf(new long[] {2, 2}, Float.NaN, DataType.FLOAT);
        Gemm.multiply(a, false, b, false, c);
        assertEquals(Nd4j.create(new float[][] {{19, 22}, {43, 50}}), c);
        Gemm.gemm(a, true, b, false, c, 1, 1); // c += a^T b = [[26, 30], [38, 44]]
        assertEquals(Nd4j.create(new float[][] {{45, 52}, {81, 94}}), c);
    }

    @Test
    void nonPlainArraysFallBackToNd4jWithTheSameNumbers() {
        Random random = new Random(5);
        INDArray big = random(DataType.DOUBLE, random, 9, 12);
        INDArray aView = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 6),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 9)); // (5, 7) view with row stride 12
        INDArray bFortran = random(DataType.DOUBLE, random, 7, 4).dup('f');
        INDArray c = Nd4j.create(DataType.DOUBLE, new long[] {5, 4}, 'c');
        assertFalse(Gemm.direct(aView, bFortran, c));
        Gemm.multiply(aView, false, bFortran, false, c);
        INDArray expected = aView.dup('c').mmul(bFortran.dup('c'));
        assertClose(expected, c, 7, DataType.DOUBLE);

        INDArray cFortran = Nd4j.create(DataType.DOUBLE, new long[] {4, 5}, 'f');
        Gemm.multiply(bFortran, true, aView, true, cFortran); // (a b)^T = b^T a^T
        assertClose(expected.transpose().dup('c'), cFortran.dup('c'), 7, DataType.DOUBLE);
    }

    @Test
    void emptyInnerDimensionLeavesBetaTimesC() {
        INDArray a = Nd4j.create(DataType.DOUBLE, 3, 0);
        INDArray b = Nd4j.create(DataType.DOUBLE, 0, 2);
        INDArray c = Nd4j.ones(DataType.DOUBLE, 3, 2);
        Gemm.gemm(a, false, b, false, c, 1, 0.5);
        assertEquals(Nd4j.valueArrayOf(new long[] {3, 2}, 0.5, DataType.DOUBLE), c);
        Gemm.gemm(a, false, b, false, c, 1, 0);
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 3, 2), c);
    }

    @Test
    void badShapesTypesAndAliasingAreRejectedWithTheShapes() {
        INDArray a = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.create(DataType.FLOAT, 5, 2);
        INDArray c = Nd4j.create(DataType.FLOAT, 3, 2);
        IllegalArgumentException chain = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(a, false, b, false, c));
        assertTrue(chain.getMessage().contains("[3, 4]") && chain.getMessage().contains("[5, 2]"), chain.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(a, false, Nd4j.create(DataType.DOUBLE, 4, 2), false, c));
        INDArray square = Nd4j.create(DataType.FLOAT, 3, 3);
        assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(square, false, square.dup(), false, square));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(Nd4j.create(DataType.FLOAT, 3), false, b, false, c));
    }

    /** Round-off bound of a k-term sum: |difference| <= 4 k eps (|alpha| sum |a||b| + |beta c|), elementwise, loosely. */
    static void assertClose(INDArray expected, INDArray actual, int k, DataType type) {
        double eps = type == DataType.FLOAT ? 0x1p-23 : 0x1p-52;
        double[] e = expected.dup('c').data().asDouble();
        double[] x = actual.dup('c').data().asDouble();
        assertEquals(e.length, x.length);
        double scale = 0;
        for (double value : e) {
            scale = Math.max(scale, Math.abs(value));
        }
        double tolerance = 8 * (k + 2) * eps * Math.max(1, scale);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], x[i], tolerance, "element " + i);
        }
    }

    static INDArray random(DataType type, Random random, int rows, int columns) {
        double[] values = new double[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() * 2 - 1;
        }
        return Nd4j.create(values, new long[] {rows, columns}, 'c').castTo(type).dup('c');
    }
}
