package org.backprop4j.core.metrics;

import org.backprop4j.core.Metric;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code recall} with its default threshold 0.5: of the positive elements ({@code y != 0}),
 * the fraction predicted positive ({@code p > 0.5}): {@code TP / (TP + FN)}, counted over every
 * element of the batch, 0 when there are no positives. See {@link Precision} for how training
 * averages it over an epoch.
 */
public final class Recall implements Metric {

    private final String name;

    /** Reported as {@code "recall"}. */
    public Recall() {
        this("recall");
    }

    /** Reported under {@code name} (the History key). */
    public Recall(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        long truePositives = 0;
        long positives = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] != 0) {
                positives++;
                if (p[i] > Precision.THRESHOLD) {
                    truePositives++;
                }
            }
        }
        return positives == 0 ? 0 : (double) truePositives / positives;
    }
}
