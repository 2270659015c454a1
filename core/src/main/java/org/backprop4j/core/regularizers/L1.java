package org.backprop4j.core.regularizers;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code L1(l1)}: {@code penalty = l1 * sum |w|}, gradient {@code l1 * sign(w)} (0 at w = 0).
 * Pushes every weight towards 0 with the same force, so small weights end exactly at 0 (sparse
 * weights). Keras' default factor for {@code "l1"} is 0.01.
 */
public final class L1 implements Regularizer {

    /** Keras' default factor. */
    public static final double DEFAULT = 0.01;

    private final double l1;

    /**
     * @throws IllegalArgumentException if the factor is negative or not finite
     */
    public L1(double l1) {
        this.l1 = L1L2.checkFactor("l1", l1);
    }

    /** From {@code {"l1": ...}} (missing: 0.01), as {@link #config()} writes it. */
    public static L1 fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "l1 regularizer", List.of(), List.of("l1"));
        return new L1(config.containsKey("l1") ? Config.number(config, "l1") : DEFAULT);
    }

    @Override
    public double penalty(INDArray weights) {
        return L1L2.penalty(weights, l1, 0);
    }

    @Override
    public void addGradient(INDArray weights, INDArray gradient) {
        L1L2.addGradient(weights, gradient, l1, 0);
    }

    /** The factor. */
    public double l1() {
        return l1;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("l1", l1);
    }

    @Override
    public String toString() {
        return "L1(l1=" + l1 + ")";
    }
}
