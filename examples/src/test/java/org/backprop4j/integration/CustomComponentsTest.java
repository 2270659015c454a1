package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.History;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.examples.docs.snippets.CustomComponents.Scale;
import org.backprop4j.examples.docs.snippets.CustomComponents.MySoftplus;
import org.backprop4j.examples.docs.snippets.CustomComponents;
import org.backprop4j.layers.Dense;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A user's own activation, layer, loss and optimizer, written outside the library (the activation
 * and the layer are the ones docs/architecture.md shows): each is one class plus one registration,
 * and then works by name in compile, fit, summary, save and load.
 */
class CustomComponentsTest {

    /** {@code L = mean of (p - y)^2 / 2} over all elements; {@code dL/dp = (p - y) / (B K)}. */
    static final class HalfSquaredError implements Loss {
        @Override
        public double value(INDArray predictions, INDArray targets) {
            return predictions.sub(targets).norm2Number().doubleValue() * predictions.sub(targets).norm2Number().doubleValue()
                    / 2 / predictions.length();
        }

        @Override
        public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
            gradient.assign(predictions.sub(targets).divi(predictions.length()));
        }
    }

    /** {@code w -= lr * sign(g)}, remembering the last sign in the slot {@code "sign"}. */
    static final class SignSGD extends Optimizer {
        SignSGD(double learningRate) {
            super(learningRate);
        }

        static SignSGD fromConfig(Map<String, Object> config) {
            Config.requireKeys(config, "SignSGD", "learningRate");
            return new SignSGD(Config.number(config, "learningRate"));
        }

        @Override
        protected void build() {
            addSlot("sign", 0.0);
        }

        @Override
        protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
            INDArray sign = slot("sign", index).assign(Transforms.sign(gradient, true));
            value.subi(sign.mul(learningRate));
        }

        @Override
        protected Map<String, Object> hyperParameters() {
            return Map.of();
        }
    }

    @BeforeAll
    static void register() {
        CustomComponents.register(); // the activation and the layer of docs/architecture.md
        Registry.LOSSES.register("half_squared_error", HalfSquaredError.class, config -> new HalfSquaredError());
        Registry.OPTIMIZERS.register("sign_sgd", SignSGD.class, SignSGD::fromConfig);
    }

    private static final INDArray X = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.5, 0.2}, {0.3, 0.9}});
    private static final INDArray Y = Nd4j.create(new double[][] {{0.1}, {0.8}, {0.7}, {0.2}, {0.4}, {0.6}});

    private static Sequential model() {
        return new Sequential(42L)
                .add(new Dense(4, 2, "my_softplus"))
                .add(new Scale(0.5))
                .add(new Dense(1))
                .compile("half_squared_error", new SignSGD(0.01));
    }

    private static final FitOptions QUIET = new FitOptions().epochs(20).batchSize(3).verbose(0);

    @Test
    void theyAreFoundByNameAndTrain() {
        Sequential model = model();
        assertInstanceOf(MySoftplus.class, ((Dense) model.getLayers().get(0)).activation());
        assertEquals("half_squared_error", model.loss().name());
        assertEquals("sign_sgd", model.optimizer().name());
        assertTrue(model.summary().contains("scale (Scale)"), model.summary());
        History history = model.fit(X, Y, QUIET);
        List<Double> loss = history.get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss went down: " + loss);
        assertEquals(20, model.optimizer().iterations() / 2, "2 batches per epoch, one step each");
    }

    @Test
    void theirGradientsPassTheCentralDifferenceCheck() {
        GradientCheck.Result result = GradientCheck.check(model(), X, Y);
        assertTrue(result.maxRelativeError() < 1e-6, result.toString());
        assertEquals(List.of("dense/kernel", "dense/bias", "scale/scale", "dense_1/kernel", "dense_1/bias"),
                List.copyOf(result.worstRelativeErrors().keySet()));
    }

    @Test
    void theySaveAndLoadAndTrainOnBitIdentically(@TempDir Path directory) throws Exception {
        Sequential original = model();
        original.fit(X, Y, QUIET);
        Path file = directory.resolve("custom.bp4j");
        original.save(file);
        Sequential loaded = Sequential.load(file);

        assertEquals(original.summary(), loaded.summary());
        assertInstanceOf(SignSGD.class, loaded.optimizer());
        assertEquals(original.optimizer().iterations(), loaded.optimizer().iterations());
        assertArrayEquals(original.predict(X).data().asDouble(), loaded.predict(X).data().asDouble(), 0);
        original.fit(X, Y, QUIET);
        loaded.fit(X, Y, QUIET);
        for (int i = 0; i < original.getWeights().size(); i++) {
            assertArrayEquals(original.getWeights().get(i).data().asDouble(), loaded.getWeights().get(i).data().asDouble(), 0);
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(json.contains("\"my_softplus\"") && json.contains("\"Scale\"") && json.contains("\"sign_sgd\""), json);
        }
    }

    /** An unregistered optimizer trains, but a model using it cannot be saved, and the message says how to fix it. */
    @Test
    void anUnregisteredComponentTrainsButCannotBeSaved(@TempDir Path directory) {
        Optimizer anonymous = new Optimizer(0.1) {
            @Override
            protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
                value.subi(gradient.mul(learningRate));
            }

            @Override
            protected Map<String, Object> hyperParameters() {
                return Map.of();
            }
        };
        Sequential model = new Sequential(1L).add(new Dense(1, 2)).compile("mse", anonymous);
        model.fit(X, Y, QUIET);
        Path file = directory.resolve("unregistered.bp4j");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.save(file));
        assertTrue(error.getMessage().contains("Registry.OPTIMIZERS.register"), error.getMessage());
        assertTrue(Files.notExists(file));
    }
}
