package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code a = 1 / (1 + exp(-z))}, element-wise. Derivative: {@code da/dz = a (1 - a)}, so the
 * Jacobian of a sample is diagonal.
 */
public final class Sigmoid implements ActivationFunction {

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public void forwardInPlace(INDArray z) {
        forward(z, z);
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        Kernels.forElements(a, z).sigmoid(z, a); // a = 1 / (1 + exp(-z))
    }

    /** {@code dLdz = dLda * a * (1 - a)}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        Kernels.forElements(dLdz, a, dLda).sigmoidBackward(a, dLda, dLdz); // dLdz = dLda * a * (1 - a)
    }

    /** {@code diag(a * (1 - a))}. */
    @Override
    public INDArray jacobian(INDArray a) {
        INDArray row = a.reshape(a.length());
        return Nd4j.diag(row.rsub(1.0).muli(row));
    }
}
