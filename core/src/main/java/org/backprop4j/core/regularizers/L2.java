package org.backprop4j.core.regularizers;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code L2(l2)}, weight decay: {@code penalty = l2 * sum w^2}, gradient {@code 2 * l2 * w}.
 * Pulls each weight towards 0 in proportion to its size. Keras' default factor for {@code "l2"} is
 * 0.01.
 */
public final class L2 implements Regularizer {

    /** Keras' default factor. */
    public static final double DEFAULT = 0.01;

    private final double l2;

    /**
     * @throws IllegalArgumentException if the factor is negative or not finite
     */
    public L2(double l2) {
        this.l2 = L1L2.checkFactor("l2", l2);
    }

    /** From {@code {"l2": ...}} (missing: 0.01), as {@link #config()} writes it. */
    public static L2 fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "l2 regularizer", List.of(), List.of("l2"));
        return new L2(config.containsKey("l2") ? Config.number(config, "l2") : DEFAULT);
    }

    @Override
    public double penalty(INDArray weights) {
        return L1L2.penalty(weights, 0, l2);
    }

    @Override
    public void addGradient(INDArray weights, INDArray gradient) {
        L1L2.addGradient(weights, gradient, 0, l2);
    }

    /** The factor. */
    public double l2() {
        return l2;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("l2", l2);
    }

    @Override
    public String toString() {
        return "L2(l2=" + l2 + ")";
    }
}
