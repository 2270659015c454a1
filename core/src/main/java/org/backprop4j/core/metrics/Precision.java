package org.backprop4j.core.metrics;

import org.backprop4j.core.Metric;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code precision} with its default threshold 0.5: of the elements predicted positive
 * ({@code p > 0.5}), the fraction that are positive ({@code y != 0}):
 * {@code TP / (TP + FP)}, counted over every element of the batch, 0 when nothing is predicted
 * positive. Meant for sigmoid outputs (binary or multi-label); on one-hot softmax outputs it counts
 * each column as a yes/no decision, as Keras does.
 *
 * <p>Training reports the per-epoch mean of the per-batch values (weighted by batch size), like
 * every metric here; Keras instead accumulates TP and FP over the epoch, so the two differ
 * slightly when batches differ. {@code evaluate} on the whole data gives Keras' number.
 */
public final class Precision implements Metric {

    /** Predictions above this count as positive. */
    public static final double THRESHOLD = 0.5;

    private final String name;

    /** Reported as {@code "precision"}. */
    public Precision() {
        this("precision");
    }

    /** Reported under {@code name} (the History key). */
    public Precision(String name) {
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
        long predictedPositives = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > THRESHOLD) {
                predictedPositives++;
                if (y[i] != 0) {
                    truePositives++;
                }
            }
        }
        return predictedPositives == 0 ? 0 : (double) truePositives / predictedPositives;
    }
}
