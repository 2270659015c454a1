package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code a = max(0, z)}, element-wise. Derivative: 1 where {@code a > 0}, else 0 (at {@code z = 0}
 * we take 0, as Keras and PyTorch do).
 */
public final class Relu implements ActivationFunction {

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void forwardInPlace(INDArray z) {
        forward(z, z);
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        Kernels.forElements(a, z).relu(z, a); // a = max(0, z)
    }

    /** {@code dLdz = dLda * step(a)}, with {@code step(a) = a > 0 ? 1 : 0}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        Kernels.forElements(dLdz, a, dLda).reluBackward(a, dLda, dLdz); // dLdz = dLda * step(a)
    }

    /** {@code diag(step(a))}. */
    @Override
    public INDArray jacobian(INDArray a) {
        return Nd4j.diag(Transforms.step(a.reshape(a.length()), true));
    }
}
