package org.backprop4j.core.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Config;
import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code sparse_categorical_crossentropy}: categorical cross-entropy whose targets are class
 * indices instead of one-hot rows. Targets are {@code (B, 1)} (a {@code (B)} vector is accepted by the
 * model), each an integer {@code c_b} in {@code [0, K)}; predictions are {@code (B, K)}.
 * <pre>
 *   probabilities (fromLogits false):  L = -(1/B) sum_b log clip(p[b, c_b])      clip to [1e-7, 1 - 1e-7]
 *   logits        (fromLogits true):   L =  (1/B) sum_b (log sum_k exp(z[b, k]) - z[b, c_b])
 * </pre>
 * Gradients, with {@code onehot[b, k] = 1 if k = c_b}:
 * <pre>
 *   probabilities:  dL/dp[b, k] = -onehot[b, k] / clip(p[b, k]) / B
 *                   after a softmax, fused: dL/dz = (p - onehot) / B
 *   logits:         dL/dz[b, k] = (softmax(z)[b, k] - onehot[b, k]) / B
 * </pre>
 * The logits form is computed stably: the row maximum is subtracted before every {@code exp}, so
 * logits of any size give finite values and gradients. It is the same number as
 * {@link CategoricalCrossentropy} with the one-hot targets (probabilities are clipped, not
 * renormalised, exactly as there).
 */
public final class SparseCategoricalCrossentropy implements Loss {

    private final boolean fromLogits;

    /** On probabilities (the model ends with a softmax). */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    /** @param fromLogits true when the model outputs logits (no softmax), as Keras' {@code from_logits=True} */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    /** From {@code {"fromLogits": true}} or {@code {}} (probabilities), as {@link #config()} writes it. */
    public static SparseCategoricalCrossentropy fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "SparseCategoricalCrossentropy", List.of(), List.of("fromLogits"));
        return new SparseCategoricalCrossentropy(config.containsKey("fromLogits") && Config.bool(config, "fromLogits"));
    }

    /** {@code {"fromLogits": true}}, or empty for the default (probabilities). */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (fromLogits) {
            config.put("fromLogits", true);
        }
        return config;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** One column of class indices, whatever the number of outputs. */
    @Override
    public long targetColumns(long outputColumns) {
        return 1;
    }

    /** Every label must be a whole number >= 0. */
    @Override
    public void validateTargets(INDArray targets) {
        validateTargets(targets, Long.MAX_VALUE);
    }

    /** Every label must be a whole number in {@code [0, outputColumns)}; the first bad row is named. */
    @Override
    public void validateTargets(INDArray targets, long outputColumns) {
        double[] labels = Arrays2D.rowMajor(targets);
        for (int row = 0; row < labels.length; row++) {
            double label = labels[row];
            if (label != Math.rint(label) || label < 0 || label >= outputColumns) {
                throw new IllegalArgumentException(name() + " needs integer class indices in [0, "
                        + (outputColumns == Long.MAX_VALUE ? "K" : String.valueOf(outputColumns - 1)) + "]"
                        + (outputColumns == Long.MAX_VALUE ? "" : " (the model outputs " + outputColumns + " classes)")
                        + "; y at row " + row + " is " + label);
            }
        }
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajorScratch(predictions, 0);
        double[] labels = Arrays2D.rowMajorScratch(targets, 1);
        int classes = (int) predictions.columns();
        double sum = 0;
        for (int b = 0; b < labels.length; b++) {
            int row = b * classes;
            int label = label(labels[b], classes, b);
            if (fromLogits) {
                sum += logSumExp(p, row, classes) - p[row + label];
            } else {
                sum -= Math.log(Math.min(Math.max(p[row + label], CategoricalCrossentropy.EPSILON),
                        1 - CategoricalCrossentropy.EPSILON));
            }
        }
        return sum / labels.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] p = Arrays2D.rowMajorScratch(predictions, 0);
        double[] labels = Arrays2D.rowMajorScratch(targets, 1);
        int classes = (int) predictions.columns();
        Values out = Values.of(gradient);
        double scale = 1.0 / labels.length;
        for (int b = 0; b < labels.length; b++) {
            int row = b * classes;
            int label = label(labels[b], classes, b);
            if (fromLogits) {
                double logSum = logSumExp(p, row, classes);
                for (int k = 0; k < classes; k++) {
                    double softmax = Math.exp(p[row + k] - logSum);
                    out.set(row + k, (softmax - (k == label ? 1 : 0)) * scale); // (softmax(z) - onehot) / B
                }
            } else {
                for (int k = 0; k < classes; k++) {
                    out.set(row + k, 0);
                }
                double clipped = Math.min(Math.max(p[row + label], CategoricalCrossentropy.EPSILON),
                        1 - CategoricalCrossentropy.EPSILON);
                out.set(row + label, -scale / clipped);                          // -1 / p[b, c] / B
            }
        }
    }

    /** Fuses with a softmax output when the predictions are probabilities. */
    @Override
    public boolean fusesWith(ActivationFunction activation) {
        return !fromLogits && activation.link() == ActivationFunction.Link.SOFTMAX;
    }

    /** {@code dL/dz = (p - onehot) / B}. */
    @Override
    public void gradientWrtPreActivation(INDArray predictions, INDArray targets, INDArray dLdz) {
        if (fromLogits) {
            throw new UnsupportedOperationException(name() + " from logits has no fused gradient: it is the gradient");
        }
        double[] p = Arrays2D.rowMajorScratch(predictions, 0);
        double[] labels = Arrays2D.rowMajorScratch(targets, 1);
        int classes = (int) predictions.columns();
        Values out = Values.of(dLdz);
        double scale = 1.0 / labels.length;
        for (int b = 0; b < labels.length; b++) {
            int row = b * classes;
            int label = label(labels[b], classes, b);
            for (int k = 0; k < classes; k++) {
                out.set(row + k, (p[row + k] - (k == label ? 1 : 0)) * scale);
            }
        }
    }

    /** {@code log sum_k exp(z_k)} of one row, with the row maximum taken out first. */
    static double logSumExp(double[] z, int row, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < length; k++) {
            max = Math.max(max, z[row + k]);
        }
        double sum = 0;
        for (int k = 0; k < length; k++) {
            sum += Math.exp(z[row + k] - max);
        }
        return max + Math.log(sum);
    }

    private int label(double value, int classes, int row) {
        if (value != Math.rint(value) || value < 0 || value >= classes) {
            throw new IllegalArgumentException(name() + " needs integer class indices in [0, " + (classes - 1)
                    + "]; y at row " + row + " is " + value);
        }
        return (int) value;
    }

    @Override
    public String toString() {
        return "SparseCategoricalCrossentropy(fromLogits=" + fromLogits + ")";
    }

    /** Sparse categorical accuracy: the targets are class indices. */
    @Override
    public AccuracyKind accuracyKind(long outputColumns) {
        return AccuracyKind.SPARSE_CATEGORICAL;
    }
}
