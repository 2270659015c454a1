package org.backprop4j.core;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One trainable array of a layer and its gradient: everything that touches weights (optimizers,
 * {@code getWeights}/{@code setWeights}, saving and loading, weight snapshots, the gradient check)
 * works on a list of these.
 *
 * <p>{@code value} and {@code gradient} are live arrays of the same shape, e.g. a Dense kernel
 * {@code (inputSize, units)} and {@code dL/dkernel}. The layer writes {@code gradient} in its
 * backward pass; the optimizer reads it and updates {@code value} in place.
 *
 * @param name the layer's name for it ({@code "kernel"}), or, in a model's list, the path
 *             {@code "dense_1/kernel"}
 * @param value the weights
 * @param gradient {@code dL/dvalue} from the last backward pass
 *
 * <p>Threads: an immutable record of live arrays: the arrays change while the model trains, so read
 * weights through {@link Sequential#getWeights()} for a consistent copy.
 */
public record Parameter(String name, INDArray value, INDArray gradient) {

    /**
     * @throws IllegalArgumentException if an argument is null or the two arrays' shapes differ
     */
    public Parameter {
        if (name == null || value == null || gradient == null) {
            throw new IllegalArgumentException("A parameter needs a name, a value and a gradient array");
        }
        if (!Arrays.equals(value.shape(), gradient.shape())) {
            throw new IllegalArgumentException("Parameter '" + name + "': value " + Arrays.toString(value.shape())
                    + " and gradient " + Arrays.toString(gradient.shape()) + " differ in shape");
        }
    }

    /** The same arrays under another name (a model prefixes the layer's name: {@code dense/kernel}). */
    public Parameter named(String newName) {
        return new Parameter(newName, value, gradient);
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
        return name + " " + Arrays.toString(value.shape());
    }
}
