package org.backprop4j.core.metrics;

/**
 * Keras' {@code categorical_accuracy}: the fraction of rows whose largest prediction sits in the
 * same column as the largest target (the first such column on ties, as argmax); weighted mean over
 * the samples ({@link MeanMetric}).
 */
public final class CategoricalAccuracy extends MeanMetric {

    /** Reported as {@code "accuracy"}. */
    public CategoricalAccuracy() {
        this("accuracy");
    }

    /** Reported under {@code name} (the History key). */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected void sampleValues(double[] p, double[] y, int rows, int columns, double[] values) {
        for (int row = 0; row < rows; row++) {
            values[row] = argmax(p, row * columns, columns) == argmax(y, row * columns, columns) ? 1 : 0;
        }
    }

    static int argmax(double[] values, int start, int length) {
        int best = 0;
        for (int k = 1; k < length; k++) {
            if (values[start + k] > values[start + best]) {
                best = k;
            }
        }
        return best;
    }
}
