package org.backprop4j.core.regularizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Regularizer;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code L1L2(l1, l2)}: both penalties at once,
 * <pre>
 *   penalty = l1 * sum |w| + l2 * sum w^2
 *   d penalty / dw = l1 * sign(w) + 2 * l2 * w          (sign(0) = 0)
 * </pre>
 * The penalty is added, unscaled, to the batch's mean loss (so it weighs the same whatever the
 * batch size), as Keras does. {@link L1} and {@link L2} are the two halves on their own.
 */
public final class L1L2 implements Regularizer {

    private final double l1;
    private final double l2;

    /**
     * @throws IllegalArgumentException if a factor is negative or not finite
     */
    public L1L2(double l1, double l2) {
        this.l1 = checkFactor("l1", l1);
        this.l2 = checkFactor("l2", l2);
    }

    /**
     * From {@code {"l1": ..., "l2": ...}}, as {@link #config()} writes it; a missing factor is 0,
     * and an empty config is Keras' {@code regularizers.get("l1_l2")}: 0.01 for both.
     */
    public static L1L2 fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "l1l2 regularizer", List.of(), List.of("l1", "l2"));
        if (config.isEmpty()) {
            return new L1L2(L1.DEFAULT, L2.DEFAULT);
        }
        return new L1L2(config.containsKey("l1") ? Config.number(config, "l1") : 0.0,
                config.containsKey("l2") ? Config.number(config, "l2") : 0.0);
    }

    /**
     * A regularisation factor: finite and {@code >= 0}.
     *
     * @throws IllegalArgumentException naming the factor and its value otherwise
     */
    static double checkFactor(String name, double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("The " + name + " regularisation factor must be a finite number >= 0, got "
                    + factor);
        }
        return factor;
    }

    /** {@code l1 * sum |w| + l2 * sum w^2}. */
    static double penalty(INDArray weights, double l1, double l2) {
        Values w = Values.of(Arrays2D.isPlain(weights) ? weights : weights.dup('c')); // in place: no copy per batch
        double absolute = 0;
        double squares = 0;
        for (long i = 0, n = weights.length(); i < n; i++) {
            double value = w.get(i);
            absolute += Math.abs(value);
            squares += value * value;
        }
        return (l1 == 0 ? 0 : l1 * absolute) + (l2 == 0 ? 0 : l2 * squares);
    }

    /** {@code gradient += l1 * sign(w) + 2 l2 w}, element by element; gradient must be plain (a layer's is). */
    static void addGradient(INDArray weights, INDArray gradient, double l1, double l2) {
        if (!Arrays2D.isPlain(gradient)) {
            throw new IllegalArgumentException("A regulariser adds to a plain gradient array, got a view of shape "
                    + java.util.Arrays.toString(gradient.shape()));
        }
        Values w = Values.of(Arrays2D.isPlain(weights) ? weights : weights.dup('c'));
        Values g = Values.of(gradient);
        double twoL2 = 2 * l2;
        for (long i = 0, n = weights.length(); i < n; i++) {
            double value = w.get(i);
            g.set(i, g.get(i) + l1 * Math.signum(value) + twoL2 * value);
        }
    }

    @Override
    public double penalty(INDArray weights) {
        return penalty(weights, l1, l2);
    }

    @Override
    public void addGradient(INDArray weights, INDArray gradient) {
        addGradient(weights, gradient, l1, l2);
    }

    /** The L1 factor. */
    public double l1() {
        return l1;
    }

    /** The L2 factor. */
    public double l2() {
        return l2;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", l1);
        config.put("l2", l2);
        return config;
    }

    @Override
    public String toString() {
        return "L1L2(l1=" + l1 + ", l2=" + l2 + ")";
    }
}
