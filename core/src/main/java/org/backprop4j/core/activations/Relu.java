package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.internal.Elementwise;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code a = max(0, z)}, element-wise. Derivative: 1 where {@code a > 0}, else 0 (also at
 * {@code z = 0}, as Keras and PyTorch); the Jacobian of a sample is diagonal.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Relu implements ActivationFunction {

    /** {@code a = max(0, z)}. */
    @Override
    public void forward(INDArray z, INDArray a) {
        if (Elementwise.inJava(a, z)) {
            Elementwise.map(z, a, zi -> Math.max(0, zi));
        } else {
            if (a != z) {
                a.assign(z);
            }
            Transforms.relu(a, false);
        }
    }

    /** {@code dLdz = dLda * (a > 0 ? 1 : 0)}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        if (Elementwise.inJava(dLdz, a, dLda)) {
            Elementwise.zip(a, dLda, dLdz, (ai, gi) -> ai > 0 ? gi : 0);
        } else {
            Transforms.step(dLdz.assign(a), false).muli(dLda); // step(a) * g
        }
    }

    /** {@code diag(a > 0 ? 1 : 0)}. */
    @Override
    public INDArray jacobian(INDArray a) {
        return Nd4j.diag(Transforms.step(a.reshape(a.length()), true));
    }
}
