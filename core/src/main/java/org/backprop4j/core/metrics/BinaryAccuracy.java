package org.backprop4j.core.metrics;

import org.backprop4j.core.Metric;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code binary_accuracy}: the fraction of elements where {@code (p > 0.5) == (y > 0.5)},
 * averaged over the K columns of each sample and then over the batch.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class BinaryAccuracy implements Metric {

    private final String name;

    /** Reported as {@code "accuracy"}. */
    public BinaryAccuracy() {
        this("accuracy");
    }

    /** Reported under {@code name} (the History key). */
    public BinaryAccuracy(String name) {
        this.name = name;
    }

    /** Predictions above this count as 1. */
    public static final double THRESHOLD = 0.5;

    @Override
    public String name() {
        return name;
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            if ((p[i] > THRESHOLD) == (y[i] > THRESHOLD)) {
                correct++;
            }
        }
        return (double) correct / p.length;
    }
}
