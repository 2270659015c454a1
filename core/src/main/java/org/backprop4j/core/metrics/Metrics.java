package org.backprop4j.core.metrics;

import java.util.List;
import java.util.Locale;

import org.backprop4j.core.Loss;
import org.backprop4j.core.Metric;
import org.backprop4j.core.losses.BinaryCrossentropy;

/** Looks up a {@link Metric} by its Keras name. */
public final class Metrics {

    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("accuracy", "acc", "binary_accuracy", "categorical_accuracy");

    private Metrics() {
    }

    /**
     * A metric for a Keras name. {@code "accuracy"} (or {@code "acc"}) follows Keras' rule: binary
     * accuracy (threshold 0.5) when the model has one output column or the loss is binary
     * cross-entropy, otherwise categorical accuracy (argmax match).
     *
     * @param outputSize the model's number of output columns
     * @param loss the compiled loss
     * @throws IllegalArgumentException naming the valid names when {@code name} is not one
     */
    public static Metric byName(String name, long outputSize, Loss loss) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "accuracy":
            case "acc":
                return outputSize == 1 || loss instanceof BinaryCrossentropy
                        ? new BinaryAccuracy(key) : new CategoricalAccuracy(key);
            case "binary_accuracy":
                return new BinaryAccuracy(key);
            case "categorical_accuracy":
                return new CategoricalAccuracy(key);
            default:
                throw new IllegalArgumentException(
                        "Unknown metric '" + name + "'; valid metrics: " + String.join(", ", NAMES));
        }
    }
}
