package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

/**
 * Every {@link FastElementwise} operation (the loops that are no activation's formula: those run
 * through {@code org.backprop4j.core.kernels}, ElementwiseKernelsTest) against a plain double-precision reference, within round-off,
 * in FLOAT and DOUBLE, for the scalar loops and (when this JVM has {@code jdk.incubator.vector}) the
 * SIMD ones, which must also agree with the scalar loops bit for bit. Surefire runs this class twice:
 * with the module (system property {@code backprop4j.test.vectorModule=expected}) and in a JVM
 * without it ({@code absent}), as a library user who does not add it.
 */
class FastElementwiseTest {


    private static final long[][] SHAPES = {{1, 1}, {3, 5}, {7, 17}, {2, 33}, {128, 10}, {5, 67}};
    /** The special values. */
    private static final double[] SPECIAL = {0, -0.0, 1e-8, -1e-8, 1000, -1000, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<FastElementwise> implementations = new ArrayList<>(List.of(FastElementwise.scalar()));
        FastElementwise.vectorized().ifPresent(implementations::add);
        for (FastElementwise implementation : implementations) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                for (long[] shape : SHAPES) {
                    cases.add(Arguments.of(implementation, type, (int) shape[0], (int) shape[1]));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void theSimdLoopsAreUsedExactlyWhenTheModuleIsThere() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String expectation = System.getProperty("backprop4j.test.vectorModule", "");
        if (expectation.equals("expected")) {
            assertTrue(present, "the project's own test runs add jdk.incubator.vector");
            assertTrue(FastElementwise.vectorized().isPresent());
            assertSame(FastElementwise.vectorized().get(), FastElementwise.instance());
            assertTrue(FastElementwise.instance().name().startsWith("simd"), FastElementwise.instance().name());
            int feature = Runtime.version().feature();
            assertEquals(feature >= 22 ? "memory segments" : "byte buffers", VectorMemory.kind(), "JDK " + feature);
            assertTrue(FastElementwise.instance().name().endsWith(VectorMemory.kind() + ")"), FastElementwise.instance().name());
        } else if (expectation.equals("absent")) {
            assertFalse(present, "this execution stands for a user who does not add the module");
            assertTrue(FastElementwise.vectorized().isEmpty());
            assertSame(FastElementwise.scalar(), FastElementwise.instance());
        }
    }

    @ParameterizedTest(name = "{0} {1} ({2}, {3})")
    @MethodSource("cases")
    void biasAddAndScaledDifference(FastElementwise ops, DataType type, int rows, int n) {
        Random random = new Random(rows * 17L + n);
        INDArray z = values(type, random, rows, n, 4, false);
        INDArray bias = Nd4j.create(values(type, random, 1, n, 2, false).data().asDouble(), new long[] {n}, 'c').castTo(type);
        double[] zs = z.data().asDouble();
        double[] bs = bias.data().asDouble();
        double[] expectedZ = new double[zs.length];
        for (int i = 0; i < zs.length; i++) {
            expectedZ[i] = round(type, zs[i] + bs[i % n]);
        }
        INDArray zCopy = z.dup();
        ops.addBias(zCopy, bias);
        assertArrayEquals(expectedZ, zCopy.data().asDouble(), 0, "z + bias, rounded once");
        sameAsScalar(ops, (impl, out) -> {
            out.assign(z);
            impl.addBias(out, bias);
        }, z);

        INDArray y = values(type, random, rows, n, 1, false);
        double[] ys = y.data().asDouble();
        double[] expected = new double[zs.length];
        for (int i = 0; i < zs.length; i++) {
            expected[i] = (zs[i] - ys[i]) / rows;
        }
        INDArray out = Nd4j.create(type, rows, n);
        ops.scaledDifference(z, y, 1.0 / rows, out);
        assertClose(expected, out, 4, "(p - y) / B");
        sameAsScalar(ops, (impl, o) -> impl.scaledDifference(z, y, 1.0 / rows, o), z);
    }

    @ParameterizedTest(name = "{0} {1} ({2}, {3})")
    @MethodSource("cases")
    void columnSumsAndAxpy(FastElementwise ops, DataType type, int rows, int n) {
        Random random = new Random(rows * 7L + n);
        INDArray m = values(type, random, rows, n, 3, false);
        double[] ms = m.data().asDouble();
        double[] expected = new double[n];
        double[] bound = new double[n];
        for (int i = 0; i < ms.length; i++) {
            expected[i % n] += ms[i];
            bound[i % n] += (rows + 1) * Math.abs(ms[i]);
        }
        INDArray sums = Nd4j.valueArrayOf(new long[] {n}, Double.NaN, type); // old contents ignored
        ops.columnSums(m, sums);
        assertWithin(expected, bound, sums, "columnSums");
        sameAsScalar(ops, (impl, out) -> impl.columnSums(m, out), sums);

        INDArray x = values(type, random, rows, n, 1, false);
        INDArray y = values(type, random, rows, n, 1, false);
        double[] xs = x.data().asDouble();
        double[] ys = y.data().asDouble();
        double alpha = -0.1;
        double[] axpy = new double[xs.length];
        double[] axpyBound = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            axpy[i] = ys[i] + alpha * xs[i];
            axpyBound[i] = 3 * (Math.abs(ys[i]) + Math.abs(alpha * xs[i]));
        }
        ops.axpy(alpha, x, y);
        assertWithin(axpy, axpyBound, y, "axpy");
    }

    @Test
    void badArgumentsAreRejectedWithTheOperationAndShapes() {
        FastElementwise ops = FastElementwise.instance();
        INDArray z = Nd4j.create(DataType.FLOAT, 4, 3);
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                () -> ops.scaledDifference(z, z, 1, Nd4j.create(DataType.FLOAT, 3, 4)));
        assertTrue(shapes.getMessage().contains("scaledDifference") && shapes.getMessage().contains("[3, 4]"),
                shapes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ops.axpy(1, z, Nd4j.create(DataType.DOUBLE, 4, 3)));
        assertThrows(IllegalArgumentException.class, () -> ops.axpy(1, Nd4j.create(DataType.INT, 4, 3), Nd4j.create(DataType.INT, 4, 3)));
        IllegalArgumentException view = assertThrows(IllegalArgumentException.class,
                () -> ops.axpy(1, z.transpose(), Nd4j.create(DataType.FLOAT, 3, 4)));
        assertTrue(view.getMessage().contains("plain"), view.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ops.addBias(z, Nd4j.create(DataType.FLOAT, 4)));
        assertThrows(IllegalArgumentException.class, () -> ops.columnSums(z, Nd4j.create(DataType.FLOAT, 4)));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private interface Call {
        void apply(FastElementwise implementation, INDArray out);
    }

    /** The implementation under test gives exactly the scalar loops' numbers. */
    private static void sameAsScalar(FastElementwise ops, Call call, INDArray like) {
        INDArray mine = Nd4j.create(like.dataType(), like.shape());
        INDArray scalar = Nd4j.create(like.dataType(), like.shape());
        call.apply(ops, mine);
        call.apply(FastElementwise.scalar(), scalar);
        assertArrayEquals(scalar.data().asDouble(), mine.data().asDouble(), 0, ops.name() + " vs scalar");
    }

    /** |actual - expected| <= ulps * eps * |expected| (+ twice the smallest normal, for results that underflow). */
    private static void assertClose(double[] expected, INDArray actual, double ulps, String what) {
        double[] bound = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            bound[i] = ulps * Math.abs(expected[i]);
        }
        assertWithin(expected, bound, actual, what);
    }

    /** |actual - expected| <= eps * bound (+ twice the smallest normal); NaN where expected is NaN; infinities equal. */
    private static void assertWithin(double[] expected, double[] bound, INDArray actual, String what) {
        boolean isFloat = actual.dataType() == DataType.FLOAT;
        double eps = isFloat ? 0x1p-24 : 0x1p-53;
        // exp saturates at about the smallest normal number instead of reaching 0 (FloatMath, DoubleMath)
        double tiny = 2 * (isFloat ? Float.MIN_NORMAL : Double.MIN_NORMAL);
        double[] values = actual.data().asDouble();
        assertEquals(expected.length, values.length);
        for (int i = 0; i < values.length; i++) {
            String message = what + " " + actual.dataType() + " element " + i + ": expected " + expected[i] + ", got " + values[i];
            if (Double.isNaN(expected[i]) || Double.isInfinite(expected[i])) {
                assertEquals(expected[i], values[i], message);
            } else {
                double allowed = Double.isFinite(bound[i]) ? eps * bound[i] + tiny : tiny; // an infinite input: exact
                assertEquals(expected[i], values[i], allowed, message);
            }
        }
    }

    /** Uniform in [-scale, scale], rounded to the type; with {@code special}, the SPECIAL values first. */
    private static INDArray values(DataType type, Random random, int rows, int n, double scale, boolean special) {
        double[] values = new double[rows * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = special && i < SPECIAL.length ? SPECIAL[i] : (random.nextDouble() * 2 - 1) * scale;
        }
        return Nd4j.create(values, new long[] {rows, n}, 'c').castTo(type).dup('c');
    }

    private static double round(DataType type, double value) {
        return type == DataType.FLOAT ? (float) value : value;
    }

    /** The comparisons above compare the SIMD loops only if they work from the first call (core's pom). */
    @Test
    void theBuildOpensTheSimdGates() {
        if ("expected".equals(System.getProperty("backprop4j.test.vectorModule"))) {
            assertTrue(new SimdGate("check").isOpen(),
                    "backprop4j.test.simdGates=open is not set: SIMD against scalar would compare scalar with scalar");
        }
    }
}
