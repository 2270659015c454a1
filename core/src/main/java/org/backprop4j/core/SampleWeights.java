package org.backprop4j.core;

import java.util.Arrays;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code sample_weight}: one non-negative weight per sample, scaling that sample's share of
 * the loss and of its gradient, with the batch's value still divided by the number of samples in
 * the batch (Keras' {@code sum_over_batch_size}, zero weights included in the count):
 * <pre>
 *   L = (1/B) sum_b w_b l_b + penalties          l_b = the loss of sample b alone
 *   dL/dp[b, :] = w_b * (row b of the unweighted loss's gradient)     (also dL/dz on the fused path)
 * </pre>
 * Every loss here is a mean over samples whose gradient row b depends on sample b only, so scaling
 * the rows is exact. Package-private: {@code fit} and {@code evaluate} use it.
 */
final class SampleWeights {

    private SampleWeights() {
    }

    /**
     * {@code weights} as an array, checked: shape {@code (samples)} or {@code (samples, 1)}, every value
     * finite and {@code >= 0}; null stays null.
     *
     * @param what how messages name the weights, e.g. "sampleWeight"
     * @throws IllegalArgumentException naming the shape or the first bad value
     */
    static double[] check(INDArray weights, long samples, String what) {
        if (weights == null) {
            return null;
        }
        boolean vector = weights.rank() == 1 || (weights.rank() == 2 && weights.columns() == 1);
        if (!vector) {
            throw new IllegalArgumentException(what + " must have shape (" + samples + ") or (" + samples
                    + ", 1), one weight per sample, got shape " + Arrays.toString(weights.shape()));
        }
        if (weights.length() != samples) {
            throw new IllegalArgumentException(what + " has " + weights.length() + " weights, but x has " + samples
                    + " samples: give one weight per sample");
        }
        double[] values = Arrays2D.rowMajor(weights);
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i]) || Double.isInfinite(values[i]) || values[i] < 0) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i]
                        + "; sample weights must be finite and >= 0");
            }
        }
        return values;
    }

    /**
     * {@code (1/B) sum_b w_b l_b}, each {@code l_b} the loss of row b alone (rows weighing 0 are skipped).
     * The rows are copied into two one-row arrays made once per call, without an array operation per
     * row (a row view and its copy for each sample made a weighted epoch about four times slower).
     */
    static double loss(Loss loss, INDArray predictions, INDArray targets, double[] weights) {
        int columns = (int) predictions.columns();
        int targetColumns = (int) targets.columns();
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        INDArray predictionRow = Nd4j.create(predictions.dataType(), 1, columns);
        INDArray targetRow = Nd4j.create(targets.dataType(), 1, targetColumns);
        Values predictionValues = Values.of(predictionRow);
        Values targetValues = Values.of(targetRow);
        double sum = 0;
        for (int row = 0; row < weights.length; row++) {
            if (weights[row] != 0) {
                for (int k = 0; k < columns; k++) {
                    predictionValues.set(k, p[row * columns + k]);
                }
                for (int k = 0; k < targetColumns; k++) {
                    targetValues.set(k, y[row * targetColumns + k]);
                }
                sum += weights[row] * loss.value(predictionRow, targetRow);
            }
        }
        return sum / weights.length;
    }

    /** Multiplies row b of {@code gradient (B, k)} by {@code weights[b]}, in place. */
    static void scaleRows(INDArray gradient, double[] weights) {
        INDArray plain = Arrays2D.isPlain(gradient) ? gradient : gradient.dup('c');
        Values values = Values.of(plain);
        long columns = gradient.columns();
        for (int row = 0; row < weights.length; row++) {
            for (long k = 0; k < columns; k++) {
                values.set(row * columns + k, values.get(row * columns + k) * weights[row]);
            }
        }
        if (plain != gradient) {
            gradient.assign(plain);
        }
    }

    /** {@code weights[order[start..end)]}, or null for null. */
    static double[] rows(double[] weights, int[] order, int start, int end) {
        if (weights == null) {
            return null;
        }
        double[] batch = new double[end - start];
        for (int r = 0; r < batch.length; r++) {
            batch[r] = weights[order[start + r]];
        }
        return batch;
    }

    /** {@code weights[from..to)}, or null for null. */
    static double[] range(double[] weights, long from, long to) {
        return weights == null ? null : Arrays.copyOfRange(weights, (int) from, (int) to);
    }

    /** The weights as a {@code (B)} DOUBLE array for {@link Metric#update}, or null for null. */
    static INDArray array(double[] weights) {
        return weights == null ? null : Nd4j.createFromArray(weights);
    }
}
