package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code log_cosh} loss: per element {@code l = log(cosh(e))} with {@code e = p - y},
 * computed as Keras does, stably for large errors, as {@code e + softplus(-2e) - log 2}; {@code L}
 * is the mean over all B*K elements. It behaves like {@code e^2 / 2} for small errors and like
 * {@code |e| - log 2} for large ones, so outliers pull less than in MSE.
 *
 * <p>Gradient: {@code dL/dp = tanh(e) / (B K)}.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class LogCosh implements Loss {

    private static final double LOG_2 = Math.log(2);

    /** {@code log(1 + exp(u))} without overflow. */
    static double softplus(double u) {
        return Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double e = p[i] - y[i];
            sum += e + softplus(-2 * e) - LOG_2;
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
            out.set(i, Math.tanh(p[i] - y[i]) * scale);                       // tanh(p - y) / (B K)
        }
    }

    @Override
    public String toString() {
        return "LogCosh";
    }
}
