package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code poisson} loss, for counts predicted as a positive rate {@code p} (e.g. after an
 * exponential or softplus output): per element {@code l = p - y log(p + 1e-7)}, and {@code L} is the
 * mean over all B*K elements (the mean over the K columns of each sample, then over the batch).
 * The {@code 1e-7} is Keras' {@code epsilon()}, added (not clipped) inside the log as Keras does.
 *
 * <p>Gradient: {@code dL/dp = (1 - y / (p + 1e-7)) / (B K)}.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Poisson implements Loss {

    /** Keras' {@code epsilon()}, added inside the log. */
    public static final double EPSILON = 1e-7;

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i] - y[i] * Math.log(p[i] + EPSILON);
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
            out.set(i, (1 - y[i] / (p[i] + EPSILON)) * scale);                // (1 - y / (p + eps)) / (B K)
        }
    }

    @Override
    public String toString() {
        return "Poisson";
    }
}
