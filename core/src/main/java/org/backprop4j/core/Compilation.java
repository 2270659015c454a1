package org.backprop4j.core;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code compile} fixes for a {@link Sequential}: the objective (loss and metrics), the optimizer
 * bound to the network's trainable weights, and whether that compile still holds (adding or removing
 * a layer undoes it). The model's facade asks this class before every training or scoring call.
 */
final class Compilation {

    private static final Logger log = LoggerFactory.getLogger(Sequential.class); // the model's log category

    private Objective objective;
    private Optimizer optimizer;
    private boolean compiled;

    /**
     * Checks everything, then binds {@code optimizer} to the trainable weights of {@code network} (the
     * previous optimizer lets go of them) and takes {@code loss} and {@code metrics} as the objective.
     *
     * @throws IllegalStateException for an empty network
     * @throws IllegalArgumentException for a null loss or optimizer, or a bad metric
     */
    void compile(Object model, Network network, Loss loss, Optimizer optimizer, Object[] metrics) {
        if (network.isEmpty()) {
            throw new IllegalStateException("Add layers before compile(): the model is empty");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null; e.g. new SGD(0.01)");
        }
        Objective resolved = new Objective(network, loss, metrics); // checks the metrics first
        optimizer.bind(model, network.trainableParameters());
        if (this.optimizer != null && this.optimizer != optimizer) {
            this.optimizer.bind(model, List.of()); // the old one lets go of this model's weights
        }
        this.objective = resolved;
        this.optimizer = optimizer;
        compiled = true;
        log.debug("Compiled: loss {}, optimizer {}, metrics {}, fused output gradient: {}", loss.name(),
                optimizer.name(), resolved.metrics().stream().map(Metric::name).toList(), resolved.fused());
    }

    /** Marks the compile as no longer holding ({@code what} changed the layers), warning once if it held. */
    void undo(String what) {
        if (compiled) {
            compiled = false;
            Warnings.warn(Sequential.class, what + ": call compile(...) again before training");
        }
    }

    /**
     * @throws IllegalStateException if the network has no layers or the compile does not hold
     */
    void require(Network network, String operation) {
        if (network.isEmpty()) {
            throw new IllegalStateException("Cannot " + operation + ": the model has no layers");
        }
        if (!compiled) {
            throw new IllegalStateException("Cannot " + operation + " before compile(loss, optimizer, metrics...)"
                    + (objective != null ? ": a layer was added or removed after the last compile" : ""));
        }
    }

    boolean holds() {
        return compiled;
    }

    /** The objective of the last compile, or null. */
    Objective objective() {
        return objective;
    }

    /** The optimizer of the last compile, or null. */
    Optimizer optimizer() {
        return optimizer;
    }
}
