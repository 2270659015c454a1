package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code mean_squared_logarithmic_error} ({@code "msle"}): per element
 * <pre>
 *   d = log(max(p, 1e-7) + 1) - log(max(y, 1e-7) + 1),      l = d^2
 * </pre>
 * and {@code L} is the mean over all B*K elements. Values at or below 0 count as {@code 1e-7}
 * (Keras' {@code epsilon()}), so relative errors of positive quantities are what matters.
 *
 * <p>Gradient: {@code dL/dp = 2 d / (max(p, 1e-7) + 1) / (B K)} where {@code p >= 1e-7}, and 0
 * below (where the {@code max} holds the prediction constant).
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class MeanSquaredLogarithmicError implements Loss {

    /** Keras' {@code epsilon()}: the floor for predictions and targets. */
    public static final double EPSILON = 1e-7;

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = Math.log(Math.max(p[i], EPSILON) + 1) - Math.log(Math.max(y[i], EPSILON) + 1);
            sum += d * d;
        }
        return sum / p.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        Values out = Values.of(gradient);
        double scale = 1.0 / p.length;
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= EPSILON) {
                double lifted = p[i] + 1;
                double d = Math.log(lifted) - Math.log(Math.max(y[i], EPSILON) + 1);
                out.set(i, 2 * d / lifted * scale);                              // 2 d / (p + 1) / (B K)
            } else {
                out.set(i, 0);
            }
        }
    }

    @Override
    public String toString() {
        return "MeanSquaredLogarithmicError";
    }
}
