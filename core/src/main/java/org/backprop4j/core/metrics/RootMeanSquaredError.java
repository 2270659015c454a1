package org.backprop4j.core.metrics;

import java.util.Map;

/**
 * Keras' {@code root_mean_squared_error}: the square root of the (weighted) mean squared error,
 * accumulated over every batch since the last reset and rooted once at the end:
 * <pre>
 *   v_i = mean over the k columns of (p_ik - y_ik)^2       result = sqrt(sum_i w_i v_i / sum_i w_i)
 * </pre>
 * (so an epoch's value is the RMSE of the whole epoch, not a mean of per-batch roots).
 *
 * <p>Shapes: predictions and targets {@code (batchSize, k)}.
 */
public final class RootMeanSquaredError extends MeanMetric {

    /** Reported as {@code "root_mean_squared_error"}. */
    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    /** Reported under {@code name} (the History key), e.g. {@code "rmse"}. */
    public RootMeanSquaredError(String name) {
        super(name);
    }

    /** Reads {@link #config()}: an optional "name". */
    public static RootMeanSquaredError fromConfig(Map<String, Object> config) {
        return new RootMeanSquaredError(AccumulatingMetric.nameOnly(config, "RootMeanSquaredError", "root_mean_squared_error"));
    }

    @Override
    protected void sampleValues(double[] p, double[] y, int rows, int columns, double[] values) {
        for (int row = 0; row < rows; row++) {
            double sum = 0;
            for (int k = row * columns; k < (row + 1) * columns; k++) {
                double difference = p[k] - y[k];
                sum += difference * difference;
            }
            values[row] = sum / columns;
        }
    }

    @Override
    public double result() {
        return Math.sqrt(super.result());
    }
}
