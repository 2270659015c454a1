package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code a = tanh(z)}, element-wise. Derivative: {@code da/dz = 1 - a^2} (a diagonal Jacobian). */
public final class Tanh implements ActivationFunction {

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public void forwardInPlace(INDArray z) {
        forward(z, z);
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        Kernels.forElements(a, z).tanh(z, a); // a = tanh(z)
    }

    /** {@code dLdz = dLda * (1 - a^2)}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        Kernels.forElements(dLdz, a, dLda).tanhBackward(a, dLda, dLdz); // dLdz = dLda * (1 - a^2)
    }

    /** {@code diag(1 - a^2)}. */
    @Override
    public INDArray jacobian(INDArray a) {
        INDArray row = a.reshape(a.length());
        return Nd4j.diag(row.mul(row).rsubi(1.0));
    }
}
