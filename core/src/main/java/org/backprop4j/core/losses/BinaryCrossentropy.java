package org.backprop4j.core.losses;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Loss;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code L = -mean over all B*K elements of [y log p + (1 - y) log(1 - p)]}, with p clipped to
 * {@code [1e-7, 1 - 1e-7]} so that the value stays finite, as Keras' {@code binary_crossentropy}.
 *
 * <p>Gradient: {@code dL/dp = (p - y) / (p (1 - p)) / (B K)} (with the clipped p, so it stays
 * finite too). After a sigmoid, {@code dp/dz = p (1 - p)} cancels the denominator and
 * {@code dL/dz = (p - y) / (B K)}: the fused path.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class BinaryCrossentropy implements Loss {

    /** Keras' {@code epsilon()}: the clipping margin. */
    public static final double EPSILON = 1e-7;

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double clipped = Math.min(Math.max(p[i], EPSILON), 1 - EPSILON);
            sum += y[i] * Math.log(clipped) + (1 - y[i]) * Math.log(1 - clipped);
        }
        return -sum / p.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        INDArray clipped = Transforms.min(Transforms.max(predictions, EPSILON, true), 1 - EPSILON, false);
        INDArray denominator = clipped.rsub(1.0).muli(clipped).muli(predictions.length());
        gradient.assign(clipped).subi(targets).divi(denominator);
    }

    @Override
    public boolean fusesWith(ActivationFunction activation) {
        return activation instanceof Sigmoid;
    }

    /** {@code dL/dz = (p - y) / (B K)}. */
    @Override
    public void gradientWrtPreActivation(INDArray predictions, INDArray targets, INDArray dLdz) {
        Kernels.forElements(dLdz, predictions, targets)
                .scaledDifference(predictions, targets, 1.0 / predictions.length(), dLdz); // (p - y) / (B K)
    }
}
