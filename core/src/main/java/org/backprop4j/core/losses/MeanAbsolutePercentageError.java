package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code mean_absolute_percentage_error} ({@code "mape"}): per element
 * {@code l = 100 |y - p| / max(|y|, 1e-7)}, and {@code L} is the mean over all B*K elements: the
 * error in percent of the target, with a zero target divided by {@code 1e-7} (Keras' {@code epsilon()})
 * instead of 0.
 *
 * <p>Gradient: {@code dL/dp = 100 sign(p - y) / max(|y|, 1e-7) / (B K)} (0 where {@code p = y}).
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class MeanAbsolutePercentageError implements Loss {

    /** Keras' {@code epsilon()}: the smallest |y| divided by. */
    public static final double EPSILON = 1e-7;

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += 100 * Math.abs((y[i] - p[i]) / Math.max(Math.abs(y[i]), EPSILON));
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
            out.set(i, 100 * Math.signum(p[i] - y[i]) / Math.max(Math.abs(y[i]), EPSILON) * scale);
        }
    }

    @Override
    public String toString() {
        return "MeanAbsolutePercentageError";
    }
}
