package org.backprop4j.core.metrics;

import java.util.Map;

import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code R2Score} with {@code class_aggregation="uniform_average"}: the coefficient of
 * determination of each output column, from weighted sums accumulated over every batch since the
 * last reset, then averaged over the columns with equal weight:
 * <pre>
 *   per column k:  S_k = sum_i w_i y_ik    Q_k = sum_i w_i y_ik^2    E_k = sum_i w_i (y_ik - p_ik)^2    N_k = sum_i w_i
 *                  R2_k = 1 - E_k / (Q_k - S_k^2 / N_k)     (0 where that is infinite: a constant target column)
 *   result = mean over k of R2_k
 * </pre>
 * So an epoch's value is the R2 of the whole epoch. Before any batch (or with zero total weight)
 * the result is NaN, as Keras' 0/0.
 *
 * <p>Shapes: predictions and targets {@code (batchSize, k)}, k fixed by the first batch.
 */
public final class R2Score extends AccumulatingMetric {

    private double[] sum;
    private double[] squaredSum;
    private double[] squaredError;
    private double[] count;

    /** Reported as {@code "r2_score"}. */
    public R2Score() {
        this("r2_score");
    }

    /** Reported under {@code name} (the History key). */
    public R2Score(String name) {
        super(name);
    }

    /** Reads {@link #config()}: an optional "name". */
    public static R2Score fromConfig(Map<String, Object> config) {
        return new R2Score(AccumulatingMetric.nameOnly(config, "R2Score", "r2_score"));
    }

    @Override
    public void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        requireShapes(predictions, targets, predictions.columns());
        int columns = (int) predictions.columns();
        if (sum == null) {
            sum = new double[columns];
            squaredSum = new double[columns];
            squaredError = new double[columns];
            count = new double[columns];
        } else if (sum.length != columns) {
            throw new IllegalArgumentException("Metric '" + name() + "' accumulates " + sum.length
                    + " output columns, got a batch with " + columns);
        }
        double[] weights = weights(sampleWeights, predictions.rows());
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        for (int i = 0; i < p.length; i++) {
            int k = i % columns;
            double weight = weights == null ? 1 : weights[i / columns];
            double weightedTarget = y[i] * weight;
            double error = y[i] - p[i];
            sum[k] += weightedTarget;
            squaredSum[k] += y[i] * weightedTarget;
            squaredError[k] += error * error * weight;
            count[k] += weight;
        }
    }

    @Override
    public double result() {
        if (sum == null) {
            return Double.NaN;
        }
        double total = 0;
        for (int k = 0; k < sum.length; k++) {
            double mean = sum[k] / count[k];
            double variation = squaredSum[k] - sum[k] * mean;
            double score = 1 - squaredError[k] / variation;
            total += Double.isInfinite(score) ? 0 : score;
        }
        return total / sum.length;
    }

    @Override
    public void reset() {
        sum = null;
        squaredSum = null;
        squaredError = null;
        count = null;
    }
}
