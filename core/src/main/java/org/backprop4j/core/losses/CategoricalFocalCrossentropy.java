package org.backprop4j.core.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code categorical_focal_crossentropy} (Lin et al., 2018): categorical cross-entropy whose
 * terms are scaled down where the model is already confident. Per sample, with one-hot y (smoothed
 * first when {@code labelSmoothing > 0}: {@code y' = y (1 - s) + s / K}):
 * <pre>
 *   o_k = p_k / sum_j p_j                       Keras renormalises each row (from logits: o = softmax(z))
 *   c_k = clip(o_k, 1e-7, 1 - 1e-7)
 *   l   = sum_k alpha (1 - c_k)^gamma (-y_k log c_k)
 * </pre>
 * and {@code L} is the mean of l over the B samples. {@code gamma = 0, alpha = 1} is categorical
 * cross-entropy.
 *
 * <p>Gradient: with {@code g_k = dl/do_k = alpha y_k (gamma (1 - c_k)^(gamma-1) log c_k - (1 - c_k)^gamma / c_k)}
 * inside the clip (0 outside) and {@code m = sum_k g_k o_k}:
 * <pre>
 *   probabilities: dL/dp_j = (g_j - m) / sum_k p_k / B
 *   logits:        dL/dz_j = o_j (g_j - m) / B              (the softmax's Jacobian)
 * </pre>
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class CategoricalFocalCrossentropy implements Loss {

    /** Keras' {@code epsilon()}: the clipping margin of the probabilities. */
    public static final double EPSILON = 1e-7;
    /** Keras' default weighting factor. */
    public static final double DEFAULT_ALPHA = 0.25;
    /** Keras' default focusing parameter. */
    public static final double DEFAULT_GAMMA = 2.0;

    private final double alpha;
    private final double gamma;
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** Keras' defaults: alpha 0.25, gamma 2, on probabilities. */
    public CategoricalFocalCrossentropy() {
        this(DEFAULT_ALPHA, DEFAULT_GAMMA, false);
    }

    /** Keras' argument order: {@code (alpha, gamma, from_logits)}, no label smoothing. */
    public CategoricalFocalCrossentropy(double alpha, double gamma, boolean fromLogits) {
        this(alpha, gamma, fromLogits, 0);
    }

    /**
     * @param alpha the weight of every class's term, finite and &gt;= 0
     * @param gamma the focusing parameter, finite and &gt;= 0 (0: no focal effect)
     * @param fromLogits true when the model outputs logits (no softmax)
     * @param labelSmoothing in [0, 1]: this much of each target row is spread evenly over the classes
     * @throws IllegalArgumentException for a value outside these ranges
     */
    public CategoricalFocalCrossentropy(double alpha, double gamma, boolean fromLogits, double labelSmoothing) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("CategoricalFocalCrossentropy alpha must be a finite number >= 0, got "
                    + alpha);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("CategoricalFocalCrossentropy gamma must be a finite number >= 0, got "
                    + gamma);
        }
        CategoricalCrossentropy.checkSmoothing("CategoricalFocalCrossentropy", labelSmoothing);
        this.alpha = alpha;
        this.gamma = gamma;
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    /** From the keys {@link #config()} writes; a missing key takes Keras' default. */
    public static CategoricalFocalCrossentropy fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "CategoricalFocalCrossentropy", List.of(),
                List.of("alpha", "gamma", "fromLogits", "labelSmoothing"));
        return new CategoricalFocalCrossentropy(
                config.containsKey("alpha") ? Config.number(config, "alpha") : DEFAULT_ALPHA,
                config.containsKey("gamma") ? Config.number(config, "gamma") : DEFAULT_GAMMA,
                config.containsKey("fromLogits") && Config.bool(config, "fromLogits"),
                config.containsKey("labelSmoothing") ? Config.number(config, "labelSmoothing") : 0);
    }

    /** {@code alpha}, {@code gamma}, {@code fromLogits}, and {@code labelSmoothing} when not 0. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("alpha", alpha);
        config.put("gamma", gamma);
        config.put("fromLogits", fromLogits);
        if (labelSmoothing != 0) {
            config.put("labelSmoothing", labelSmoothing);
        }
        return config;
    }

    /** The weighting factor. */
    public double alpha() {
        return alpha;
    }

    /** The focusing parameter. */
    public double gamma() {
        return gamma;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The share of each target row spread evenly over the classes. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** Every target must be in [0, 1] (one-hot rows); the first one outside is named. */
    @Override
    public void validateTargets(INDArray targets) {
        BinaryCrossentropy.requireUnitInterval(name(), targets);
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] out = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int classes = (int) predictions.columns();
        int rows = (int) predictions.rows();
        double[] o = new double[classes];
        double sum = 0;
        for (int b = 0; b < rows; b++) {
            int row = b * classes;
            normalise(out, row, o);
            for (int k = 0; k < classes; k++) {
                double target = smooth(y[row + k], classes);
                double c = clip(o[k]);
                sum += alpha * Math.pow(1 - c, gamma) * (-target * Math.log(c));
            }
        }
        return sum / rows;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] out = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int classes = (int) predictions.columns();
        int rows = (int) predictions.rows();
        Values result = Values.of(gradient);
        double scale = 1.0 / rows;
        double[] o = new double[classes];
        double[] g = new double[classes];
        for (int b = 0; b < rows; b++) {
            int row = b * classes;
            double total = normalise(out, row, o);
            double m = 0;
            for (int k = 0; k < classes; k++) {
                double target = smooth(y[row + k], classes);
                double c = o[k];
                boolean inside = c >= EPSILON && c <= 1 - EPSILON;
                g[k] = !inside || target == 0 ? 0
                        : alpha * target * ((gamma == 0 ? 0 : gamma * Math.pow(1 - c, gamma - 1) * Math.log(c))
                                - Math.pow(1 - c, gamma) / c);                                 // dl/do_k
                m += g[k] * o[k];
            }
            for (int j = 0; j < classes; j++) {
                double d = fromLogits ? o[j] * (g[j] - m) : (g[j] - m) / total;
                result.set(row + j, d * scale);
            }
        }
    }

    /** Writes row {@code row}'s o (renormalised probabilities, or the softmax) into o; returns the row's sum of p. */
    private double normalise(double[] out, int row, double[] o) {
        int classes = o.length;
        if (fromLogits) {
            double logSum = SparseCategoricalCrossentropy.logSumExp(out, row, classes);
            for (int k = 0; k < classes; k++) {
                o[k] = Math.exp(out[row + k] - logSum);
            }
            return 1;
        }
        double total = 0;
        for (int k = 0; k < classes; k++) {
            total += out[row + k];
        }
        for (int k = 0; k < classes; k++) {
            o[k] = out[row + k] / total;
        }
        return total;
    }

    private double smooth(double target, int classes) {
        return labelSmoothing == 0 ? target : target * (1 - labelSmoothing) + labelSmoothing / classes;
    }

    private static double clip(double value) {
        return Math.min(Math.max(value, EPSILON), 1 - EPSILON);
    }

    @Override
    public String toString() {
        return "CategoricalFocalCrossentropy(alpha=" + alpha + ", gamma=" + gamma + ", fromLogits=" + fromLogits
                + ", labelSmoothing=" + labelSmoothing + ")";
    }
}
