package org.backprop4j.core;

import java.util.Map;

/**
 * Anything a model is made of that can be saved by name: layers, activation functions, losses,
 * metrics, optimizers, initialisers, regularisers, learning-rate schedules. Its settings are
 * {@link #config()} (Keras' {@code get_config}); the factory registered for it in {@link Registry}
 * makes it again from that map (Keras' {@code from_config}).
 *
 * <p>Threads: losses, activations, initializers and regularizers are immutable and may be shared by
 * any number of models and threads; an optimizer or a layer belongs to one model; a metric holds a
 * running state, and the model accumulates in its own {@link Metric#fresh()} copies.
 */
public interface Component {

    /**
     * The settings that recreate this component through its registered factory: JSON-friendly
     * values only (numbers, booleans, strings, null, and maps and lists of them). Empty by default.
     */
    default Map<String, Object> config() {
        return Map.of();
    }
}
