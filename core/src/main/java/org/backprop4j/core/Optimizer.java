package org.backprop4j.core;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns gradients into weight updates. {@link #step} is called once per batch with every trainable
 * array of the model and its gradient, in Keras weight order ({@code [kernel0, bias0, kernel1, ...]}).
 *
 * <p>Implementations in other modules (SGD in {@code optim}) register themselves with
 * {@link ServiceLoader}, so {@code model.compile("mse", "sgd")} finds them by name.
 *
 * <p>Saving: an optimizer that can be saved with its model describes its settings with
 * {@link #config()} and its per-weight state (such as momentum velocities) with {@link #state()};
 * loading finds the registered optimizer by {@link #name()} and calls {@link #fromConfig(Map)} and
 * then {@link #setState(List, List)} on the new one.
 */
public interface Optimizer {

    /** The Keras name, e.g. {@code "sgd"}. */
    String name();

    /** Updates every parameter in place; the two lists are parallel. */
    void step(List<INDArray> parameters, List<INDArray> gradients);

    /** Forgets per-parameter state such as momentum velocities (called by {@code compile}). */
    default void reset() {
    }

    /**
     * The settings that recreate this optimizer with {@link #fromConfig(Map)}, as JSON-friendly
     * values (numbers, booleans, strings), e.g. {@code {"learningRate": 0.5, "momentum": 0.9}}.
     *
     * @throws UnsupportedOperationException if this optimizer cannot be saved (the default)
     */
    default Map<String, Object> config() {
        throw new UnsupportedOperationException("Optimizer '" + name() + "' (" + getClass().getName()
                + ") does not describe its settings (config()), so a model using it cannot be saved");
    }

    /**
     * A new optimizer of this type with the settings of {@link #config()}; called on the registered
     * instance when a model is loaded.
     *
     * @throws IllegalArgumentException naming the missing, unknown or bad setting
     * @throws UnsupportedOperationException if this optimizer cannot be loaded (the default)
     */
    default Optimizer fromConfig(Map<String, Object> config) {
        throw new UnsupportedOperationException("Optimizer '" + name() + "' cannot be created from a saved config");
    }

    /**
     * The arrays this optimizer carries from step to step (e.g. SGD's momentum velocities, one per
     * weight, in weight order); empty when it has none (the default). Saved with the model.
     */
    default List<INDArray> state() {
        return List.of();
    }

    /**
     * Replaces the state with arrays read from a saved model, checking them against the model's
     * weights; an empty list means a fresh state.
     *
     * @param state arrays as {@link #state()} returned them
     * @param parameters the model's live weights, in weight order
     * @throws IllegalArgumentException if the arrays do not fit this optimizer and these weights
     */
    default void setState(List<INDArray> state, List<INDArray> parameters) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException("Optimizer '" + name() + "' keeps no state, got " + state.size() + " arrays");
        }
    }

    /**
     * A new optimizer with default settings, found by its Keras name among the registered ones.
     *
     * @throws IllegalArgumentException naming the registered optimizers when none matches
     */
    static Optimizer byName(String name) {
        TreeSet<String> known = new TreeSet<>();
        for (Optimizer optimizer : ServiceLoader.load(Optimizer.class)) {
            if (optimizer.name().equalsIgnoreCase(name)) {
                return optimizer;
            }
            known.add(optimizer.name());
        }
        throw new IllegalArgumentException("Unknown optimizer '" + name + "'; registered optimizers: "
                + (known.isEmpty() ? "none (add backprop4j-optim to the class path)" : String.join(", ", known)));
    }
}
