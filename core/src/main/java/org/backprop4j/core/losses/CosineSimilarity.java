package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code cosine_similarity} loss: the negative cosine between each target row and prediction
 * row (the last axis), averaged over the batch, so that minimising it aligns the two:
 * <pre>
 *   |v| = sqrt(max(sum_k v_k^2, 1e-14))                     (Keras' l2 normalisation, eps = 1e-7)
 *   L   = -(1/B) sum_b (y_b . p_b) / (|y_b| |p_b|)
 * </pre>
 * L lies in [-1, 1]; a zero row (either side) gives 0 instead of dividing by zero.
 *
 * <p>Gradient, per row with {@code s = y . p}:
 * {@code dL/dp_k = -(y_k / (|y| |p|) - s p_k / (|y| |p|^3)) / B} where {@code sum p^2 > 1e-14}, and
 * {@code -y_k / (|y| 1e-7) / B} where the floor holds the norm constant.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class CosineSimilarity implements Loss {

    /** Keras' {@code epsilon()}: the smallest norm divided by (its square floors the squared norm). */
    public static final double EPSILON = 1e-7;

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) predictions.columns();
        int rows = (int) predictions.rows();
        double sum = 0;
        for (int b = 0; b < rows; b++) {
            int row = b * columns;
            sum += dot(y, p, row, columns) / (norm(y, row, columns) * norm(p, row, columns));
        }
        return -sum / rows;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) predictions.columns();
        int rows = (int) predictions.rows();
        Values out = Values.of(gradient);
        double scale = 1.0 / rows;
        for (int b = 0; b < rows; b++) {
            int row = b * columns;
            double targetNorm = norm(y, row, columns);
            double squares = dot(p, p, row, columns);
            boolean floored = squares < EPSILON * EPSILON;
            double predictionNorm = floored ? EPSILON : Math.sqrt(squares);
            double s = dot(y, p, row, columns);
            for (int k = 0; k < columns; k++) {
                double g = y[row + k] / (targetNorm * predictionNorm);
                if (!floored) {
                    g -= s * p[row + k] / (targetNorm * predictionNorm * squares);
                }
                out.set(row + k, -g * scale);
            }
        }
    }

    private static double dot(double[] a, double[] b, int row, int columns) {
        double sum = 0;
        for (int k = 0; k < columns; k++) {
            sum += a[row + k] * b[row + k];
        }
        return sum;
    }

    private static double norm(double[] v, int row, int columns) {
        return Math.sqrt(Math.max(dot(v, v, row, columns), EPSILON * EPSILON));
    }

    @Override
    public String toString() {
        return "CosineSimilarity";
    }
}
