package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code L = mean over all B*K elements of |p - y|}, as Keras' {@code mean_absolute_error}
 * ({@code "mae"}): the mean over the K columns of each sample, then over the B samples.
 *
 * <p>Gradient: {@code dL/dp = sign(p - y) / (B K)}, taken as 0 where {@code p = y} exactly (the
 * subgradient TensorFlow and PyTorch use). Each error pulls with the same force whatever its size,
 * which is why MAE is less swayed by outliers than MSE.
 */
public final class MeanAbsoluteError implements Loss {

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] - y[i]);
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
            out.set(i, Math.signum(p[i] - y[i]) * scale);                     // sign(p - y) / (B K)
        }
    }

    @Override
    public String toString() {
        return "MeanAbsoluteError";
    }
}
