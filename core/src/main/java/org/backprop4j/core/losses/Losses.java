package org.backprop4j.core.losses;

import java.util.List;
import java.util.Locale;

import org.backprop4j.core.Loss;

/** Looks up a {@link Loss} by its Keras name or alias. */
public final class Losses {

    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of(
            "mean_squared_error", "mse", "binary_crossentropy", "categorical_crossentropy");

    private Losses() {
    }

    /**
     * A new loss for a Keras name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid names when {@code name} is not one
     */
    public static Loss byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "mean_squared_error":
            case "mse":
                return new MeanSquaredError();
            case "binary_crossentropy":
                return new BinaryCrossentropy();
            case "categorical_crossentropy":
                return new CategoricalCrossentropy();
            default:
                throw new IllegalArgumentException(
                        "Unknown loss '" + name + "'; valid losses: " + String.join(", ", NAMES));
        }
    }
}
