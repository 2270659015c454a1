package org.backprop4j.core.metrics;

/**
 * Keras' {@code mae} metric: the mean of {@code |p - y|} over the k columns of each sample, then the
 * (weighted) mean over the samples ({@link MeanMetric}).
 */
public final class MeanAbsoluteError extends MeanMetric {

    /** Reported as {@code "mae"}. */
    public MeanAbsoluteError() {
        this("mae");
    }

    /** Reported under {@code name} (the History key), e.g. {@code "mean_absolute_error"}. */
    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    protected void sampleValues(double[] p, double[] y, int rows, int columns, double[] values) {
        for (int row = 0; row < rows; row++) {
            double sum = 0;
            for (int k = row * columns; k < (row + 1) * columns; k++) {
                double difference = p[k] - y[k];
                sum += Math.abs(difference);
            }
            values[row] = sum / columns;
        }
    }
}
