package org.backprop4j.core.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Registry;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.kernels.ElementwiseKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The eleven activations of Keras' ring 2 against real Keras (keras 3.15 on TensorFlow 2.21, the
 * fixture {@code reference/keras_activations.json} written by {@code src/test/python/keras_activations.py}):
 * values and TensorFlow's autodiff derivatives on a grid (negatives, 0, large |x|, the points where the
 * formulas change method, random points), in DOUBLE to 1e-12 (relative above 1) and in FLOAT to
 * float precision; the backward formula against central differences in DOUBLE; the Jacobian; SIMD and
 * scalar loops bit for bit; FLOAT against DOUBLE; names, configs and bad hyper-parameters.
 */
class KerasActivationsTest {


    static final List<String> NAMES = List.of("elu", "selu", "gelu", "silu", "softplus", "softsign", "leaky_relu",
            "hard_sigmoid", "relu6", "mish", "exponential");
    private static final double DOUBLE_TOLERANCE = 1e-12;
    private static final double FLOAT_TOLERANCE = 2e-6;
    private static final Map<String, String> WORST = new java.util.TreeMap<>();

    @AfterAll
    static void report() {
        System.out.println("ring-2 activations against Keras (worst |difference| / max(1, |Keras|)):");
        WORST.forEach((what, worst) -> System.out.println("  " + what + "  " + worst));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture() throws IOException {
        try (InputStream in = KerasActivationsTest.class.getResourceAsStream("/reference/keras_activations.json")) {
            assertNotNull(in, "reference/keras_activations.json on the test class path");
            return new ObjectMapper().readValue(in, Map.class);
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> kerasCases() throws IOException {
        Map<String, Object> fixture = fixture();
        List<Arguments> cases = new ArrayList<>();
        for (Map.Entry<String, Object> c : ((Map<String, Object>) fixture.get("activations")).entrySet()) {
            cases.add(Arguments.of(c.getKey(), c.getValue(), fixture.get("x")));
        }
        return cases.stream();
    }

    /** The activation a fixture case describes; TensorFlow keeps LeakyRelu's slope as a float (see the script). */
    @SuppressWarnings("unchecked")
    static ElementwiseActivation activation(Map<String, Object> c) {
        String name = (String) c.get("name");
        Map<String, Object> config = new java.util.LinkedHashMap<>((Map<String, Object>) c.get("config"));
        if (name.equals("leaky_relu")) {
            double slope = config.containsKey("negative_slope") ? ((Number) config.get("negative_slope")).doubleValue() : 0.2;
            config.put("negative_slope", (double) (float) slope);
        }
        return (ElementwiseActivation) Registry.ACTIVATIONS.create(name, config);
    }

    /**
     * DOUBLE against Keras' float64 to 1e-12 (GELU: against the libm reference at 1e-12, and Keras at
     * 1e-8, since TensorFlow's float64 erfc is off by up to 5e-9); FLOAT against the same float64 numbers
     * within float precision (Keras' own float32 numbers are less exact than that: mish' at 7 is off by
     * 1.4e-6). The kernels' numbers are the scalar formula's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    @SuppressWarnings("unchecked")
    void valuesAndDerivativesAreKeras(String name, Map<String, Object> c, List<Number> grid) {
        ElementwiseActivation f = activation(c);
        Map<String, List<Number>> keras = (Map<String, List<Number>>) c.get("float64");
        Map<String, List<Number>> exact = (Map<String, List<Number>>) c.getOrDefault("float64_exact", keras);
        Map<String, List<Number>> float32 = (Map<String, List<Number>>) c.get("float32");
        double[] x = grid.stream().mapToDouble(Number::doubleValue).toArray();
        compare(name, f, DataType.DOUBLE, x, exact, DOUBLE_TOLERANCE, null);
        if (exact != keras) {
            compare(name + " (TF)", f, DataType.DOUBLE, x, keras, 1e-8, null);
        }
        compare(name, f, DataType.FLOAT, x, exact, FLOAT_TOLERANCE, float32);
    }

    private static void compare(String name, ElementwiseActivation f, DataType type, double[] x,
            Map<String, List<Number>> reference, double tolerance, Map<String, List<Number>> finiteIn) {
        INDArray z = Nd4j.create(x, new long[] {1, x.length}, 'c').castTo(type);
        INDArray a = Nd4j.create(type, 1, x.length);
        f.forward(z, a);                                         // the kernels (SIMD when available)
        INDArray d = Nd4j.create(type, 1, x.length);
        f.backward(z, a, Nd4j.ones(type, 1, x.length), d);
        double worstValue = 0;
        double worstDerivative = 0;
        for (int i = 0; i < x.length; i++) {
            String at = name + " " + type + " at x = " + x[i];
            double scalar = type == DataType.DOUBLE ? f.apply(x[i]) : f.apply((float) x[i]);
            assertEquals(scalar, a.getDouble(i), 0, at + ": the kernels run the scalar formula");
            if (finiteIn != null && finiteIn.get("values").get(i) == null) {
                continue;                                        // beyond float's range (Keras: inf)
            }
            double expected = reference.get("values").get(i).doubleValue();
            double error = Math.abs(a.getDouble(i) - expected) / Math.max(1, Math.abs(expected));
            worstValue = Math.max(worstValue, error);
            assertTrue(error <= tolerance, at + ": Keras " + expected + ", backprop4j " + a.getDouble(i));
            expected = reference.get("derivatives").get(i).doubleValue();
            error = Math.abs(d.getDouble(i) - expected) / Math.max(1, Math.abs(expected));
            if (finiteIn != null && error > tolerance) {  // FLOAT: or as Keras' float32 where its convention
                double keras32 = finiteIn.get("derivatives").get(i).doubleValue(); // differs (SELU where exp(z) - 1 is 0)
                error = Math.abs(d.getDouble(i) - keras32) / Math.max(1, Math.abs(keras32));
            }
            worstDerivative = Math.max(worstDerivative, error);
            assertTrue(error <= tolerance, at + ": Keras' derivative " + expected + ", backprop4j " + d.getDouble(i));
        }
        WORST.put(String.format("%-26s %-6s", name, type), String.format("value %.1e  derivative %.1e", worstValue,
                worstDerivative));
    }

    @Test
    void seluAtZeroTakesTensorFlowsDerivative() {
        Selu selu = new Selu();
        assertEquals(Selu.SCALE, selu.backward(0.0, selu.apply(0.0), 1.0), 0);
        assertEquals(Selu.SCALE, selu.backward(1e-300, selu.apply(1e-300), 1.0), 0);
        assertEquals(Selu.SCALE_ALPHA * Math.exp(-0.5), selu.backward(-0.5, selu.apply(-0.5), 1.0), 1e-15);
    }

    static Stream<String> names() {
        return NAMES.stream();
    }

    /** dL/dz from the backward formula against central differences of the forward formula, in double. */
    @ParameterizedTest
    @MethodSource("names")
    void backwardIsTheDerivativeOfForward(String name) {
        ElementwiseActivation f = (ElementwiseActivation) Registry.ACTIVATIONS.create(name);
        Random random = new Random(name.hashCode());
        double h = 1e-6;
        for (int i = 0; i < 400; i++) {
            double z = (random.nextDouble() * 2 - 1) * (i < 200 ? 4 : 30);
            if (Math.abs(z) < 1e-3 || Math.abs(Math.abs(z) - 3) < 1e-3 || Math.abs(z - 6) < 1e-3) {
                continue;                                        // the kinks of the piecewise ones
            }
            double g = random.nextDouble() * 2 - 1;
            double numeric = g * (f.apply(z + h) - f.apply(z - h)) / (2 * h);
            double analytic = f.backward(z, f.apply(z), g);
            assertEquals(numeric, analytic, 1e-7 * Math.max(1, Math.abs(f.apply(z))), name + " at z = " + z);
        }
    }

    /** The Jacobian of a sample is diag(f'(z)), against central differences of forward. */
    @ParameterizedTest
    @MethodSource("names")
    void jacobianMatchesCentralDifferences(String name) {
        ActivationFunction f = Registry.ACTIVATIONS.create(name);
        double[] z = {-2.3, -0.7, 0.4, 1.9, 4.2};
        INDArray zs = Nd4j.create(new double[][] {z});
        INDArray a = zs.dup();
        f.forward(zs, a);
        INDArray jacobian = f.jacobian(zs.reshape(z.length), a.reshape(z.length));
        assertArrayEquals(new long[] {z.length, z.length}, jacobian.shape());
        double h = 1e-6;
        for (int k = 0; k < z.length; k++) {
            INDArray plus = zs.dup();
            INDArray minus = zs.dup();
            plus.putScalar(k, z[k] + h);
            minus.putScalar(k, z[k] - h);
            f.forward(plus, plus);
            f.forward(minus, minus);
            for (int i = 0; i < z.length; i++) {
                double numeric = (plus.getDouble(i) - minus.getDouble(i)) / (2 * h);
                assertEquals(numeric, jacobian.getDouble(i, k), 1e-7, name + " J[" + i + "][" + k + "]");
            }
        }
    }

    /**
     * The SIMD loops (when the JVM has jdk.incubator.vector) give the scalar loops' numbers bit for
     * bit, in FLOAT and DOUBLE, forward and backward, on large arrays with the special values; with
     * the module, the twin must have passed the kernels' own check (else the SIMD path is off).
     */
    @ParameterizedTest
    @MethodSource("names")
    void simdAndScalarLoopsAgreeBitForBit(String name) {
        ElementwiseActivation f = (ElementwiseActivation) Registry.ACTIVATIONS.create(name);
        if ("expected".equals(System.getProperty("backprop4j.test.vectorModule"))) {
            assertTrue(ElementwiseKernels.compile(f).simd(), name + ": its SIMD twin differs from the scalar formula");
        }
        double[] special = {0, -0.0, 1e-8, -1e-8, 0.84375, -0.84375, 1.25, -1.25, 2.857142857142857, -2.857142857142857,
            3, -3, 6, -6, 20, -20, 21, 88, -88, 100, -100, 700, -700, 750, -750, 0.41, -0.41, 0.6251, 1e30, -1e30};
        Random random = new Random(7);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            int n = 1031;
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = i < special.length ? special[i] : (random.nextDouble() * 2 - 1) * (i % 3 == 0 ? 30 : 5);
            }
            INDArray z = Nd4j.create(values, new long[] {1, n}, 'c').castTo(type);
            INDArray g = Nd4j.rand(type, 1, n).subi(0.5);
            INDArray a = Nd4j.create(type, 1, n);
            INDArray d = Nd4j.create(type, 1, n);
            f.forward(z, a);
            f.backward(z, a, g, d);
            INDArray aScalar = Nd4j.create(type, 1, n);
            INDArray dScalar = Nd4j.create(type, 1, n);
            boolean previous = FastElementwise.setEnabled(false);
            try {
                f.forward(z, aScalar);
                f.backward(z, a, g, dScalar);
            } finally {
                FastElementwise.setEnabled(previous);
            }
            assertArrayEquals(aScalar.data().asDouble(), a.data().asDouble(), 0, name + " " + type + " forward");
            assertArrayEquals(dScalar.data().asDouble(), d.data().asDouble(), 0, name + " " + type + " backward");
            for (int i = 0; i < n; i++) {
                assertTrue(Double.isFinite(a.getDouble(i)) && Double.isFinite(d.getDouble(i)),
                        name + " " + type + " finite at " + values[i] + ": " + a.getDouble(i) + ", " + d.getDouble(i));
            }
        }
    }

    /** FLOAT computes in float: within float precision of DOUBLE. */
    @ParameterizedTest
    @MethodSource("names")
    void floatAgreesWithDouble(String name) {
        ElementwiseActivation f = (ElementwiseActivation) Registry.ACTIVATIONS.create(name);
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            float z = (float) ((random.nextDouble() * 2 - 1) * (i < 1000 ? 5 : 40));
            double a = f.apply((double) z);
            double ga = f.backward((double) z, a, 1.0);
            float af = f.apply(z);
            float gf = f.backward(z, af, 1f);
            assertEquals(a, af, 1e-6 * Math.max(1, Math.abs(a)), name + " at " + z);
            assertEquals(ga, gf, 1e-5 * Math.max(1, Math.abs(ga)), name + "' at " + z);
        }
    }

    @Test
    void namesConfigsAndTheSwishAlias() {
        for (String name : NAMES) {
            ActivationFunction f = Registry.ACTIVATIONS.create(name);
            assertEquals(name, f.name(), "saved under its Keras name");
            assertEquals(f.config(), Registry.ACTIVATIONS.create(name, f.config()).config(), name);
        }
        assertInstanceOf(Silu.class, Registry.ACTIVATIONS.create("swish"));
        assertEquals("silu", new Silu().name());
        assertEquals(Map.of("alpha", 1.0), new Elu().config());
        assertEquals(Map.of("alpha", 0.5), Registry.ACTIVATIONS.create("elu", Map.of("alpha", 0.5)).config());
        assertEquals(Map.of("negative_slope", 0.2), new LeakyRelu().config());
        assertEquals(0.1, ((LeakyRelu) Registry.ACTIVATIONS.create("leaky_relu", Map.of("negative_slope", 0.1))).negativeSlope());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void badHyperParametersAreRefusedNamingTheValue(double bad) {
        IllegalArgumentException elu = assertThrows(IllegalArgumentException.class, () -> new Elu(bad));
        assertTrue(elu.getMessage().contains("alpha") && elu.getMessage().contains(String.valueOf(bad)), elu.getMessage());
        IllegalArgumentException leaky = assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(bad));
        assertTrue(leaky.getMessage().contains("negative slope") && leaky.getMessage().contains(String.valueOf(bad)),
                leaky.getMessage());
    }

    @Test
    void unknownConfigKeysAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registry.ACTIVATIONS.create("elu", Map.of("alfa", 2.0)));
        assertTrue(e.getMessage().contains("alfa"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Registry.ACTIVATIONS.create("gelu", Map.of("approximate", true)));
        assertTrue(e.getMessage().contains("approximate"), e.getMessage());
    }
}
