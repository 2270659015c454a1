package org.backprop4j.core.metrics;

import java.util.Locale;

import org.backprop4j.core.Loss;
import org.backprop4j.core.Metric;
import org.backprop4j.core.Registry;

/**
 * Turns the metric names given to {@code compile} into metrics, with Keras' rule for {@code "accuracy"}.
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
}
