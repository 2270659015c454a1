package org.backprop4j.layers;

import static org.backprop4j.core.TestArrays.uniform;
import static org.backprop4j.layers.ModelFixtures.assertGradientsMatch;
import static org.backprop4j.layers.ModelFixtures.flatWeights;
import static org.backprop4j.layers.ModelFixtures.withRandomBiases;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.activations.Elu;
import org.backprop4j.core.activations.LeakyRelu;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The ring-2 activations inside models, and the LeakyReLU and ELU layers: gradient checks in DOUBLE
 * (each activation as a Dense layer's hidden activation and as an Activation layer, the two layers),
 * EXPLICIT_JACOBIAN and FUSED training to the same weights, FLOAT against DOUBLE, save and load, and
 * the layers against real Keras ({@code keras.layers.LeakyReLU()}, {@code ELU()}: core's fixture
 * {@code reference/keras_activations.json}).
 */
class RingTwoActivationsModelTest {

    private static final String[] NAMES = {"elu", "selu", "gelu", "silu", "swish", "softplus", "softsign", "leaky_relu",
        "hard_sigmoid", "relu6", "mish", "exponential"};

    @TempDir
    Path dir;

    private static Sequential hidden(String activation, long seed) {
        return new Sequential(seed).add(new Dense(5, 4, activation)).add(new Dense(3)).compile("mse", new SGD(0.05));
    }

    @ParameterizedTest
    @ValueSource(strings = {"elu", "selu", "gelu", "silu", "swish", "softplus", "softsign", "leaky_relu", "hard_sigmoid",
        "relu6", "mish", "exponential"})
    void gradientCheckWithTheActivationHiddenInDense(String name) {
        Random random = new Random(41);
        Sequential model = withRandomBiases(hidden(name, 41), random, -0.5, 0.5);
        INDArray x = uniform(random, 7, 4, -2, 2);
        assertGradientsMatch(model, x, uniform(random, 7, 3, -1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"elu", "selu", "gelu", "silu", "softplus", "softsign", "leaky_relu", "hard_sigmoid", "relu6",
        "mish", "exponential"})
    void gradientCheckAsAnActivationLayer(String name) {
        Random random = new Random(42);
        Sequential model = new Sequential(42).add(new Dense(5, 3)).add(new Activation(name)).add(new Dense(2))
                .compile("mse", new SGD());
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 3, -2, 2), uniform(random, 6, 2, -1, 1));
    }

    @Test
    void gradientCheckThroughTheLeakyReluAndEluLayers() {
        Random random = new Random(43);
        Sequential model = new Sequential(43).add(new Dense(5, 3)).add(new LeakyReLU()).add(new Dense(4)).add(new ELU(0.7))
                .add(new Dense(2)).compile("mse", new SGD());
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 3, -2, 2), uniform(random, 6, 2, -1, 1));
    }

    /**
     * Every Jacobian materialised (the teaching mode) trains to the fused path's weights. MSE on a linear
     * output: a saturated softmax with cross-entropy would make the modes differ by design (the fused
     * p - y does not see the probability clip), which exp(exp(x)) reaches.
     */
    @ParameterizedTest
    @ValueSource(strings = {"elu", "selu", "gelu", "silu", "softplus", "softsign", "leaky_relu", "hard_sigmoid", "relu6",
        "mish", "exponential"})
    void explicitJacobianAndFusedTrainToTheSameWeights(String name) {
        Supplier<Sequential> build = () -> new Sequential(44).add(new Dense(6, 4, name)).add(new Dense(5, "tanh"))
                .add(new Activation(name)).add(new Dense(3)).compile("mse", new SGD(0.02));
        Random random = new Random(44);
        INDArray x = uniform(random, 32, 4, -1, 1);
        INDArray y = Nd4j.zeros(32, 3);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        Sequential fused = build.get();
        Sequential explicit = build.get().setBackprop(Backprop.EXPLICIT_JACOBIAN);
        double[] initial = flatWeights(fused);
        FitOptions options = new FitOptions().epochs(5).batchSize(8).verbose(0);
        fused.fit(x, y, options);
        explicit.fit(x, y, options);
        double[] a = flatWeights(fused);
        double[] b = flatWeights(explicit);
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            moved = Math.max(moved, Math.abs(a[i] - initial[i]));
            assertEquals(a[i], b[i], 1e-12, name + " weight " + i);
        }
        assertTrue(moved > 1e-3, name + ": training moved the weights (" + moved + ")");
    }

    /** FLOAT runs the float formulas: its predictions are DOUBLE's within float precision. */
    @ParameterizedTest
    @ValueSource(strings = {"elu", "selu", "gelu", "silu", "softplus", "softsign", "leaky_relu", "hard_sigmoid", "relu6",
        "mish", "exponential"})
    void floatPredictsAsDouble(String name) {
        Sequential doubles = new Sequential(45, DataType.DOUBLE).add(new Dense(64, 16, name)).add(new Dense(8, name));
        Sequential floats = new Sequential(45, DataType.FLOAT).add(new Dense(64, 16, name)).add(new Dense(8, name));
        floats.setWeights(doubles.getWeights());
        INDArray x = uniform(new Random(45), 50, 16, -2, 2);
        double[] expected = Arrays2D.rowMajor(doubles.predict(x));
        double[] actual = Arrays2D.rowMajor(floats.predict(x.castTo(DataType.FLOAT)));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-5 * Math.max(1, Math.abs(expected[i])), name + " output " + i);
        }
    }

    @Test
    void saveAndLoadKeepEveryActivationAndLayer() throws IOException {
        Sequential model = new Sequential(46).add(new Input(4));
        for (String name : NAMES) {
            model.add(new Dense(3, name));
        }
        model.add(new Activation(new Elu(0.5))).add(new Activation(new LeakyRelu(0.05))).add(new LeakyReLU(0.1)).add(new ELU())
                .add(new Dense(2)).compile("mse", new SGD());
        Path file = dir.resolve("ring2.bp4j");
        model.save(file);
        Sequential again = Sequential.load(file);
        INDArray x = uniform(new Random(46), 5, 4, -2, 2);
        assertArrayEquals(Arrays2D.rowMajor(model.predict(x)), Arrays2D.rowMajor(again.predict(x)), 0);
        List<Layer> layers = again.getLayers();
        assertEquals(Map.of("negative_slope", 0.1), layers.get(layers.size() - 3).config());
        assertInstanceOf(LeakyReLU.class, layers.get(layers.size() - 3));
        assertInstanceOf(ELU.class, layers.get(layers.size() - 2));
        assertEquals(model.summary(), again.summary());
        String summary = again.summary();
        assertTrue(summary.contains("leaky_re_lu (LeakyReLU)") && summary.contains("elu (ELU)"), summary);
    }

    @Test
    void layerDefaultsNamesAndBadArguments() {
        assertEquals(0.3, new LeakyReLU().negativeSlope());
        assertEquals(0.2, ((LeakyRelu) new LeakyReLU(0.2).function()).negativeSlope());
        assertEquals(1.0, new ELU().alpha());
        assertEquals(Map.of("negative_slope", 0.3), Registry.LAYERS.create("LeakyReLU").config());
        assertEquals(Map.of("alpha", 0.5), Registry.LAYERS.create("ELU", Map.of("alpha", 0.5)).config());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(-0.1));
        assertTrue(e.getMessage().contains("LeakyReLU") && e.getMessage().contains("-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ELU(Double.NaN));
        assertTrue(e.getMessage().contains("ELU") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Registry.LAYERS.create("LeakyReLU", Map.of("alpha", 0.1)));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
    }

    /** {@code keras.layers.LeakyReLU()} / {@code ELU()} in float64 (TensorFlow keeps the slope as a float). */
    @Test
    @SuppressWarnings("unchecked")
    void theLayersAreKeras() throws IOException {
        Path path = Path.of(System.getProperty("basedir", "."), "..", "core", "src", "test", "resources", "reference",
                "keras_activations.json");
        assertTrue(Files.exists(path), path.toString());
        Map<String, Object> fixture = new ObjectMapper().readValue(path.toFile(), Map.class);
        double[] x = ((List<Number>) fixture.get("x")).stream().mapToDouble(Number::doubleValue).toArray();
        Map<String, Object> layers = (Map<String, Object>) fixture.get("layers");
        assertEquals(4, layers.size());
        for (Map.Entry<String, Object> entry : layers.entrySet()) {
            Map<String, Object> c = (Map<String, Object>) entry.getValue();
            Map<String, Object> config = (Map<String, Object>) c.get("config");
            Activation layer = entry.getKey().startsWith("LeakyReLU")
                    ? new LeakyReLU((float) (double) config.getOrDefault("negative_slope", LeakyReLU.DEFAULT_SLOPE))
                    : (Activation) Registry.LAYERS.create((String) c.get("name"), config);
            Sequential model = new Sequential(47).add(new Input(x.length)).add(layer).compile("mse", new SGD());
            INDArray input = Nd4j.create(x, new long[] {1, x.length}, 'c');
            double[] values = Arrays2D.rowMajor(model.predict(input));
            // the derivative: the layer's backward formula with dL/dy = 1
            INDArray d = Nd4j.create(DataType.DOUBLE, 1, x.length);
            INDArray a = Nd4j.create(values, new long[] {1, x.length}, 'c');
            layer.function().backward(input, a, Nd4j.ones(DataType.DOUBLE, 1, x.length), d);
            Map<String, List<Number>> keras = (Map<String, List<Number>>) c.get("float64");
            for (int i = 0; i < x.length; i++) {
                double expected = keras.get("values").get(i).doubleValue();
                assertEquals(expected, values[i], 1e-12 * Math.max(1, Math.abs(expected)), entry.getKey() + " at " + x[i]);
                expected = keras.get("derivatives").get(i).doubleValue();
                assertEquals(expected, d.getDouble(i), 1e-12 * Math.max(1, Math.abs(expected)),
                        entry.getKey() + "' at " + x[i]);
            }
        }
        assertNotNull(layers.get("LeakyReLU()"));
    }
}
