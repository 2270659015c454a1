package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A non-linearity {@code a = f(z)} applied to every row of a batch, with its backward pass next to it.
 *
 * <p>Shapes: {@code z}, {@code a}, {@code dLda} and {@code dLdz} are all {@code (batchSize, n)}.
 * Every implementation expresses its derivative through its <em>output</em> {@code a}, so a layer
 * only has to keep {@code a} for the backward pass.
 *
 * <p>Implementations live in {@code org.backprop4j.core.activations}; look one up by its Keras name
 * with {@link org.backprop4j.core.activations.Activations#byName(String)}.
 */
public interface ActivationFunction {

    /** The Keras name, e.g. {@code "sigmoid"}. */
    String name();

    /** Overwrites {@code z} with {@code f(z)}, row by row. */
    void forwardInPlace(INDArray z);

    /**
     * Writes {@code f(z)} into {@code a}, leaving {@code z} unchanged (same shapes). By default a
     * copy and then {@link #forwardInPlace}; implementations do it in one pass.
     */
    default void forward(INDArray z, INDArray a) {
        a.assign(z);
        forwardInPlace(a);
    }

    /**
     * The vector-Jacobian product {@code dLdz = J^T dLda} for every row, where {@code J = da/dz}.
     * {@code dLdz} must be a different array from {@code a} and {@code dLda}.
     */
    void backward(INDArray a, INDArray dLda, INDArray dLdz);

    /**
     * The Jacobian {@code J[i][k] = da_i/dz_k} of one sample, materialised as an {@code (n, n)} matrix.
     *
     * @param a the sample's output, a vector of length n
     */
    INDArray jacobian(INDArray a);
}
