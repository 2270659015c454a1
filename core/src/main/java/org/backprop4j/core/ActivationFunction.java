package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A non-linearity {@code a = f(z)} applied to every row of a batch: its forward pass, its backward
 * pass (the vector-Jacobian product) and its Jacobian, all in one class, so a reader finds
 * {@code s (1 - s)} in {@code Sigmoid}.
 *
 * <p>Shapes: {@code z}, {@code a}, {@code dLda} and {@code dLdz} are all {@code (batchSize, n)}.
 * Every implementation expresses its derivative through its <em>output</em> {@code a}, so a layer
 * only has to keep {@code a} for the backward pass.
 *
 * <p>Built-ins live in {@code org.backprop4j.core.activations}. A new one is one class plus
 * {@code Registry.ACTIVATIONS.register("name", MyActivation.class, config -> new MyActivation())};
 * then {@code new Dense(8, "name")} and {@code new Activation("name")} find it, and models using it
 * save and load.
 *
 * <p>Threads: implementations must be immutable, keeping no per-call state (work arrays come from
 * the caller), because one instance serves every thread that runs the model; the built-in ones are.
 */
public interface ActivationFunction extends Component {

    /** The registered name, e.g. {@code "sigmoid"} (the class name while unregistered). */
    default String name() {
        return Registry.ACTIVATIONS.nameOrClass(this);
    }

    /** Writes {@code f(z)} into {@code a}, row by row; {@code a} may be {@code z} (in place). */
    void forward(INDArray z, INDArray a);

    /**
     * The vector-Jacobian product {@code dLdz = J^T dLda} for every row, where {@code J = da/dz};
     * {@code dLdz} is a different array from {@code a} and {@code dLda}.
     */
    void backward(INDArray a, INDArray dLda, INDArray dLdz);

    /**
     * The Jacobian {@code J[i][k] = da_i/dz_k} of one sample, materialised as an {@code (n, n)}
     * matrix (one row per output), for {@link Backprop#EXPLICIT_JACOBIAN} and teaching.
     *
     * @param a the sample's output, a vector of length n
     */
    INDArray jacobian(INDArray a);

}
