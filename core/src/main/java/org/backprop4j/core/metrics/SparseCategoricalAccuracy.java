package org.backprop4j.core.metrics;

import org.backprop4j.core.Metric;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code sparse_categorical_accuracy}: the fraction of rows whose largest prediction sits in
 * the column given by the row's class index ({@code (B, 1)} targets; the first largest on ties, as
 * argmax). Works on probabilities and on logits alike (argmax is the same).
 */
public final class SparseCategoricalAccuracy implements Metric {

    private final String name;

    /** Reported as {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** Reported under {@code name} (the History key), e.g. {@code "accuracy"}. */
    public SparseCategoricalAccuracy(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] labels = Arrays2D.rowMajor(targets);
        int columns = (int) predictions.columns();
        int correct = 0;
        for (int row = 0; row < labels.length; row++) {
            int best = 0;
            for (int k = 1; k < columns; k++) {
                if (p[row * columns + k] > p[row * columns + best]) {
                    best = k;
                }
            }
            if (best == labels[row]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
