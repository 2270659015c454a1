package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code categorical_hinge} loss, for one-hot targets (0/1 or -1/+1) and scores p: per sample
 * <pre>
 *   pos = sum_k y_k p_k,     neg = max_k (1 - y_k) p_k,     l = max(neg - pos + 1, 0)
 * </pre>
 * the margin by which the best wrong class's score comes within 1 of the true class's, and
 * {@code L} is the mean of l over the B samples.
 *
 * <p>Gradient, where {@code neg - pos + 1 >= 0} (TensorFlow's tie side of {@code maximum}), else 0:
 * {@code dL/dp_k = ((1 - y_k) [k attains neg] / m - y_k) / B}, with m the number of columns attaining
 * the maximum (TensorFlow shares a tied maximum's gradient equally).
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class CategoricalHinge implements Loss {

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int classes = (int) predictions.columns();
        int rows = (int) predictions.rows();
        double sum = 0;
        for (int b = 0; b < rows; b++) {
            sum += Math.max(margin(p, y, b * classes, classes), 0);
        }
        return sum / rows;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int classes = (int) predictions.columns();
        int rows = (int) predictions.rows();
        Values out = Values.of(gradient);
        double scale = 1.0 / rows;
        for (int b = 0; b < rows; b++) {
            int row = b * classes;
            if (margin(p, y, row, classes) < 0) {
                for (int k = 0; k < classes; k++) {
                    out.set(row + k, 0);
                }
                continue;
            }
            double neg = negative(p, y, row, classes);
            int ties = 0;
            for (int k = 0; k < classes; k++) {
                if ((1 - y[row + k]) * p[row + k] == neg) {
                    ties++;
                }
            }
            for (int k = 0; k < classes; k++) {
                double fromNeg = (1 - y[row + k]) * p[row + k] == neg ? (1 - y[row + k]) / ties : 0;
                out.set(row + k, (fromNeg - y[row + k]) * scale);
            }
        }
    }

    /** {@code neg - pos + 1} of one row. */
    private static double margin(double[] p, double[] y, int row, int classes) {
        double pos = 0;
        for (int k = 0; k < classes; k++) {
            pos += y[row + k] * p[row + k];
        }
        return negative(p, y, row, classes) - pos + 1;
    }

    /** {@code max_k (1 - y_k) p_k} of one row. */
    private static double negative(double[] p, double[] y, int row, int classes) {
        double neg = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            neg = Math.max(neg, (1 - y[row + k]) * p[row + k]);
        }
        return neg;
    }

    @Override
    public String toString() {
        return "CategoricalHinge";
    }
}
