package org.backprop4j.core.activations;

import java.util.List;
import java.util.Locale;

import org.backprop4j.core.ActivationFunction;

/** Looks up an {@link ActivationFunction} by its Keras name. */
public final class Activations {

    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("sigmoid", "softmax", "tanh", "relu", "linear");

    private Activations() {
    }

    /**
     * A new activation function for a Keras name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid names when {@code name} is not one
     */
    public static ActivationFunction byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "sigmoid":
                return new Sigmoid();
            case "softmax":
                return new Softmax();
            case "tanh":
                return new Tanh();
            case "relu":
                return new Relu();
            case "linear":
                return new Linear();
            default:
                throw new IllegalArgumentException(
                        "Unknown activation '" + name + "'; valid activations: " + String.join(", ", NAMES));
        }
    }
}
