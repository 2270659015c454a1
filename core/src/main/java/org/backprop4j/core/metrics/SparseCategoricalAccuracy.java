package org.backprop4j.core.metrics;

/**
 * Keras' {@code sparse_categorical_accuracy}: the fraction of rows whose largest prediction sits in
 * the column given by the row's class index ({@code (B, 1)} targets; the first largest on ties, as
 * argmax). Works on probabilities and on logits alike (argmax is the same). Weighted mean over the
 * samples ({@link MeanMetric}).
 */
public final class SparseCategoricalAccuracy extends MeanMetric {

    /** Reported as {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** Reported under {@code name} (the History key), e.g. {@code "accuracy"}. */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected long targetColumns(long outputColumns) {
        return 1;
    }

    @Override
    protected void sampleValues(double[] p, double[] labels, int rows, int columns, double[] values) {
        for (int row = 0; row < rows; row++) {
            values[row] = CategoricalAccuracy.argmax(p, row * columns, columns) == labels[row] ? 1 : 0;
        }
    }
}
