package org.backprop4j.core.metrics;

import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that is a weighted mean of one value per sample, as Keras' {@code MeanMetricWrapper}:
 * <pre>
 *   update:  total += sum_i w_i v_i      count += sum_i w_i      (w_i = 1 without weights)
 *   result:  total / count               (0 while count is 0, Keras' divide_no_nan)
 * </pre>
 * where {@code v_i} is {@link #sampleValues}' value for row i (accuracy: 1 or 0; mse: the mean of
 * {@code (p - y)^2} over the row's k columns). A zero weight counts nothing, in the total and in
 * the count.
 */
public abstract class MeanMetric extends AccumulatingMetric {

    private double total;
    private double count;

    protected MeanMetric(String name) {
        super(name);
    }

    /** The number of target columns for {@code outputColumns} predictions: the same by default, 1 for class indices. */
    protected long targetColumns(long outputColumns) {
        return outputColumns;
    }

    /**
     * Writes the value of each row into {@code values[row]}. The three arrays are the calling
     * thread's scratch arrays, reused at the next batch: read them during the call, keep none.
     *
     * @param p predictions in row-major order, {@code rows * columns}
     * @param y targets in row-major order, {@code rows * targetColumns(columns)}
     */
    protected abstract void sampleValues(double[] p, double[] y, int rows, int columns, double[] values);

    @Override
    public void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        requireShapes(predictions, targets, targetColumns(predictions.columns()));
        int rows = (int) predictions.rows();
        double[] weights = weights(sampleWeights, rows);
        double[] values = Arrays2D.scratch(2, rows);
        sampleValues(Arrays2D.rowMajorScratch(predictions, 0), Arrays2D.rowMajorScratch(targets, 1), rows,
                (int) predictions.columns(), values);
        for (int i = 0; i < rows; i++) {
            double weight = weights == null ? 1 : weights[i];
            total += weight * values[i];
            count += weight;
        }
    }

    @Override
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }
}
