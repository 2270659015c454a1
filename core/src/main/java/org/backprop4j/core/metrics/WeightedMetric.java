package org.backprop4j.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import org.backprop4j.core.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that the model gives the sample weights of {@code fit} and {@code evaluate}: Keras'
 * {@code weighted_metrics=}. Made by {@link Metrics#weighted}; the metrics named in {@code compile}
 * directly are Keras' {@code metrics=}, which see no sample weights. Reported as
 * {@code "weighted_" + name} when given by name (Keras' {@code "weighted_accuracy"}), under the
 * metric's own name when given as an object.
 */
public final class WeightedMetric implements Metric {

    private final Object given;   // a name, or a Metric, before compile resolves it
    private final Metric metric;  // null until resolved
    private final String name;

    WeightedMetric(Object given, Metric metric, String name) {
        this.given = given;
        this.metric = metric;
        this.name = name;
    }

    /** What was given to {@link Metrics#weighted}: a name or a metric. */
    public Object given() {
        return given;
    }

    /** The metric that accumulates, or null before compile resolved the name. */
    public Metric metric() {
        return metric;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean usesSampleWeights() {
        return true;
    }

    @Override
    public void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        resolved().update(predictions, targets, sampleWeights);
    }

    @Override
    public double result() {
        return resolved().result();
    }

    @Override
    public void reset() {
        resolved().reset();
    }

    @Override
    public Metric fresh() {
        return new WeightedMetric(given, resolved().fresh(), name);
    }

    /** {@code {"given": the name, or null when a metric object was given}}: the wrapped metric is saved beside it. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("given", given instanceof String text ? text : null);
        return config;
    }

    private Metric resolved() {
        if (metric == null) {
            throw new IllegalStateException("weighted metric '" + given + "' is not resolved: give it to compile()");
        }
        return metric;
    }

    @Override
    public String toString() {
        return "weighted(" + (metric != null ? metric : given) + ")";
    }
}
