package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code a = z}: the identity. Its Jacobian is the identity matrix. */
public final class Linear implements ActivationFunction {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public void forwardInPlace(INDArray z) {
        // a = z: nothing to do
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        Kernels.forElements(a, z).copy(z, a); // a = z
    }

    /** {@code dLdz = dLda}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        Kernels.forElements(dLdz, dLda).copy(dLda, dLdz); // dLdz = dLda
    }

    /** The {@code (n, n)} identity. */
    @Override
    public INDArray jacobian(INDArray a) {
        return Nd4j.eye(a.length()).castTo(a.dataType());
    }
}
