package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Metric;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.metrics.AUC;
import org.backprop4j.core.metrics.F1Score;
import org.backprop4j.core.metrics.MeanMetric;
import org.backprop4j.core.metrics.Metrics;
import org.backprop4j.core.metrics.R2Score;
import org.backprop4j.core.metrics.TopKCategoricalAccuracy;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Metric objects in {@code compile} ({@code Object... metrics}): names and objects side by side,
 * settings kept through save and load, clear errors for what is not a metric, and epoch values that
 * are the metric of the whole epoch (stateful, as Keras), not a mean of per-batch values.
 */
class MetricObjectsTest {

    private static final INDArray X = Nd4j.createFromArray(new double[][] {
        {0.5, -1.2}, {1.5, 0.2}, {-0.3, 0.8}, {0.9, -0.4}, {-1.1, 0.6}, {0.2, 1.3}, {0.4, 0.4}});
    private static final INDArray Y = Nd4j.createFromArray(new double[][] {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}});

    private static Sequential model() {
        return new Sequential(3L).add(new Dense(4, 2, "tanh")).add(new Dense(3, "softmax"));
    }

    @Test
    void settingsSurviveSaveAndLoad(@TempDir Path dir) throws Exception {
        Sequential model = model().compile("categorical_crossentropy", new Adam(), "accuracy",
                new AUC(50, AUC.Curve.PR, AUC.Summation.MAJORING, false, "pr_auc"), F1Score.micro(),
                new TopKCategoricalAccuracy(2), Metrics.weighted("accuracy"), Metrics.weighted(new R2Score("w_r2")), "mse");
        Path file = dir.resolve("m.bp4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        List<Metric> saved = model.metrics();
        List<Metric> again = loaded.metrics();
        assertEquals(saved.size(), again.size());
        for (int i = 0; i < saved.size(); i++) {
            assertEquals(saved.get(i).name(), again.get(i).name());
            assertEquals(saved.get(i).getClass(), again.get(i).getClass());
            assertEquals(saved.get(i).config(), again.get(i).config());
            assertEquals(saved.get(i).usesSampleWeights(), again.get(i).usesSampleWeights(), saved.get(i).name());
        }
        assertEquals(List.of("accuracy", "pr_auc", "f1_score", "top_k_categorical_accuracy", "weighted_accuracy", "w_r2", "mse"),
                again.stream().map(Metric::name).toList());
        INDArray w = Nd4j.createFromArray(1.0, 0.5, 2, 0, 1, 1, 0.25);
        assertEquals(model.evaluate(X, Y, w), loaded.evaluate(X, Y, w));
        String json;
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(json.contains("\"accuracy\"") && json.contains("\"weighted\"") && json.contains("numThresholds"), json);
    }

    @Test
    void epochValuesAreOfTheWholeEpoch() {
        Sequential model = model().compile("categorical_crossentropy", new SGD(1e-300), new AUC(), F1Score.macro());
        History history = model.fit(X, Y, new FitOptions().epochs(1).batchSize(2).shuffle(false).verbose(0));
        Map<String, Double> whole = model.evaluate(X, Y);   // learning rate 1e-300: no weight moves, the same predictions
        assertEquals(whole.get("auc"), history.get("auc").get(0), 1e-12);
        assertEquals(whole.get("f1_score"), history.get("f1_score").get(0), 1e-12);
        double meanOfBatches = 0;   // what a mean of per-batch AUCs would give instead
        INDArray p = model.predict(X);
        for (int start = 0; start < 7; start += 2) {
            int end = Math.min(start + 2, 7);
            INDArray pb = p.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end), org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray yb = Y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end), org.nd4j.linalg.indexing.NDArrayIndex.all());
            meanOfBatches += new AUC().value(pb, yb) * (end - start) / 7.0;
        }
        assertTrue(Math.abs(meanOfBatches - history.get("auc").get(0)) > 1e-3, meanOfBatches + " vs " + history.get("auc"));
    }

    @Test
    void whatIsNotAMetricIsRefusedByName() {
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> model().compile("mse", new Adam(), "mae", 42));
        assertTrue(number.getMessage().contains("metric 1") && number.getMessage().contains("java.lang.Integer (42)"),
                number.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> model().compile("mse", new Adam(), new AUC(), "auc"));
        assertTrue(twice.getMessage().contains("'auc'"), twice.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> model().compile("mse", new Adam(), "f2_score"));
        assertTrue(unknown.getMessage().contains("f2_score") && unknown.getMessage().contains("r2_score"), unknown.getMessage());
        Sequential plain = model().compile("mse", new Adam());   // no metrics: still unambiguous
        assertEquals(List.of(), plain.metrics());
    }

    /** A metric of one's own, not registered: it trains and evaluates, and save says why it cannot save it. */
    static final class Hits extends MeanMetric {
        Hits() {
            super("hits");
        }

        @Override
        protected void sampleValues(double[] p, double[] y, int rows, int columns, double[] values) {
            for (int r = 0; r < rows; r++) {
                values[r] = p[r * columns] > 0.3 ? 1 : 0;
            }
        }
    }

    @Test
    void anUnregisteredMetricTrainsButCannotBeSaved(@TempDir Path dir) {
        Sequential model = model().compile("categorical_crossentropy", new Adam(), new Hits());
        History history = model.fit(X, Y, new FitOptions().epochs(2).batchSize(3).verbose(0));
        assertEquals(2, history.get("hits").size());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.save(dir.resolve("x.bp4j")));
        assertTrue(e.getMessage().contains("'hits'") && e.getMessage().contains("Registry.METRICS.register"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("x.bp4j")));
    }
}
