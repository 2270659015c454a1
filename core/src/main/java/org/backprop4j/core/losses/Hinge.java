package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code hinge} loss for labels -1/1: per element
 * <pre>
 *   l = max(1 - y' p, 0)
 * </pre>
 * and {@code L} is the mean over all B*K elements. As in Keras, 0/1 labels are turned into -1/1
 * ({@code y' = 2y - 1}) when every target of the batch is 0 or 1; otherwise the targets are used as
 * they are ({@code y' = y}).
 *
 * <p>Gradient: {@code dL/dp = -y' / (B K)} where {@code 1 - y' p >= 0} (the side TensorFlow's {@code maximum} gives
 * a tie to), else 0.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Hinge implements Loss {

    /**
     * Keras' {@code convert_binary_labels_to_hinge}: in place, {@code y -> 2y - 1} when every value
     * is 0 or 1, else unchanged.
     */
    static void toSigned(double[] y) {
        for (double value : y) {
            if (value != 0 && value != 1) {
                return;
            }
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = 2 * y[i] - 1;
        }
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        toSigned(y);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.max(1 - y[i] * p[i], 0);
        }
        return sum / p.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        toSigned(y);
        Values out = Values.of(gradient);
        double scale = 1.0 / p.length;
        for (int i = 0; i < p.length; i++) {
            out.set(i, 1 - y[i] * p[i] >= 0 ? -y[i] * scale : 0);                 // -y' / (B K) inside the margin
        }
    }

    @Override
    public String toString() {
        return "Hinge";
    }
}
