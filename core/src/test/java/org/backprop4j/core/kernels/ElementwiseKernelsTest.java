package org.backprop4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import org.backprop4j.core.activations.ElementwiseActivation;
import org.backprop4j.core.activations.Linear;
import org.backprop4j.core.activations.Relu;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.activations.Softmax;
import org.backprop4j.core.activations.Tanh;
import org.backprop4j.core.internal.FastElementwise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generic element-wise kernels run each built-in activation's own formulas: against a plain
 * double-precision reference within round-off, in FLOAT and DOUBLE, fused with the bias add or not,
 * in place or not; and the SIMD loops (when this JVM has {@code jdk.incubator.vector}) give the
 * scalar loops' numbers bit for bit (the scalar loops are what the kernels run on copies while
 * {@link FastElementwise#setEnabled} is off). Also softmax, its own row-wise kernel. Surefire runs
 * this class with and without the module.
 */
class ElementwiseKernelsTest {


    private static final long[][] SHAPES = {{1, 1}, {3, 5}, {7, 17}, {2, 33}, {128, 10}, {5, 67}, {16, 256}};
    /** Inputs where exp, sigmoid and tanh change method or saturate, and the special values. */
    private static final double[] SPECIAL = {0, -0.0, 1e-8, -1e-8, 0.6249, 0.6251, -0.6251, 3, -3, 20, -20, 88, -88,
        100, -100, 700, -700, 750, -750, 1000, -1000, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    private record Case(ElementwiseActivation function, DoubleUnaryOperator forward, DoubleBinaryOperator derivative) {
        @Override
        public String toString() {
            return function.getClass().getSimpleName();
        }
    }

    private static final List<Case> ACTIVATIONS = List.of(
            new Case(new Sigmoid(), x -> 1 / (1 + Math.exp(-x)), (z, a) -> a * (1 - a)),
            new Case(new Tanh(), Math::tanh, (z, a) -> 1 - a * a),
            new Case(new Relu(), x -> Double.isNaN(x) ? x : Math.max(0, x), (z, a) -> a > 0 ? 1 : 0),
            new Case(new Linear(), x -> x, (z, a) -> 1));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Case activation : ACTIVATIONS) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                for (long[] shape : SHAPES) {
                    cases.add(Arguments.of(activation, type, (int) shape[0], (int) shape[1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} ({2}, {3})")
    @MethodSource("cases")
    void forwardFusedWithTheBiasAndBackward(Case c, DataType type, int rows, int n) {
        Random random = new Random(rows * 31L + n);
        INDArray z = values(type, random, rows, n, 6, true);
        INDArray bias = Nd4j.create(values(type, random, 1, n, 1, false).data().asDouble(), new long[] {n}, 'c').castTo(type);
        INDArray g = values(type, random, rows, n, 2, false);

        INDArray a = Nd4j.create(type, rows, n);
        c.function().forward(z, a);
        double[] zs = z.data().asDouble();
        double[] expected = new double[zs.length];
        for (int i = 0; i < zs.length; i++) {
            expected[i] = c.forward().applyAsDouble(zs[i]);
        }
        assertClose(expected, a, 6, "forward");
        sameAsScalarLoops(a, out -> c.function().forward(z, out));

        INDArray inPlace = z.dup();
        c.function().forward(inPlace, inPlace);
        assertArrayEquals(a.data().asDouble(), inPlace.data().asDouble(), "a may be z");

        INDArray zBiased = z.dup();
        INDArray aBiased = Nd4j.create(type, rows, n);
        c.function().forward(zBiased, bias, aBiased);
        double[] bs = bias.data().asDouble();
        double[] expectedZ = new double[zs.length];
        for (int i = 0; i < zs.length; i++) {
            expectedZ[i] = type == DataType.FLOAT ? (float) (zs[i] + bs[i % n]) : zs[i] + bs[i % n];
        }
        assertArrayEquals(expectedZ, zBiased.data().asDouble(), 0, "z keeps the pre-activation plus bias");
        INDArray unfused = Nd4j.create(type, rows, n);
        c.function().forward(zBiased, unfused);
        assertArrayEquals(unfused.data().asDouble(), aBiased.data().asDouble(), 0, "fused = bias then f");

        INDArray dLdz = Nd4j.create(type, rows, n);
        c.function().backward(z, a, g, dLdz);
        double[] as = a.data().asDouble();
        double[] gs = g.data().asDouble();
        double[] dExpected = new double[as.length];
        double[] bound = new double[as.length];
        for (int i = 0; i < as.length; i++) {
            dExpected[i] = gs[i] * c.derivative().applyAsDouble(zs[i], as[i]);
            bound[i] = 4 * Math.abs(gs[i]) * (1 + as[i] * as[i]);
        }
        assertWithin(dExpected, bound, dLdz, "backward");
        sameAsScalarLoops(dLdz, out -> c.function().backward(z, a, g, out));
        INDArray gInPlace = g.dup();
        c.function().backward(z, a, gInPlace, gInPlace);
        assertArrayEquals(dLdz.data().asDouble(), gInPlace.data().asDouble(), "dLdz may be g");
    }

    @Test
    void viewsAndOtherTypesGoThroughACopyWithTheSameFormula() {
        INDArray matrix = Nd4j.create(new double[][] {{-1, 0.5, 2}, {3, -4, 0.25}});
        INDArray column = matrix.getColumn(1);
        INDArray out = Nd4j.create(DataType.DOUBLE, 2);
        new Sigmoid().forward(column, out);
        assertEquals(1 / (1 + Math.exp(-0.5)), out.getDouble(0), 1e-15);
        assertEquals(1 / (1 + Math.exp(4)), out.getDouble(1), 1e-15);
        INDArray transposed = matrix.transpose();
        INDArray relu = Nd4j.create(DataType.DOUBLE, 3, 2);
        new Relu().forward(transposed, relu);
        assertArrayEquals(new double[] {0, 3, 0.5, 0, 2, 0.25}, relu.data().asDouble(), 0);
    }

    @Test
    void shapesMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tanh().forward(Nd4j.create(DataType.FLOAT, 4, 3), Nd4j.create(DataType.FLOAT, 3, 4)));
        assertTrue(e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("softmaxCases")
    void softmaxAndItsBackward(DataType type, int rows, int n) {
        Random random = new Random(rows * 13L + n);
        INDArray z = values(type, random, rows, n, 5, false);
        z.putScalar(0, 1000); // a huge logit: the max-subtracted form stays exact
        if (n > 1) {
            z.putScalar(1, -1000);
        }
        Softmax softmax = new Softmax();
        INDArray s = Nd4j.create(type, rows, n);
        softmax.forward(z, s);
        double[] zs = z.data().asDouble();
        double[] expected = new double[zs.length];
        for (int row = 0; row < rows; row++) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, zs[row * n + j]);
            }
            for (int j = 0; j < n; j++) {
                sum += Math.exp(zs[row * n + j] - max);
            }
            for (int j = 0; j < n; j++) {
                expected[row * n + j] = Math.exp(zs[row * n + j] - max) / sum;
            }
        }
        assertClose(expected, s, 4 + n, "softmax");
        sameAsScalarLoops(s, out -> softmax.forward(z, out));

        INDArray g = values(type, random, rows, n, 2, false);
        double[] ss = s.data().asDouble();
        double[] gs = g.data().asDouble();
        double[] dExpected = new double[ss.length];
        double[] bound = new double[ss.length];
        for (int row = 0; row < rows; row++) {
            double dot = 0;
            double magnitude = 0;
            for (int j = 0; j < n; j++) {
                dot += ss[row * n + j] * gs[row * n + j];
                magnitude += Math.abs(ss[row * n + j] * gs[row * n + j]);
            }
            for (int j = 0; j < n; j++) {
                int i = row * n + j;
                dExpected[i] = ss[i] * (gs[i] - dot);
                bound[i] = ss[i] * (Math.abs(gs[i]) + (n + 2) * magnitude);
            }
        }
        INDArray dLdz = Nd4j.create(type, rows, n);
        softmax.backward(z, s, g, dLdz);
        assertWithin(dExpected, bound, dLdz, "softmax backward");
    }

    @Test
    void theBuiltInsRunTheirSimdLoopsWheneverTheJvmHasThem() {
        // JDK 17-18 through ByteBuffers, 22+ through MemorySegments (VectorMemory), with the module
        for (ElementwiseActivation f : new ElementwiseActivation[] {new Sigmoid(), new Tanh(), new Relu(), new Linear()}) {
            assertEquals(FastElementwise.simd(), ElementwiseKernels.compile(f).simd(), f.getClass().getSimpleName());
        }
        if ("expected".equals(System.getProperty("backprop4j.test.vectorModule"))) {
            assertTrue(FastElementwise.simd(), "the project's own test runs have the module");
        }
    }

    static Stream<Arguments> softmaxCases() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (long[] shape : SHAPES) {
                cases.add(Arguments.of(type, (int) shape[0], (int) shape[1]));
            }
        }
        return cases.stream();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private interface Call {
        void apply(INDArray out);
    }

    /** The default path gives exactly the numbers of the scalar loops (which run with the fast path off). */
    private static void sameAsScalarLoops(INDArray result, Call call) {
        INDArray scalar = Nd4j.create(result.dataType(), result.shape());
        boolean previous = FastElementwise.setEnabled(false);
        try {
            call.apply(scalar);
        } finally {
            FastElementwise.setEnabled(previous);
        }
        assertArrayEquals(scalar.data().asDouble(), result.data().asDouble(), 0, "SIMD vs scalar loops");
    }

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
        // exp saturates at about the smallest normal number instead of reaching 0 (FastMath)
        double tiny = 2 * (isFloat ? Float.MIN_NORMAL : Double.MIN_NORMAL);
        double[] values = actual.data().asDouble();
        assertEquals(expected.length, values.length);
        for (int i = 0; i < values.length; i++) {
            String message = what + " " + actual.dataType() + " element " + i + ": expected " + expected[i] + ", got " + values[i];
            if (Double.isNaN(expected[i]) || Double.isInfinite(expected[i])) {
                assertEquals(expected[i], values[i], message);
            } else {
                double allowed = Double.isFinite(bound[i]) ? eps * bound[i] + tiny : tiny;
                assertEquals(expected[i], values[i], allowed, message);
            }
        }
    }

    private static INDArray values(DataType type, Random random, int rows, int n, double scale, boolean special) {
        double[] values = new double[rows * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = special && i < SPECIAL.length ? SPECIAL[i] : (random.nextDouble() * 2 - 1) * scale;
        }
        return Nd4j.create(values, new long[] {rows, n}, 'c').castTo(type).dup('c');
    }
}
