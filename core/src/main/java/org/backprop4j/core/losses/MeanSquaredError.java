package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code L = mean over all B*K elements of (p - y)^2}, as Keras' {@code mean_squared_error}
 * (the mean over the K columns of each sample, then over the B samples).
 * Gradient: {@code dL/dp = 2 (p - y) / (B K)}.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class MeanSquaredError implements Loss {

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double difference = p[i] - y[i];
            sum += difference * difference;
        }
        return sum / p.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        Kernels.forElements(gradient, predictions, targets)
                .scaledDifference(predictions, targets, 2.0 / predictions.length(), gradient); // 2 (p - y) / (B K)
    }
}
