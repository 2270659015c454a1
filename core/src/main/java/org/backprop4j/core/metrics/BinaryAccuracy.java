package org.backprop4j.core.metrics;

/**
 * Keras' {@code binary_accuracy}: the fraction of elements where {@code (p > 0.5) == (y > 0.5)},
 * averaged over the K columns of each sample; the metric is the (weighted) mean of that over the
 * samples ({@link MeanMetric}).
 */
public final class BinaryAccuracy extends MeanMetric {

    /** Reported as {@code "accuracy"}. */
    public BinaryAccuracy() {
        this("accuracy");
    }

    /** Reported under {@code name} (the History key). */
    public BinaryAccuracy(String name) {
        super(name);
    }

    /** Predictions above this count as 1. */
    public static final double THRESHOLD = 0.5;

    @Override
    protected void sampleValues(double[] p, double[] y, int rows, int columns, double[] values) {
        for (int row = 0; row < rows; row++) {
            int correct = 0;
            for (int k = row * columns; k < (row + 1) * columns; k++) {
                if ((p[k] > THRESHOLD) == (y[k] > THRESHOLD)) {
                    correct++;
                }
            }
            values[row] = (double) correct / columns;
        }
    }
}
