package org.backprop4j.core.metrics;

import org.backprop4j.core.Metric;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code categorical_accuracy}: the fraction of rows whose largest prediction sits in the
 * same column as the largest target (the first such column on ties, as argmax).
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class CategoricalAccuracy implements Metric {

    private final String name;

    /** Reported as {@code "accuracy"}. */
    public CategoricalAccuracy() {
        this("accuracy");
    }

    /** Reported under {@code name} (the History key). */
    public CategoricalAccuracy(String name) {
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
        int columns = (int) predictions.columns();
        int rows = (int) predictions.rows();
        int correct = 0;
        for (int row = 0; row < rows; row++) {
            if (argmax(p, row * columns, columns) == argmax(y, row * columns, columns)) {
                correct++;
            }
        }
        return (double) correct / rows;
    }

    private static int argmax(double[] values, int start, int length) {
        int best = 0;
        for (int k = 1; k < length; k++) {
            if (values[start + k] > values[start + best]) {
                best = k;
            }
        }
        return best;
    }
}
