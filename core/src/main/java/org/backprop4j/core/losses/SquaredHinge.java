package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code squared_hinge} loss for labels -1/1: per element
 * <pre>
 *   l = max(1 - y' p, 0)^2
 * </pre>
 * and {@code L} is the mean over all B*K elements. As in Keras, 0/1 labels are turned into -1/1
 * ({@code y' = 2y - 1}) when every target of the batch is 0 or 1; otherwise the targets are used as
 * they are ({@code y' = y}).
 *
 * <p>Gradient: {@code dL/dp = -2 y' max(1 - y' p, 0) / (B K)} where {@code 1 - y' p >= 0} (the side TensorFlow's {@code maximum} gives
 * a tie to), else 0.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class SquaredHinge implements Loss {

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        Hinge.toSigned(y);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double margin = Math.max(1 - y[i] * p[i], 0);
            sum += margin * margin;
        }
        return sum / p.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        Hinge.toSigned(y);
        Values out = Values.of(gradient);
        double scale = 1.0 / p.length;
        for (int i = 0; i < p.length; i++) {
            double margin = 1 - y[i] * p[i];
            out.set(i, margin >= 0 ? -2 * y[i] * margin * scale : 0);           // -2 y' max(1 - y' p, 0) / (B K)
        }
    }

    @Override
    public String toString() {
        return "SquaredHinge";
    }
}
