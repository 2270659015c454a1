package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNormalization and LayerNormalization: Keras 3's numbers (forward in training and inference,
 * moving statistics, fits of several steps, frozen), gradient checks through the batch statistics,
 * errors, summary counts, save/load, and predict beside fit.
 */
class BatchNormalizationTest {

    @TempDir
    Path directory;

    private static void setWeights(Layer layer, List<INDArray> weights) {
        List<Parameter> parameters = layer.parameters();
        assertEquals(parameters.size(), weights.size());
        for (int i = 0; i < weights.size(); i++) {
            parameters.get(i).value().assign(weights.get(i));
        }
    }

    private static List<INDArray> arrays(Object json, DataType type) {
        return ((List<?>) json).stream().map(a -> KerasFixture.array(a, type)).toList();
    }

    @Test
    void batchNormalizationMatchesKerasInTrainingAndInference() throws IOException {
        for (Map<String, Object> c : KerasFixture.cases("batch_normalization")) {
            DataType type = KerasFixture.type(c);
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            BatchNormalization layer = new BatchNormalization(((Number) c.get("momentum")).doubleValue(),
                    ((Number) c.get("epsilon")).doubleValue());
            layer.build(4, type, new Random(0));
            setWeights(layer, arrays(c.get("weights"), type));
            CallContext training = new CallContext(true, new Random(1), type);
            INDArray y = layer.forward(KerasFixture.array(c.get("x"), type), training);
            assertTrue(KerasFixture.error(y, KerasFixture.array(c.get("y_training"), type)) <= tolerance, c.get("name") + " training " + y);
            layer.updateState(training);
            List<INDArray> after = arrays(c.get("weights_after"), type);
            for (int i = 0; i < 4; i++) {
                assertTrue(KerasFixture.error(layer.parameters().get(i).value(), after.get(i)) <= tolerance,
                        c.get("name") + " weight " + i + " after the step: " + layer.parameters().get(i).value());
            }
            INDArray inference = layer.forward(KerasFixture.array(c.get("x_inference"), type), CallContext.inference(type));
            assertTrue(KerasFixture.error(inference, KerasFixture.array(c.get("y_inference"), type)) <= tolerance,
                    c.get("name") + " inference");
        }
    }

    @Test
    void layerNormalizationMatchesKeras() throws IOException {
        for (Map<String, Object> c : KerasFixture.cases("layer_normalization")) {
            DataType type = KerasFixture.type(c);
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            LayerNormalization layer = new LayerNormalization(((Number) c.get("epsilon")).doubleValue());
            layer.build(6, type, new Random(0));
            setWeights(layer, List.of(KerasFixture.array(c.get("gamma"), type), KerasFixture.array(c.get("beta"), type)));
            INDArray x = KerasFixture.array(c.get("x"), type);
            INDArray expected = KerasFixture.array(c.get("y"), type);
            assertTrue(KerasFixture.error(layer.forward(x, CallContext.inference(type)), expected) <= tolerance, (String) c.get("name"));
            assertTrue(KerasFixture.error(layer.forward(x, new CallContext(true, new Random(1), type)), expected) <= tolerance,
                    c.get("name") + ": training mode is the same");
        }
        assertEquals(1e-3, new LayerNormalization().epsilon(), 0, "Keras' default");
    }

    @Test
    void fitsOfSeveralStepsMatchKerasWithBatchNormalizationTrainedAndFrozen() throws IOException {
        for (Map<String, Object> c : KerasFixture.cases("fit")) {
            String name = (String) c.get("name");
            Sequential model = new Sequential(1L, DataType.DOUBLE);
            BatchNormalization norm = new BatchNormalization(0.8, 1e-3);
            model.add(new Dense(4, 3, "tanh")).add(norm).add(new Dense(2, "softmax"));
            if ((Boolean) c.get("frozen")) {
                norm.setTrainable(false);
            }
            model.compile("categorical_crossentropy", new SGD(0.125)); // Keras' float32 hyper-parameters: 0.125 is exact
            model.setWeights(arrays(c.get("initial"), DataType.DOUBLE));
            INDArray x = KerasFixture.array(c.get("x"), DataType.DOUBLE);
            INDArray y = KerasFixture.array(c.get("y"), DataType.DOUBLE);
            History history = model.fit(x, y, new FitOptions().epochs(3).batchSize(4).shuffle(false).verbose(0));
            double[] losses = KerasFixture.vector(c.get("loss"));
            for (int epoch = 0; epoch < 3; epoch++) {
                // Keras' loss tracker (a Mean metric) keeps its running sum in float32 even in a float64 model
                assertEquals(losses[epoch], history.get("loss").get(epoch), 1e-6, name + " loss of epoch " + epoch);
            }
            List<INDArray> expected = arrays(c.get("weights_after"), DataType.DOUBLE);
            List<INDArray> actual = model.getWeights();
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(KerasFixture.error(actual.get(i), expected.get(i)) <= 1e-12, name + " weight " + i + ": "
                        + actual.get(i) + " vs Keras " + expected.get(i));
            }
            assertTrue(KerasFixture.error(model.predict(x), KerasFixture.array(c.get("predict"), DataType.DOUBLE)) <= 1e-12, name);
            String summary = model.summary();
            assertTrue(summary.contains("Trainable params: " + c.get("trainable_count")), summary);
            assertTrue(summary.contains("Non-trainable params: " + c.get("non_trainable_count")), summary);
        }
    }

    /** sum(r * y) + 0.5 sum(y^2) of a training-mode forward pass: a loss that sees every output. */
    private static double loss(Layer layer, INDArray x, INDArray r) {
        INDArray y = layer.forward(x, new CallContext(true, new Random(0), DataType.DOUBLE));
        return y.mul(r).sumNumber().doubleValue() + 0.5 * y.mul(y).sumNumber().doubleValue();
    }

    /** Central differences of {@link #loss} against backward, for the input and every trainable weight. */
    private static void checkLayer(Layer layer, int rows, int columns, long seed) {
        layer.build(columns, DataType.DOUBLE, new Random(seed));
        for (Parameter parameter : layer.parameters()) {
            if (parameter.trainable()) {
                parameter.value().assign(TestArrays.uniform(new Random(seed + 1), 1, columns, 0.5, 1.5).reshape(columns));
            }
        }
        INDArray x = TestArrays.uniform(new Random(seed + 2), rows, columns, -2, 3);
        INDArray r = TestArrays.uniform(new Random(seed + 3), rows, columns, -1, 1);
        CallContext context = new CallContext(true, new Random(0), DataType.DOUBLE);
        INDArray y = layer.forward(x, context);
        INDArray dLdx = layer.backward(r.add(y), true, context).dup();
        List<INDArray> numericArrays = new java.util.ArrayList<>();
        List<INDArray> analyticArrays = new java.util.ArrayList<>();
        numericArrays.add(numeric(layer, x, x, r));
        analyticArrays.add(dLdx);
        for (Parameter parameter : layer.parameters()) {
            if (parameter.trainable()) {
                numericArrays.add(numeric(layer, parameter.value(), x, r));
                analyticArrays.add(parameter.gradient().dup());
            }
        }
        for (int a = 0; a < numericArrays.size(); a++) {
            double error = TestArrays.maxRelativeError(numericArrays.get(a), analyticArrays.get(a), 1e-6);
            assertTrue(error < 1e-6, layer.typeName() + " " + rows + "x" + columns + " array " + a + ": relative error " + error
                    + "\nanalytic " + analyticArrays.get(a) + "\nnumeric " + numericArrays.get(a));
        }
    }

    private static INDArray numeric(Layer layer, INDArray nudged, INDArray x, INDArray r) {
        INDArray numeric = nudged.ulike();
        for (long i = 0; i < nudged.length(); i++) {
            double original = nudged.data().getDouble(i);
            nudged.data().put(i, original + 1e-6);
            double plus = loss(layer, x, r);
            nudged.data().put(i, original - 1e-6);
            double minus = loss(layer, x, r);
            nudged.data().put(i, original);
            numeric.data().put(i, (plus - minus) / 2e-6);
        }
        return numeric;
    }

    @Test
    void gradientsFlowThroughTheBatchStatisticsAtSeveralBatchSizes() {
        for (int rows : new int[] {2, 3, 8, 17}) {
            checkLayer(new BatchNormalization(), rows, 5, rows);
            checkLayer(new BatchNormalization(0.9, 1e-5, false, true), rows, 3, 100 + rows);
            checkLayer(new BatchNormalization(0.5, 0.1, true, false), rows, 4, 200 + rows);
            checkLayer(new LayerNormalization(), rows, 5, 300 + rows);
            checkLayer(new LayerNormalization(1e-5, false, true), rows, 7, 400 + rows);
            checkLayer(new LayerNormalization(0.1, true, false), rows, 2, 500 + rows);
        }
    }

    @Test
    void modelGradientsThroughBatchNormalizationMatchTrainingModeDifferences() {
        Sequential model = new Sequential(3L, DataType.DOUBLE);
        model.add(new Dense(4, 3, "tanh")).add(new BatchNormalization(0.9, 1e-3)).add(new Dense(3, "relu"))
                .add(new LayerNormalization()).add(new Dense(2, "softmax"));
        model.compile("categorical_crossentropy", new SGD(0.1));
        for (int rows : new int[] {3, 6, 11}) {
            INDArray x = TestArrays.uniform(new Random(rows), rows, 3, -2, 2);
            INDArray y = TestArrays.oneHot(new Random(rows + 1), rows, 2);
            List<INDArray> analytic = model.gradients(x, y);
            List<Parameter> parameters = model.parameters();
            for (int p = 0; p < parameters.size(); p++) {
                INDArray value = parameters.get(p).value();
                if (!parameters.get(p).trainable()) {
                    continue;
                }
                INDArray numeric = value.ulike();
                for (long i = 0; i < value.length(); i++) {
                    double original = value.data().getDouble(i);
                    value.data().put(i, original + 1e-6);
                    double plus = trainingLoss(model, x, y);
                    value.data().put(i, original - 1e-6);
                    double minus = trainingLoss(model, x, y);
                    value.data().put(i, original);
                    numeric.data().put(i, (plus - minus) / 2e-6);
                }
                double error = TestArrays.maxRelativeError(numeric, analytic.get(p), 1e-7);
                assertTrue(error < 1e-6, parameters.get(p).name() + " batch " + rows + ": " + error);
            }
        }
    }

    /** The mean loss of a training-mode forward pass (batch statistics), changing nothing. */
    private static double trainingLoss(Sequential model, INDArray x, INDArray y) {
        CallContext context = new CallContext(true, new Random(0), DataType.DOUBLE);
        INDArray a = x;
        for (Layer layer : model.getLayers()) {
            a = layer.forward(a, context);
        }
        return model.loss().value(a, y);
    }

    @Test
    void aFrozenBatchNormalizationUsesTheMovingStatisticsAndPassesTheModelGradientCheck() {
        Sequential model = new Sequential(4L, DataType.DOUBLE);
        BatchNormalization norm = new BatchNormalization(0.9, 1e-3);
        model.add(new Dense(4, 3, "tanh")).add(norm).add(new Dense(2, "softmax"));
        norm.setTrainable(false);
        model.compile("categorical_crossentropy", new Adam(0.01));
        INDArray x = TestArrays.uniform(new Random(5), 7, 3, -2, 2);
        INDArray y = TestArrays.oneHot(new Random(6), 7, 2);
        List<INDArray> before = model.getWeights();
        model.fit(x, y, 2, 7);
        List<INDArray> after = model.getWeights();
        for (int i = 2; i < 6; i++) {
            assertEquals(before.get(i), after.get(i), "frozen: weight " + i + " unchanged, moving statistics included");
        }
        GradientCheck.Result result = GradientCheck.check(model, x, y);
        assertTrue(result.maxRelativeError() < 1e-6, result.toString());
        assertFalse(result.worstRelativeErrors().containsKey("batch_normalization/gamma"), result.toString());
    }

    @Test
    void badHyperParametersAreRefusedNamingTheLayerAndValue() {
        for (double momentum : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(momentum, 1e-3));
            assertTrue(e.getMessage().startsWith("BatchNormalization momentum") && e.getMessage().contains(String.valueOf(momentum)),
                    e.getMessage());
        }
        for (double epsilon : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(0.9, epsilon));
            assertTrue(e.getMessage().contains("epsilon") && e.getMessage().contains(String.valueOf(epsilon)), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new LayerNormalization(epsilon));
            assertTrue(e.getMessage().startsWith("LayerNormalization epsilon"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Registry.LAYERS.create("BatchNormalization",
                Map.of("momentum", 1.0, "epsilon", 1e-3, "center", true, "scale", true)));
        BatchNormalization defaults = new BatchNormalization();
        assertEquals(0.99, defaults.momentum(), 0);
        assertEquals(1e-3, defaults.epsilon(), 0);
    }

    @Test
    void summaryCountsAsKerasAndConfigsRoundTrip() {
        Sequential model = new Sequential(3L, DataType.DOUBLE);
        model.add(new Dense(8, 4, "relu")).add(new BatchNormalization()).add(new LayerNormalization())
                .add(new BatchNormalization(0.9, 1e-3, false, true)).add(new Dense(1, "sigmoid"));
        model.compile("binary_crossentropy", new Adam());
        String summary = model.summary();
        // Keras: Dense 40; BN(8) 32, 16 non-trainable; LN(8) 16; BN(8, center=False) 24, 16 non-trainable; Dense 9
        assertTrue(summary.contains("Total params: 121"), summary);
        assertTrue(summary.contains("Trainable params: 89"), summary);
        assertTrue(summary.contains("Non-trainable params: 32"), summary);
        for (Layer layer : model.getLayers()) {
            Layer again = Registry.LAYERS.create(layer.typeName(), layer.config());
            assertEquals(layer.config(), again.config());
        }
        List<String> names = model.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("dense/kernel", "dense/bias", "batch_normalization/gamma", "batch_normalization/beta",
                "batch_normalization/moving_mean", "batch_normalization/moving_variance", "layer_normalization/gamma",
                "layer_normalization/beta", "batch_normalization_1/gamma", "batch_normalization_1/moving_mean",
                "batch_normalization_1/moving_variance", "dense_1/kernel", "dense_1/bias"), names);
    }

    @Test
    void saveAndLoadAreBitForBitAndTrainingContinuesIdentically() throws IOException {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            INDArray x = TestArrays.uniform(new Random(7), 20, 3, -5, 20).castTo(type);
            INDArray y = TestArrays.oneHot(new Random(8), 20, 2).castTo(type);
            Sequential model = new Sequential(9L, type);
            model.add(new Dense(5, 3, "relu")).add(new BatchNormalization(0.9, 1e-3)).add(new LayerNormalization(1e-5))
                    .add(new Dense(2, "softmax"));
            model.compile("categorical_crossentropy", new Adam(0.01));
            model.fit(x, y, new FitOptions().epochs(3).batchSize(6).verbose(0));
            Path file = directory.resolve("bn-" + type + ".zip");
            model.save(file);
            Sequential loaded = Sequential.load(file);
            assertEquals(model.getWeights(), loaded.getWeights());
            assertEquals(model.predict(x), loaded.predict(x), type + ": the moving statistics came back");
            model.fit(x, y, new FitOptions().epochs(2).batchSize(6).verbose(0));
            loaded.fit(x, y, new FitOptions().epochs(2).batchSize(6).verbose(0));
            assertEquals(model.getWeights(), loaded.getWeights(), type + ": training continues bit for bit");
        }
    }

    @Test
    void noPredictSeesHalfAnUpdateOfTheMovingStatistics() throws Exception {
        int n = 3000; // a wide layer: committing its statistics takes long enough for a reader to land inside
        Sequential model = new Sequential(5L, DataType.DOUBLE);
        model.add(new Input(n)).add(new BatchNormalization(0.0, 1e-3)); // momentum 0: the moving values are the last batch's
        model.compile("mse", new SGD(1e-30)); // gamma and beta move by ~1e-30: the outputs show the statistics only
        INDArray a = TestArrays.uniform(new Random(4), 8, n, -1, 1);
        INDArray b = TestArrays.uniform(new Random(5), 8, n, 10, 30);
        INDArray x = Nd4j.vstack(a, b); // batches of 8 without shuffling: a, b, a, b, ...
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, n);
        INDArray probe = TestArrays.uniform(new Random(6), 2, n, 0, 10);
        List<INDArray> states = List.of(normalised(probe, Nd4j.zeros(DataType.DOUBLE, n), Nd4j.ones(DataType.DOUBLE, n)),
                normalised(probe, a.mean(0), a.var(false, 0)), normalised(probe, b.mean(0), b.var(false, 0)));
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<INDArray> seen = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                seen.add(model.predict(probe));
            }
        });
        reader.start();
        try {
            model.fit(x, y, new FitOptions().epochs(30).batchSize(8).shuffle(false).verbose(0));
        } finally {
            done.set(true);
            reader.join();
        }
        assertTrue(seen.size() > 10, "the reader ran during fit: " + seen.size());
        int half = 0;
        for (INDArray output : seen) {
            if (states.stream().noneMatch(state -> state.equalsWithEps(output, 1e-9))) {
                half++;
            }
        }
        assertEquals(0, half, "predictions from half-updated statistics, of " + seen.size());
        assertTrue(KerasFixture.error(model.getWeights().get(2), b.mean(0)) < 1e-12, "the last batch was b");
    }

    private static INDArray normalised(INDArray x, INDArray mean, INDArray variance) {
        return x.subRowVector(mean).diviRowVector(org.nd4j.linalg.ops.transforms.Transforms.sqrt(variance.add(1e-3), false));
    }
}
