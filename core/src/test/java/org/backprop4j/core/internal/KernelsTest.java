package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.backprop4j.core.activations.Softmax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The plain-Java kernels give the ND4J kernels' numbers, in DOUBLE and FLOAT, on every shape. */
class KernelsTest {

    private static final long[][] SHAPES = {{1, 1}, {1, 5}, {5, 1}, {4, 3}, {16, 10}};

    static Stream<Arguments> typesAndShapes() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (long[] shape : SHAPES) {
                cases.add(Arguments.of(type, shape[0], shape[1]));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> products() {
        int[][] sizes = {{1, 1, 1}, {1, 3, 1}, {4, 2, 2}, {5, 1, 3}, {3, 4, 1}, {7, 9, 5}};
        List<Arguments> cases = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (int[] mkn : sizes) {
                for (int flags = 0; flags < 4; flags++) {
                    cases.add(Arguments.of(type, mkn[0], mkn[1], mkn[2], (flags & 1) != 0, (flags & 2) != 0));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}x{2})({2}x{3}) transposeA={4} transposeB={5}")
    @MethodSource("products")
    void multiplyAgrees(DataType type, int m, int k, int n, boolean transposeA, boolean transposeB) {
        Random random = new Random(m * 100 + k * 10 + n);
        INDArray a = random(type, random, transposeA ? k : m, transposeA ? m : k);
        INDArray b = random(type, random, transposeB ? n : k, transposeB ? k : n);
        INDArray viaJava = Nd4j.create(type, new long[] {m, n}, 'c');
        INDArray viaNd4j = Nd4j.create(type, new long[] {m, n}, 'c');
        Kernels.JAVA.multiply(a, transposeA, b, transposeB, viaJava);
        Kernels.ND4J.multiply(a, transposeA, b, transposeB, viaNd4j);
        assertClose(viaNd4j, viaJava);
        // and both are the textbook product, computed from getDouble
        INDArray opA = transposeA ? a.transpose() : a;
        INDArray opB = transposeB ? b.transpose() : b;
        double expected = 0;
        for (int p = 0; p < k; p++) {
            expected += opA.getDouble(m - 1, p) * opB.getDouble(p, n - 1);
        }
        assertEquals(expected, viaJava.getDouble(m - 1, n - 1), tolerance(type) * (1 + Math.abs(expected)));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("typesAndShapes")
    void rowAndColumnOperationsAgree(DataType type, long rows, long columns) {
        Random random = new Random(rows * 31 + columns);
        INDArray z = random(type, random, rows, columns);
        INDArray bias = random(type, random, columns);
        compare(z, (kernels, out) -> kernels.addRowVector(out, bias));

        INDArray sumsJava = Nd4j.create(type, columns);
        INDArray sumsNd4j = Nd4j.create(type, columns);
        Kernels.JAVA.columnSums(z, sumsJava);
        Kernels.ND4J.columnSums(z, sumsNd4j);
        assertClose(sumsNd4j, sumsJava);

        int[] order = new int[(int) rows];
        for (int i = 0; i < rows; i++) {
            order[i] = (int) rows - 1 - i;
        }
        INDArray gatheredJava = Nd4j.create(type, new long[] {rows, columns}, 'c');
        INDArray gatheredNd4j = Nd4j.create(type, new long[] {rows, columns}, 'c');
        Kernels.JAVA.gatherRows(z, order, 0, gatheredJava);
        Kernels.ND4J.gatherRows(z, order, 0, gatheredNd4j);
        assertClose(gatheredNd4j, gatheredJava);
        assertEquals(z.getDouble(rows - 1, columns - 1), gatheredJava.getDouble(0, columns - 1), 0.0);
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("typesAndShapes")
    void elementWiseArithmeticAgrees(DataType type, long rows, long columns) {
        Random random = new Random(rows * 17 + columns);
        INDArray x = random(type, random, rows, columns);
        INDArray y = random(type, random, rows, columns);
        compare(y, (kernels, out) -> kernels.axpy(-0.3, x, out));
        compare(y, (kernels, out) -> kernels.scale(0.7, out));
        compare(y, (kernels, out) -> kernels.scaledDifference(x, y, 0.25, out));
        compare(x, (kernels, out) -> kernels.scaledDifference(out, y, 2.0, out)); // out is p
        compare(y, (kernels, out) -> kernels.copy(x, out));
    }

    @Test
    void softmaxStaysFiniteForHugeLogits() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray z = Nd4j.create(new double[][] {{1000, -1000, 0}, {-1000, -1000, -1000}}).castTo(type);
            INDArray s = Nd4j.create(type, new long[] {2, 3}, 'c');
            SOFTMAX.forward(z, s);
            assertArrayEquals(new double[] {1, 0, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0}, s.data().asDouble(), tolerance(type));
        }
    }

    @Test
    void choosesJavaForSmallPlainArraysOnly() {
        INDArray small = Nd4j.create(DataType.DOUBLE, new long[] {4, 2}, 'c');
        INDArray large = Nd4j.create(DataType.FLOAT, new long[] {1, Kernels.JAVA_MAX_ELEMENTS + 1}, 'c');
        INDArray fortran = Nd4j.create(DataType.DOUBLE, new long[] {4, 2}, 'f');
        INDArray view = Nd4j.create(DataType.DOUBLE, new long[] {4, 2}, 'c').getRow(1);
        assertSame(Kernels.JAVA, Kernels.forElements(small));
        assertSame(Kernels.ND4J, Kernels.forElements(large));
        assertSame(Kernels.ND4J, Kernels.forElements(small, fortran));
        assertSame(Kernels.ND4J, Kernels.forElements(view));
        assertSame(Kernels.ND4J, Kernels.forBlasLevel1(
                Nd4j.create(DataType.FLOAT, new long[] {1, Kernels.JAVA_MAX_BLAS1_ELEMENTS + 1}, 'c')));
        assertSame(Kernels.JAVA, Kernels.forBlasLevel1(small));
        INDArray kernel = Nd4j.create(DataType.DOUBLE, new long[] {2, 3}, 'c');
        INDArray out = Nd4j.create(DataType.DOUBLE, new long[] {4, 3}, 'c');
        assertSame(Kernels.JAVA, Kernels.forProduct(small, false, kernel, out));
        INDArray bigA = Nd4j.create(DataType.FLOAT, new long[] {128, 784}, 'c');
        INDArray bigB = Nd4j.create(DataType.FLOAT, new long[] {784, 256}, 'c');
        INDArray bigC = Nd4j.create(DataType.FLOAT, new long[] {128, 256}, 'c');
        assertSame(Kernels.ND4J, Kernels.forProduct(bigA, false, bigB, bigC));
    }

    @Test
    void limitsCanBeChangedAndRestored() {
        INDArray small = Nd4j.create(DataType.DOUBLE, new long[] {4, 2}, 'c');
        long[] previous = Kernels.setJavaLimits(0, 0, 0);
        try {
            assertSame(Kernels.ND4J, Kernels.forElements(small));
        } finally {
            Kernels.setJavaLimits(previous[0], previous[1], previous[2]);
        }
        assertSame(Kernels.JAVA, Kernels.forElements(small));
        assertTrue(Kernels.JAVA_MAX_MULTIPLY_ADDS > 0);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static final Softmax SOFTMAX = new Softmax();

    /** Runs {@code operation} on two copies of {@code start}, one per implementation, and compares. */
    private static void compare(INDArray start, BiConsumer<Kernels, INDArray> operation) {
        INDArray viaJava = start.dup('c');
        INDArray viaNd4j = start.dup('c');
        operation.accept(Kernels.JAVA, viaJava);
        operation.accept(Kernels.ND4J, viaNd4j);
        assertClose(viaNd4j, viaJava);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(expected.dataType(), actual.dataType());
        double[] e = Arrays2D.rowMajor(expected);
        double[] a = Arrays2D.rowMajor(actual);
        for (int i = 0; i < e.length; i++) {
            double tolerance = tolerance(expected.dataType()) * Math.max(1, Math.abs(e[i]));
            assertEquals(e[i], a[i], tolerance, "element " + i + " of " + Arrays.toString(expected.shape()));
        }
    }

    private static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 2e-6;
    }

    private static INDArray random(DataType type, Random random, long... shape) {
        double[] values = new double[(int) Arrays.stream(shape).reduce(1, (p, q) -> p * q)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type).dup('c');
    }
}
