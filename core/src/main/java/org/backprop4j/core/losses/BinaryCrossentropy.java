package org.backprop4j.core.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Config;
import org.backprop4j.core.Loss;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Kernels;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code L = -mean over all B*K elements of [y log p + (1 - y) log(1 - p)]}, with p clipped to
 * {@code [1e-7, 1 - 1e-7]} so that the value stays finite, as Keras' {@code binary_crossentropy}.
 *
 * <p>Gradient: {@code dL/dp = (p - y) / (p (1 - p)) / (B K)} (with the clipped p, so it stays
 * finite too). After a sigmoid, {@code dp/dz = p (1 - p)} cancels the denominator and
 * {@code dL/dz = (p - y) / (B K)}: the fused path.
 *
 * <p>From logits ({@code new BinaryCrossentropy(true)}, Keras' {@code from_logits=True}), stably and
 * fused, with no clipping:
 * <pre>
 *   L = mean over all B*K elements of max(z, 0) - z y + log(1 + exp(-|z|))
 *   dL/dz = (sigmoid(z) - y) / (B K)
 * </pre>
 * Targets must lie in [0, 1] (0/1 labels or probabilities) in both forms.
 *
 * <p>Label smoothing ({@code new BinaryCrossentropy(fromLogits, s)}, Keras' {@code label_smoothing}):
 * every formula above runs on the targets squeezed towards 0.5, {@code y' = y (1 - s) + s / 2}; the
 * fused gradient is {@code (p - y') / (B K)}.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class BinaryCrossentropy implements Loss {

    private static final Sigmoid SIGMOID = new Sigmoid();

    /** Keras' {@code epsilon()}: the clipping margin. */
    public static final double EPSILON = 1e-7;

    private final boolean fromLogits;
    private final double labelSmoothing;

    /** On probabilities (the model ends with a sigmoid). */
    public BinaryCrossentropy() {
        this(false);
    }

    /** @param fromLogits true when the model outputs logits (no sigmoid), as Keras' {@code from_logits=True} */
    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0);
    }

    /**
     * @param fromLogits true when the model outputs logits (no sigmoid), as Keras' {@code from_logits=True}
     * @param labelSmoothing in [0, 1], Keras' {@code label_smoothing}: targets are squeezed towards 0.5
     * @throws IllegalArgumentException if labelSmoothing is outside [0, 1]
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        CategoricalCrossentropy.checkSmoothing("BinaryCrossentropy", labelSmoothing);
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    /** From {@code {"fromLogits": true, "labelSmoothing": s}} (either optional), as {@link #config()} writes it. */
    public static BinaryCrossentropy fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "BinaryCrossentropy", List.of(), List.of("fromLogits", "labelSmoothing"));
        return new BinaryCrossentropy(config.containsKey("fromLogits") && Config.bool(config, "fromLogits"),
                config.containsKey("labelSmoothing") ? Config.number(config, "labelSmoothing") : 0);
    }

    /** {@code {"fromLogits": true}} and {@code "labelSmoothing"} when set; empty for the default (probabilities). */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (fromLogits) {
            config.put("fromLogits", true);
        }
        if (labelSmoothing != 0) {
            config.put("labelSmoothing", labelSmoothing);
        }
        return config;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** How far targets are squeezed towards 0.5 (0: none). */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The targets the formulas use: {@code y (1 - s) + s / 2}, or y itself when s is 0. */
    private INDArray smoothed(INDArray targets) {
        if (labelSmoothing == 0) {
            return targets;
        }
        return targets.mul(1 - labelSmoothing).addi(0.5 * labelSmoothing);
    }

    /** Every target must be in [0, 1]; the first one outside is named. */
    @Override
    public void validateTargets(INDArray targets) {
        requireUnitInterval(name(), targets);
    }

    /**
     * Checks that every target is in [0, 1].
     *
     * @throws IllegalArgumentException naming {@code loss} and the first target outside
     */
    static void requireUnitInterval(String loss, INDArray targets) {
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) targets.columns();
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0 && y[i] <= 1)) {
                throw new IllegalArgumentException(loss + " needs targets in [0, 1] (0/1 labels or probabilities); y["
                        + (i / columns) + "][" + (i % columns) + "] = " + y[i]);
            }
        }
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        targets = smoothed(targets);
        if (fromLogits) {
            double[] z = Arrays2D.rowMajor(predictions);
            double[] y = Arrays2D.rowMajor(targets);
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                sum += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
            }
            return sum / z.length;
        }
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double clipped = Math.min(Math.max(p[i], EPSILON), 1 - EPSILON);
            sum += y[i] * Math.log(clipped) + (1 - y[i]) * Math.log(1 - clipped);
        }
        return -sum / p.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        targets = smoothed(targets);
        if (fromLogits) {
            double[] z = Arrays2D.rowMajor(predictions);
            double[] y = Arrays2D.rowMajor(targets);
            Values out = Values.of(gradient);
            for (int i = 0; i < z.length; i++) {
                double sigmoid = SIGMOID.apply(z[i]);                        // the Sigmoid activation's own formula
                out.set(i, (sigmoid - y[i]) / z.length);                         // (sigmoid(z) - y) / (B K)
            }
            return;
        }
        INDArray clipped = Transforms.min(Transforms.max(predictions, EPSILON, true), 1 - EPSILON, false);
        INDArray denominator = clipped.rsub(1.0).muli(clipped).muli(predictions.length());
        gradient.assign(clipped).subi(targets).divi(denominator);
    }

    @Override
    public boolean fusesWith(ActivationFunction activation) {
        return !fromLogits && activation.link() == ActivationFunction.Link.SIGMOID;
    }

    /** {@code dL/dz = (p - y) / (B K)} (y smoothed when label smoothing is on). */
    @Override
    public void gradientWrtPreActivation(INDArray predictions, INDArray targets, INDArray dLdz) {
        targets = smoothed(targets);
        Kernels.forElements(dLdz, predictions, targets)
                .scaledDifference(predictions, targets, 1.0 / predictions.length(), dLdz); // (p - y) / (B K)
    }

    @Override
    public String toString() {
        return "BinaryCrossentropy(fromLogits=" + fromLogits
                + (labelSmoothing == 0 ? "" : ", labelSmoothing=" + labelSmoothing) + ")";
    }

    /** Binary accuracy: each output column is a 0/1 label, whatever the number of columns. */
    @Override
    public AccuracyKind accuracyKind(long outputColumns) {
        return AccuracyKind.BINARY;
    }
}
