package org.backprop4j.core.losses;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Loss;
import org.backprop4j.core.activations.Softmax;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code L = mean over the B samples of -sum_k y_k log p_k}, with p clipped to
 * {@code [1e-7, 1 - 1e-7]}, as Keras' {@code categorical_crossentropy} on probabilities; y is
 * one-hot (or any distribution over the K classes).
 *
 * <p>Gradient: {@code dL/dp_k = -y_k / p_k / B} (clipped p). After a softmax the Jacobian
 * {@code diag(p) - p p^T} turns that into {@code dL/dz = (p - y) / B} when each row of y sums to 1:
 * the fused path, which never divides by a small p.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class CategoricalCrossentropy implements Loss {

    /** Keras' {@code epsilon()}: the clipping margin. */
    public static final double EPSILON = 1e-7;

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] != 0) {
                sum += y[i] * Math.log(Math.min(Math.max(p[i], EPSILON), 1 - EPSILON));
            }
        }
        return -sum / predictions.rows();
    }

    /** Each row of y must be a distribution: entries in [0, 1] summing to 1 (one-hot labels are). */
    @Override
    public void validateTargets(INDArray targets) {
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) targets.columns();
        for (int row = 0; row < targets.rows(); row++) {
            double sum = 0;
            for (int k = 0; k < columns; k++) {
                double value = y[row * columns + k];
                if (value < 0 || value > 1) {
                    throw new IllegalArgumentException(name() + " needs targets in [0, 1] (one-hot rows); y[" + row
                            + "][" + k + "] = " + value);
                }
                sum += value;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new IllegalArgumentException(name() + " needs each row of y to sum to 1 (one-hot); row "
                        + row + " sums to " + sum);
            }
        }
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        INDArray clipped = Transforms.min(Transforms.max(predictions, EPSILON, true), 1 - EPSILON, false);
        gradient.assign(targets).divi(clipped).muli(-1.0 / predictions.rows());
    }

    @Override
    public boolean fusesWith(ActivationFunction activation) {
        return activation instanceof Softmax;
    }

    /** {@code dL/dz = (p - y) / B}. */
    @Override
    public void gradientWrtPreActivation(INDArray predictions, INDArray targets, INDArray dLdz) {
        Kernels.forElements(dLdz, predictions, targets)
                .scaledDifference(predictions, targets, 1.0 / predictions.rows(), dLdz); // (p - y) / B
    }
}
