package org.backprop4j.core.metrics;

import java.util.Locale;

import org.backprop4j.core.Loss;
import org.backprop4j.core.Metric;
import org.backprop4j.core.Registry;

/**
 * Turns what is given to {@code compile} as metrics (names, {@link Metric} objects, and either
 * wrapped by {@link #weighted}) into metrics, with Keras' rule for {@code "accuracy"}.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The metric for a name given to {@code compile}. {@code "accuracy"} (or {@code "acc"}) follows
     * Keras' rule, as the loss declares it ({@link Loss#accuracyKind}): binary accuracy (threshold
     * 0.5) when the model has one output column or the loss is binary cross-entropy, sparse
     * categorical accuracy (argmax equals the class index) when the loss is sparse categorical
     * cross-entropy, otherwise categorical accuracy (argmax match); it is reported under the name given. Any other name is looked up in {@link Registry#METRICS}.
     *
     * @param outputSize the model's number of output columns
     * @param loss the compiled loss
     * @throws IllegalArgumentException naming the registered metrics when {@code name} is not one
     */
    public static Metric resolve(String name, long outputSize, Loss loss) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("accuracy") || key.equals("acc")) {
            Loss.AccuracyKind kind = loss == null
                    ? (outputSize == 1 ? Loss.AccuracyKind.BINARY : Loss.AccuracyKind.CATEGORICAL)
                    : loss.accuracyKind(outputSize);
            return switch (kind) {
                case BINARY -> new BinaryAccuracy(key);
                case SPARSE_CATEGORICAL -> new SparseCategoricalAccuracy(key);
                case CATEGORICAL -> new CategoricalAccuracy(key);
            };
        }
        if (!Registry.METRICS.contains(name)) {
            throw new IllegalArgumentException("Unknown metric '" + name + "'; valid metrics: accuracy, acc, "
                    + String.join(", ", Registry.METRICS.names()));
        }
        return Registry.METRICS.create(name);
    }

    /**
     * What {@code compile} takes as one metric: a name (through {@link #resolve(String, long, Loss)}),
     * a {@link Metric} object (kept as given: each pass accumulates in its {@code fresh()} copy), or
     * a {@link #weighted} one, resolved the same way inside.
     *
     * @param position the metric's place in compile's list, for messages
     * @throws IllegalArgumentException naming the value when it is none of these, or an unknown name
     */
    public static Metric resolve(Object given, int position, long outputSize, Loss loss) {
        if (given instanceof String name) {
            return resolve(name, outputSize, loss);
        }
        if (given instanceof WeightedMetric weighted) {
            if (weighted.metric() != null) {
                return weighted;
            }
            Object inner = weighted.given();
            Metric metric = resolve(inner, position, outputSize, loss);
            return new WeightedMetric(inner, metric, inner instanceof String ? "weighted_" + metric.name() : metric.name());
        }
        if (given instanceof Metric metric) {
            return metric;
        }
        throw new IllegalArgumentException("metric " + position + " of compile is "
                + (given == null ? "null" : given.getClass().getName() + " (" + given + ")")
                + ": give a metric name such as \"accuracy\" or a Metric object such as new AUC()");
    }

    /**
     * Keras' {@code weighted_metrics=}: the metric (a name or a {@link Metric}) receives the sample
     * weights of {@code fit} and {@code evaluate}; reported as {@code "weighted_" + name} when given
     * by name, under its own name when given as an object. Pass the result to {@code compile} beside
     * the unweighted metrics: {@code compile("binary_crossentropy", new Adam(), "accuracy",
     * Metrics.weighted("accuracy"))}.
     *
     * @throws IllegalArgumentException if {@code metric} is neither a name nor a Metric
     */
    public static Metric weighted(Object metric) {
        if (!(metric instanceof String) && !(metric instanceof Metric) || metric instanceof WeightedMetric) {
            throw new IllegalArgumentException("Metrics.weighted takes a metric name or a Metric object, got "
                    + (metric == null ? "null" : metric.getClass().getName() + " (" + metric + ")"));
        }
        return new WeightedMetric(metric, metric instanceof Metric object ? object : null,
                metric instanceof Metric object ? object.name() : "weighted_" + metric);
    }
}
