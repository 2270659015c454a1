package org.backprop4j.core;

import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns gradients into weight updates. {@link #step} is called once per batch with every trainable
 * array of the model and its gradient, in Keras weight order ({@code [kernel0, bias0, kernel1, ...]}).
 *
 * <p>Implementations in other modules (SGD in {@code optim}) register themselves with
 * {@link ServiceLoader}, so {@code model.compile("mse", "sgd")} finds them by name.
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
