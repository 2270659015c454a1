package org.backprop4j.core.metrics;

/**
 * Keras' {@code mse} metric: the mean of {@code (p - y)^2} over the k columns of each sample, then the
 * (weighted) mean over the samples ({@link MeanMetric}).
 */
public final class MeanSquaredError extends MeanMetric {

    /** Reported as {@code "mse"}. */
    public MeanSquaredError() {
        this("mse");
    }

    /** Reported under {@code name} (the History key), e.g. {@code "mean_squared_error"}. */
    public MeanSquaredError(String name) {
        super(name);
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
}
