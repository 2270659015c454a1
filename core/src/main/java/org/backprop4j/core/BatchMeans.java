package org.backprop4j.core;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The accumulator of a metric that implements only {@link Metric#value} (one number per batch, the
 * mean over its rows): the epoch's result is {@code sum_b rows_b * value_b / sum_b rows_b}, the mean
 * over every row the epoch saw. Sample weights are not passed to such a metric (it has no way to
 * take them); a metric that needs them implements the accumulator itself.
 */
final class BatchMeans implements Metric {

    /** The message of a per-batch metric's accumulator methods, called on the metric itself. */
    static final String PER_BATCH = "metric '%s' implements only value(predictions, targets): "
            + "accumulate it through fresh()";

    private final Metric perBatch;
    private double sum;
    private long rows;

    /**
     * @throws IllegalStateException if {@code perBatch} implements neither {@code value} nor {@code fresh}
     */
    BatchMeans(Metric perBatch) {
        try {
            if (perBatch.getClass().getMethod("value", INDArray.class, INDArray.class).getDeclaringClass() == Metric.class) {
                throw new IllegalStateException("metric '" + perBatch.name() + "' (" + perBatch.getClass().getName()
                        + ") must implement value(predictions, targets), or update, result, reset and fresh");
            }
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        this.perBatch = perBatch;
    }

    @Override
    public String name() {
        return perBatch.name();
    }

    @Override
    public Map<String, Object> config() {
        return perBatch.config();
    }

    @Override
    public void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        long batchRows = predictions.rows();
        sum += perBatch.value(predictions, targets) * batchRows;
        rows += batchRows;
    }

    @Override
    public double result() {
        return rows == 0 ? Double.NaN : sum / rows;
    }

    @Override
    public void reset() {
        sum = 0;
        rows = 0;
    }

    @Override
    public Metric fresh() {
        return new BatchMeans(perBatch);
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        return perBatch.value(predictions, targets);
    }
}
