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
 * Keras' {@code binary_focal_crossentropy} (Lin et al., 2018): binary cross-entropy scaled down for
 * the examples the model already gets right. Per element, with y smoothed first when
 * {@code labelSmoothing > 0} ({@code y' = y (1 - s) + s / 2}) and p the probability (the sigmoid of
 * the logit z when {@code fromLogits}):
 * <pre>
 *   bce = -(y log c + (1 - y) log(1 - c))       c = clip(p, 1e-7, 1 - 1e-7)
 *                                               (from logits: max(z, 0) - z y + log(1 + exp(-|z|)), unclipped)
 *   p_t = y p + (1 - y)(1 - p)                  how right the prediction is
 *   l   = w (1 - p_t)^gamma bce                 w = y alpha + (1 - y)(1 - alpha) with class balancing, else 1
 * </pre>
 * and {@code L} is the mean of l over all B*K elements. {@code gamma = 0} without balancing is plain
 * binary cross-entropy. (From logits, Keras' TensorFlow backend inside {@code fit} recognises the
 * sigmoid and computes bce from the logits, as here; only a probability within 1e-7 of 0 or 1 tells
 * the two apart.)
 *
 * <p>Gradient, with {@code f = (1 - p_t)^gamma}, {@code df/dp = -gamma (1 - p_t)^(gamma - 1) (2y - 1)}:
 * <pre>
 *   probabilities: dL/dp = w (df/dp bce + f dbce/dp) / (B K),  dbce/dp = (c - y) / (c (1 - c)) inside the clip, else 0
 *   logits:        dL/dz = w (df/dp p (1 - p) bce + f (p - y)) / (B K)
 * </pre>
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class BinaryFocalCrossentropy implements Loss {

    /** Keras' {@code epsilon()}: the clipping margin of the probabilities. */
    public static final double EPSILON = 1e-7;
    /** Keras' default balancing factor of class 1 (used only with class balancing). */
    public static final double DEFAULT_ALPHA = 0.25;
    /** Keras' default focusing parameter. */
    public static final double DEFAULT_GAMMA = 2.0;

    private final boolean applyClassBalancing;
    private final double alpha;
    private final double gamma;
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** Keras' defaults: no class balancing, alpha 0.25, gamma 2, on probabilities. */
    public BinaryFocalCrossentropy() {
        this(false, DEFAULT_ALPHA, DEFAULT_GAMMA, false);
    }

    /** Keras' argument order: {@code (apply_class_balancing, alpha, gamma, from_logits)}, no label smoothing. */
    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits) {
        this(applyClassBalancing, alpha, gamma, fromLogits, 0);
    }

    /**
     * @param applyClassBalancing weigh class 1 by alpha and class 0 by 1 - alpha
     * @param alpha the weight of class 1 when balancing, in [0, 1]
     * @param gamma the focusing parameter, finite and &gt;= 0 (0: no focal effect)
     * @param fromLogits true when the model outputs logits (no sigmoid)
     * @param labelSmoothing in [0, 1]: targets are squeezed towards 0.5 by this much
     * @throws IllegalArgumentException for a value outside these ranges
     */
    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
                                   double labelSmoothing) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("BinaryFocalCrossentropy alpha must be in [0, 1], got " + alpha);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("BinaryFocalCrossentropy gamma must be a finite number >= 0, got " + gamma);
        }
        CategoricalCrossentropy.checkSmoothing("BinaryFocalCrossentropy", labelSmoothing);
        this.applyClassBalancing = applyClassBalancing;
        this.alpha = alpha;
        this.gamma = gamma;
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    /** From the keys {@link #config()} writes; a missing key takes Keras' default. */
    public static BinaryFocalCrossentropy fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "BinaryFocalCrossentropy", List.of(),
                List.of("applyClassBalancing", "alpha", "gamma", "fromLogits", "labelSmoothing"));
        return new BinaryFocalCrossentropy(
                config.containsKey("applyClassBalancing") && Config.bool(config, "applyClassBalancing"),
                config.containsKey("alpha") ? Config.number(config, "alpha") : DEFAULT_ALPHA,
                config.containsKey("gamma") ? Config.number(config, "gamma") : DEFAULT_GAMMA,
                config.containsKey("fromLogits") && Config.bool(config, "fromLogits"),
                config.containsKey("labelSmoothing") ? Config.number(config, "labelSmoothing") : 0);
    }

    /** {@code applyClassBalancing}, {@code alpha}, {@code gamma}, {@code fromLogits}, and {@code labelSmoothing} when not 0. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("applyClassBalancing", applyClassBalancing);
        config.put("alpha", alpha);
        config.put("gamma", gamma);
        config.put("fromLogits", fromLogits);
        if (labelSmoothing != 0) {
            config.put("labelSmoothing", labelSmoothing);
        }
        return config;
    }

    /** Whether classes are weighted by alpha and 1 - alpha. */
    public boolean applyClassBalancing() {
        return applyClassBalancing;
    }

    /** The weight of class 1 when balancing. */
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

    /** How far targets are squeezed towards 0.5. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** Every target must be in [0, 1]; the first one outside is named. */
    @Override
    public void validateTargets(INDArray targets) {
        BinaryCrossentropy.requireUnitInterval(name(), targets);
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] out = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            double target = smooth(y[i]);
            double p = fromLogits ? sigmoid(out[i]) : out[i];
            double pT = target * p + (1 - target) * (1 - p);
            sum += weight(target) * Math.pow(1 - pT, gamma) * crossentropy(out[i], target);
        }
        return sum / out.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] out = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        Values result = Values.of(gradient);
        double scale = 1.0 / out.length;
        for (int i = 0; i < out.length; i++) {
            double target = smooth(y[i]);
            double p = fromLogits ? sigmoid(out[i]) : out[i];
            double pT = target * p + (1 - target) * (1 - p);
            double focal = Math.pow(1 - pT, gamma);
            double dFocal = gamma == 0 ? 0 : -gamma * Math.pow(1 - pT, gamma - 1) * (2 * target - 1); // df/dp
            double bce = crossentropy(out[i], target);
            double g;
            if (fromLogits) {
                g = dFocal * p * (1 - p) * bce + focal * (p - target);                  // d/dz
            } else {
                boolean inside = p >= EPSILON && p <= 1 - EPSILON;
                double dBce = inside ? (p - target) / (p * (1 - p)) : 0;
                g = dFocal * bce + focal * dBce;                                      // d/dp
            }
            result.set(i, weight(target) * g * scale);
        }
    }

    private double smooth(double target) {
        return labelSmoothing == 0 ? target : target * (1 - labelSmoothing) + 0.5 * labelSmoothing;
    }

    private double weight(double target) {
        return applyClassBalancing ? target * alpha + (1 - target) * (1 - alpha) : 1;
    }

    /** Binary cross-entropy of one element: from the logit stably, else of the clipped probability. */
    private double crossentropy(double output, double target) {
        if (fromLogits) {
            return Math.max(output, 0) - output * target + Math.log1p(Math.exp(-Math.abs(output)));
        }
        double clipped = Math.min(Math.max(output, EPSILON), 1 - EPSILON);
        return -(target * Math.log(clipped) + (1 - target) * Math.log(1 - clipped));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    @Override
    public String toString() {
        return "BinaryFocalCrossentropy(applyClassBalancing=" + applyClassBalancing + ", alpha=" + alpha + ", gamma="
                + gamma + ", fromLogits=" + fromLogits + ", labelSmoothing=" + labelSmoothing + ")";
    }
}
