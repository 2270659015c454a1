package org.backprop4j.core.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Config;
import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.Kernels;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code L = mean over the B samples of -sum_k y_k log p_k}, with p clipped to
 * {@code [1e-7, 1 - 1e-7]}, as Keras' {@code categorical_crossentropy} on probabilities; y is
 * one-hot (or any distribution over the K classes).
 *
 * <p>Gradient: {@code dL/dp_k = -y_k / p_k / B} (clipped p). After a softmax the Jacobian
 * {@code diag(p) - p p^T} turns that into {@code dL/dz = (p - y) / B} when each row of y sums to 1:
 * the fused path, which never divides by a small p.
 *
 * <p>From logits ({@code new CategoricalCrossentropy(true)}, Keras' {@code from_logits=True}, for a
 * model whose last layer has no softmax), stably and fused in one step:
 * <pre>
 *   L = (1/B) sum_b sum_k y[b, k] (logsumexp(z[b]) - z[b, k])
 *   dL/dz[b, k] = (softmax(z[b])_k * sum_j y[b, j] - y[b, k]) / B     = (softmax(z) - y) / B for one-hot rows
 * </pre>
 * with the row maximum subtracted before every {@code exp}; no clipping is needed.
 *
 * <p>Label smoothing ({@code new CategoricalCrossentropy(fromLogits, s)}, Keras' {@code label_smoothing}):
 * every formula above runs on the smoothed targets {@code y' = y (1 - s) + s / K}, which still sum to 1
 * per row, so the fused gradient is {@code (p - y') / B}.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class CategoricalCrossentropy implements Loss {

    /** Keras' {@code epsilon()}: the clipping margin. */
    public static final double EPSILON = 1e-7;

    private final boolean fromLogits;
    private final double labelSmoothing;

    /** On probabilities (the model ends with a softmax). */
    public CategoricalCrossentropy() {
        this(false);
    }

    /** @param fromLogits true when the model outputs logits (no softmax), as Keras' {@code from_logits=True} */
    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0);
    }

    /**
     * @param fromLogits true when the model outputs logits (no softmax), as Keras' {@code from_logits=True}
     * @param labelSmoothing in [0, 1], Keras' {@code label_smoothing}: this share of each target row is
     *                       spread evenly over the K classes
     * @throws IllegalArgumentException if labelSmoothing is outside [0, 1]
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        checkSmoothing("CategoricalCrossentropy", labelSmoothing);
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    /** From {@code {"fromLogits": true, "labelSmoothing": s}} (either optional), as {@link #config()} writes it. */
    public static CategoricalCrossentropy fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "CategoricalCrossentropy", List.of(), List.of("fromLogits", "labelSmoothing"));
        return new CategoricalCrossentropy(config.containsKey("fromLogits") && Config.bool(config, "fromLogits"),
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

    /** The share of each target row spread evenly over the classes (0: none). */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The targets the formulas use: {@code y (1 - s) + s / K}, or y itself when s is 0. */
    private INDArray smoothed(INDArray targets) {
        if (labelSmoothing == 0) {
            return targets;
        }
        return targets.mul(1 - labelSmoothing).addi(labelSmoothing / targets.columns());
    }

    /**
     * Checks a label-smoothing factor.
     *
     * @throws IllegalArgumentException naming {@code owner} if it is outside [0, 1]
     */
    static void checkSmoothing(String owner, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(owner + " labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        targets = smoothed(targets);
        if (fromLogits) {
            return valueFromLogits(predictions, targets);
        }
        double[] p = Arrays2D.rowMajorScratch(predictions, 0);
        double[] y = Arrays2D.rowMajorScratch(targets, 1);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] != 0) {
                sum += y[i] * Math.log(Math.min(Math.max(p[i], EPSILON), 1 - EPSILON));
            }
        }
        return -sum / predictions.rows();
    }

    /** Each row of y must be a distribution: entries in [0, 1] summing to 1 (one-hot labels are). */
    @Override
    public void validateTargets(INDArray targets) {
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) targets.columns();
        for (int row = 0; row < targets.rows(); row++) {
            double sum = 0;
            for (int k = 0; k < columns; k++) {
                double value = y[row * columns + k];
                if (value < 0 || value > 1) {
                    throw new IllegalArgumentException(name() + " needs targets in [0, 1] (one-hot rows); y[" + row
                            + "][" + k + "] = " + value);
                }
                sum += value;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new IllegalArgumentException(name() + " needs each row of y to sum to 1 (one-hot); row "
                        + row + " sums to " + sum);
            }
        }
    }

    private static double valueFromLogits(INDArray logits, INDArray targets) {
        double[] z = Arrays2D.rowMajorScratch(logits, 0);
        double[] y = Arrays2D.rowMajorScratch(targets, 1);
        int classes = (int) logits.columns();
        int rows = (int) logits.rows();
        double sum = 0;
        for (int b = 0; b < rows; b++) {
            double logSum = SparseCategoricalCrossentropy.logSumExp(z, b * classes, classes);
            for (int k = 0; k < classes; k++) {
                double target = y[b * classes + k];
                if (target != 0) {
                    sum += target * (logSum - z[b * classes + k]); // -y log softmax(z)
                }
            }
        }
        return sum / rows;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        targets = smoothed(targets);
        if (fromLogits) {
            double[] z = Arrays2D.rowMajorScratch(predictions, 0);
            double[] y = Arrays2D.rowMajorScratch(targets, 1);
            int classes = (int) predictions.columns();
            int rows = (int) predictions.rows();
            Values out = Values.of(gradient);
            for (int b = 0; b < rows; b++) {
                int row = b * classes;
                double logSum = SparseCategoricalCrossentropy.logSumExp(z, row, classes);
                double targetSum = 0;
                for (int k = 0; k < classes; k++) {
                    targetSum += y[row + k];
                }
                for (int k = 0; k < classes; k++) {
                    out.set(row + k, (Math.exp(z[row + k] - logSum) * targetSum - y[row + k]) / rows);
                }
            }
            return;
        }
        INDArray clipped = Transforms.min(Transforms.max(predictions, EPSILON, true), 1 - EPSILON, false);
        gradient.assign(targets).divi(clipped).muli(-1.0 / predictions.rows());
    }

    @Override
    public boolean fusesWith(ActivationFunction activation) {
        return !fromLogits && activation.link() == ActivationFunction.Link.SOFTMAX;
    }

    /** {@code dL/dz = (p - y) / B} (y smoothed when label smoothing is on). */
    @Override
    public void gradientWrtPreActivation(INDArray predictions, INDArray targets, INDArray dLdz) {
        targets = smoothed(targets);
        if (predictions.rank() == 2 && FastElementwise.accepts(predictions, targets, dLdz)) {
            FastElementwise.instance().scaledDifference(predictions, targets, 1.0 / predictions.rows(), dLdz); // (p - y) / B
            return;
        }
        Kernels.forElements(dLdz, predictions, targets)
                .scaledDifference(predictions, targets, 1.0 / predictions.rows(), dLdz); // (p - y) / B
    }

    @Override
    public String toString() {
        return "CategoricalCrossentropy(fromLogits=" + fromLogits
                + (labelSmoothing == 0 ? "" : ", labelSmoothing=" + labelSmoothing) + ")";
    }
}
