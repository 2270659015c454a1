package org.backprop4j.core;

import org.backprop4j.core.internal.FastElementwise;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A non-linearity {@code a = f(z)} applied to every row of a batch: its forward pass, its backward
 * pass (the vector-Jacobian product) and its Jacobian, all in one class, so a reader finds
 * {@code s (1 - s)} in {@code Sigmoid}.
 *
 * <p>Shapes: {@code z}, {@code a}, {@code dLda} and {@code dLdz} are all {@code (batchSize, n)}. The
 * backward pass receives both the pre-activation {@code z} and the output {@code a = f(z)} (as DL4J's
 * {@code backprop(z, epsilon)}), so a derivative may use either: {@code a (1 - a)} for sigmoid,
 * {@code Phi(z) + z phi(z)} for GELU.
 *
 * <p>An activation that acts on each element alone extends {@link
 * org.backprop4j.core.activations.ElementwiseActivation} and writes only its formulas; the library's
 * kernels then run it at the speed of the built-ins. One that couples the elements of a row (softmax)
 * implements this interface directly. Either way a new one is one class plus
 * {@code Registry.ACTIVATIONS.register("name", MyActivation.class, config -> new MyActivation())};
 * then {@code new Dense(8, "name")} and {@code new Activation("name")} find it, and models using it
 * save and load.
 *
 * <p>Threads: implementations must be immutable, keeping no per-call state (work arrays come from
 * the caller), because one instance serves every thread that runs the model; the built-in ones are.
 */
public interface ActivationFunction extends Component {

    /**
     * Which probability output this is, for a loss that differentiates itself and this activation in
     * one step (cross-entropy after softmax or sigmoid: {@code dL/dz = (p - y) / batch}). A declared
     * capability: an activation computing the same function (a user's own softmax) may declare it too.
     */
    enum Link {
        /** No fused gradient: the loss's gradient goes through {@link #backward}. */
        NONE,
        /** The logistic function {@code 1 / (1 + e^-z)}, element-wise: binary cross-entropy may fuse. */
        SIGMOID,
        /** The row-wise softmax {@code e^z_i / sum_k e^z_k}: categorical cross-entropies may fuse. */
        SOFTMAX
    }

    /** The registered name, e.g. {@code "sigmoid"} (the class name while unregistered). */
    default String name() {
        return ComponentLookup.nameOrClass(ActivationFunction.class, this);
    }

    /** Writes {@code f(z)} into {@code a}, row by row; {@code a} may be {@code z} (in place). */
    void forward(INDArray z, INDArray a);

    /**
     * A layer's bias and activation in one call: {@code z[i][j] += bias[j]} for every row, then
     * {@code a = f(z)}. z keeps the pre-activation; a may be z. The default does the two in turn; an
     * {@link org.backprop4j.core.activations.ElementwiseActivation} does them in one fused kernel.
     *
     * @param bias a row vector of {@code n} elements
     */
    default void forward(INDArray z, INDArray bias, INDArray a) {
        FastElementwise.addRowVector(z, bias);
        forward(z, a);
    }

    /**
     * The vector-Jacobian product {@code dLdz = J^T dLda} for every row, where {@code J = da/dz} at
     * {@code z}; {@code a = f(z)} is given too. {@code dLdz} is a different array from z, a and
     * {@code dLda}. z is null when {@link #needsPreActivation()} is false and the caller did not keep it.
     */
    void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz);

    /**
     * Whether {@link #backward} and {@link #jacobian} read z, or only the output a (sigmoid:
     * {@code a (1 - a)}). A declared capability, as PyTorch's derivative formulas say whether they
     * save the input or the result: when false, a layer may compute a in place of z, keeping one array
     * instead of two, and pass null for z. True by default.
     */
    default boolean needsPreActivation() {
        return true;
    }

    /**
     * The Jacobian {@code J[i][k] = da_i/dz_k} of one sample, materialised as an {@code (n, n)}
     * matrix (one row per output), for {@link Backprop#EXPLICIT_JACOBIAN} and teaching.
     *
     * @param z the sample's pre-activation, a vector of length n (null as in {@link #backward})
     * @param a the sample's output {@code f(z)}, a vector of length n
     */
    INDArray jacobian(INDArray z, INDArray a);

    /** The probability output this activation computes, if any ({@link Link#NONE} by default). */
    default Link link() {
        return Link.NONE;
    }
}
