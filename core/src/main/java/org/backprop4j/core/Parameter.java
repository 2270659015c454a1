package org.backprop4j.core;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One array of a layer's weights and its gradient: everything that touches weights (optimizers,
 * {@code getWeights}/{@code setWeights}, saving and loading, weight snapshots, the gradient check)
 * works on a list of these.
 *
 * <p>{@code value} and {@code gradient} are live arrays of the same shape, e.g. a Dense kernel
 * {@code (inputSize, units)} and {@code dL/dkernel}. The layer writes {@code gradient} in its
 * backward pass; the optimizer reads it and updates {@code value} in place.
 *
 * <p>A <b>non-trainable</b> weight (Keras' {@code trainable=False}: a frozen layer's weights, or
 * state such as a batch normalisation's moving mean) has no gradient: the optimizer never sees it
 * (no slots), the gradient check skips it, {@code summary()} counts it as "Non-trainable params",
 * and it is saved and loaded like any other weight. State that training changes is changed by its
 * layer in {@link Layer#updateState}, inside the model's write lock, as part of the step.
 *
 * @param name the layer's name for it ({@code "kernel"}), or, in a model's list, the path
 *             {@code "dense_1/kernel"}
 * @param value the weights
 * @param gradient {@code dL/dvalue} from the last backward pass; null when not trainable
 * @param trainable whether the optimizer updates it from its gradient
 *
 * <p>Threads: an immutable record of live arrays: the arrays change while the model trains, so read
 * weights through {@link Sequential#getWeights()} for a consistent copy.
 */
public record Parameter(String name, INDArray value, INDArray gradient, boolean trainable) {

    /**
     * @throws IllegalArgumentException if the name or value is null, a trainable one has no gradient,
     *         or the two arrays' shapes differ
     */
    public Parameter {
        if (name == null || value == null || (trainable && gradient == null)) {
            throw new IllegalArgumentException("A parameter needs a name, a value and (if trainable) a gradient array");
        }
        if (gradient != null && !Arrays.equals(value.shape(), gradient.shape())) {
            throw new IllegalArgumentException("Parameter '" + name + "': value " + Arrays.toString(value.shape())
                    + " and gradient " + Arrays.toString(gradient.shape()) + " differ in shape");
        }
    }

    /** A trainable weight and its gradient. */
    public Parameter(String name, INDArray value, INDArray gradient) {
        this(name, value, gradient, true);
    }

    /** A non-trainable weight (state the optimizer never touches), without a gradient. */
    public static Parameter nonTrainable(String name, INDArray value) {
        return new Parameter(name, value, null, false);
    }

    /** The same arrays under another name (a model prefixes the layer's name: {@code dense/kernel}). */
    public Parameter named(String newName) {
        return new Parameter(newName, value, gradient, trainable);
    }

    /** The same arrays, frozen (a layer set non-trainable): the optimizer leaves it alone. */
    public Parameter frozen() {
        return new Parameter(name, value, gradient, false);
    }

    /** The shape of the value (and of the gradient). */
    public long[] shape() {
        return value.shape();
    }

    /** Number of scalars. */
    public long length() {
        return value.length();
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(value.shape()) + (trainable ? "" : " (non-trainable)");
    }
}
