package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** GaussianNoise, GaussianDropout and Rescaling: statistics, determinism, gradients, settings, save and load. */
class NoiseLayersTest {

    @TempDir
    Path directory;

    private static Sequential model(long seed, DataType type) {
        Sequential model = new Sequential(seed, type).add(new Input(6)).add(new Rescaling(0.5, -0.1))
                .add(new GaussianNoise(0.2)).add(new Dense(8, "relu")).add(new GaussianDropout(0.3)).add(new Dense(2, "softmax"));
        return model.compile("categorical_crossentropy", new Adam(0.01), "accuracy");
    }

    private static final INDArray X = TestArrays.uniform(new Random(3), 40, 6, -1, 1);
    private static final INDArray Y = TestArrays.oneHot(new Random(4), 40, 2);

    @Test
    void theSameSeedTrainsBitForBitAndAnotherSeedDoesNot() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            FitOptions options = new FitOptions().epochs(3).batchSize(8).verbose(0);
            Sequential a = model(11L, type);
            Sequential b = model(11L, type);
            a.fit(X, Y, options);
            b.fit(X, Y, options);
            assertEquals(a.getWeights(), b.getWeights(), type.toString());
            // the same start without noise gives other weights: the noise took part in training
            Sequential quiet = new Sequential(11L, type).add(new Input(6)).add(new Rescaling(0.5, -0.1))
                    .add(new GaussianNoise(0.0)).add(new Dense(8, "relu")).add(new GaussianDropout(0.0)).add(new Dense(2, "softmax"))
                    .compile("categorical_crossentropy", new Adam(0.01), "accuracy");
            assertEquals(a.getLayers().size(), quiet.getLayers().size());
            quiet.fit(X, Y, options);
            assertNotEquals(a.getWeights(), quiet.getWeights());
            Sequential other = model(12L, type);
            other.setWeights(model(11L, type).getWeights());       // same start, another random stream
            other.fit(X, Y, options.shuffle(false));
            Sequential same = model(11L, type);
            same.fit(X, Y, options.shuffle(false));
            assertNotEquals(same.getWeights(), other.getWeights());
        }
    }

    @Test
    void predictAndEvaluateIgnoreTheNoise() {
        Sequential noisy = model(5L, DataType.DOUBLE);
        Sequential plain = new Sequential(5L).add(new Input(6)).add(new Rescaling(0.5, -0.1)).add(new Dense(8, "relu"))
                .add(new Dense(2, "softmax")).compile("categorical_crossentropy", new Adam(0.01), "accuracy");
        plain.setWeights(noisy.getWeights());
        assertEquals(plain.predict(X), noisy.predict(X));
        assertEquals(noisy.predict(X), noisy.predict(X));
        assertEquals(plain.evaluate(X, Y), noisy.evaluate(X, Y));
        INDArray expected = X.mul(0.5).sub(0.1);
        assertEquals(0.0, expected.sub(noisy.layerOutputs(X).get(1)).amaxNumber().doubleValue(), 1e-15);
    }

    @Test
    void gaussianDropoutPassesTheGradientThroughItsMask() {
        GaussianDropout layer = new GaussianDropout(0.4);
        layer.build(5, DataType.DOUBLE, new Random(0));
        INDArray x = TestArrays.uniform(new Random(1), 3, 5, -1, 1);
        INDArray g = TestArrays.uniform(new Random(2), 3, 5, -1, 1);
        CallContext context = new CallContext(true, new Random(77), DataType.DOUBLE);
        INDArray y = layer.forward(x, context).dup();
        INDArray dLdx = layer.backward(g, true, context).dup();
        // central differences of sum(g * y(x)) with the same mask (the same seed draws the same mask)
        double h = 1e-6;
        for (int i = 0; i < 15; i++) {
            INDArray plus = x.dup();
            plus.putScalar(i, x.getDouble(i) + h);
            INDArray minus = x.dup();
            minus.putScalar(i, x.getDouble(i) - h);
            double fPlus = g.mul(layer.forward(plus, new CallContext(true, new Random(77), DataType.DOUBLE))).sumNumber().doubleValue();
            double fMinus = g.mul(layer.forward(minus, new CallContext(true, new Random(77), DataType.DOUBLE))).sumNumber().doubleValue();
            assertEquals((fPlus - fMinus) / (2 * h), dLdx.getDouble(i), 1e-8, "element " + i);
        }
        INDArray mask = y.div(x);
        assertEquals(0.0, dLdx.sub(g.mul(mask)).amaxNumber().doubleValue(), 1e-12);
        GaussianNoise noise = new GaussianNoise(0.5);
        noise.build(5, DataType.DOUBLE, new Random(0));
        CallContext noisy = new CallContext(true, new Random(78), DataType.DOUBLE);
        noise.forward(x, noisy);
        assertEquals(g, noise.backward(g, true, noisy));
    }

    @Test
    void drawsAreNormalWithTheRightMeanAndSpread() {
        GaussianNoise noise = new GaussianNoise(0.7);
        noise.build(1001, DataType.FLOAT, new Random(0));
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, 100, 1001); // an odd length: the last pair's second value unused
        double[] values = Arrays2D.rowMajor(noise.forward(zeros, new CallContext(true, new Random(9), DataType.FLOAT)));
        double sum = 0;
        double squares = 0;
        int withinOne = 0;
        for (double v : values) {
            sum += v;
            squares += v * v;
            withinOne += Math.abs(v) < 0.7 ? 1 : 0;
        }
        double mean = sum / values.length;
        assertEquals(0.0, mean, 0.01);
        assertEquals(0.7, Math.sqrt(squares / values.length - mean * mean), 0.01);
        assertEquals(0.6827, (double) withinOne / values.length, 0.01, "one standard deviation holds 68.27% of a normal");
    }

    @Test
    void badSettingsAreRefusedAndSettingsRoundTrip() throws IOException {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(bad));
            assertTrue(e.getMessage().contains("GaussianNoise stddev must be in [0, 1]") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianDropout(bad));
            assertTrue(e.getMessage().contains("GaussianDropout rate must be in [0, 1)") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        IllegalArgumentException rescaling = assertThrows(IllegalArgumentException.class, () -> new Rescaling(Double.POSITIVE_INFINITY));
        assertTrue(rescaling.getMessage().contains("scale=Infinity"), rescaling.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rescaling(1, Double.NaN));
        for (Layer layer : List.of(new GaussianNoise(0.25), new GaussianDropout(0.125), new Rescaling(0.5, 3), new Flatten(),
                new Flatten(2, 3), new Input(4, 5, 6))) {
            Layer again = Registry.LAYERS.create(layer.typeName(), layer.config());
            assertEquals(layer.getClass(), again.getClass());
            assertEquals(layer.config(), again.config());
        }
        assertEquals(Map.of("stddev", 0.25), new GaussianNoise(0.25).config());
        assertEquals(Map.of("rate", 0.125), new GaussianDropout(0.125).config());
        assertEquals(Map.of("scale", 0.5, "offset", 3.0), new Rescaling(0.5, 3).config());
        assertInstanceOf(Rescaling.class, Registry.LAYERS.create("Rescaling", Map.of("scale", 2.0, "offset", 0.0)));

        Sequential model = model(21L, DataType.DOUBLE);
        model.fit(X, Y, new FitOptions().epochs(2).batchSize(8).verbose(0));
        Path file = directory.resolve("noise.bp4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(model.summary(), loaded.summary());
        model.fit(X, Y, new FitOptions().epochs(2).batchSize(8).verbose(0));
        loaded.fit(X, Y, new FitOptions().epochs(2).batchSize(8).verbose(0));
        assertEquals(model.getWeights(), loaded.getWeights(), "the noise continues from the saved random stream");
    }
}
