package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss function: the number training minimises, and its gradient.
 *
 * <p>Shapes: {@code predictions} and every gradient are {@code (batchSize, k)}; {@code targets}
 * are {@code (batchSize, targetColumns(k))}: k for most losses, 1 for class indices. The value is
 * the mean over the batch, exactly as Keras reports it, and every gradient is the gradient of that
 * mean, so one SGD step on a full batch moves a weight by {@code -lr * dL/dw}.
 *
 * <p>Built-ins live in {@code org.backprop4j.core.losses}. A new one is one class plus
 * {@code Registry.LOSSES.register("name", MyLoss.class, config -> new MyLoss())}.
 *
 * <p>Threads: implementations must be immutable, because {@code evaluate} may call one loss from
 * several threads at once; the built-in losses are.
 */
public interface Loss extends Component {

    /** The registered name, e.g. {@code "mean_squared_error"} (the class name while unregistered). */
    default String name() {
        return ComponentLookup.nameOrClass(Loss.class, this);
    }

    /** What {@code "accuracy"} compares for a loss's targets (Keras' rule, declared by the loss). */
    enum AccuracyKind {
        /** Prediction rounded at 0.5 against a 0/1 target: {@code binary_accuracy}. */
        BINARY,
        /** Argmax of the prediction against argmax of a one-hot target: {@code categorical_accuracy}. */
        CATEGORICAL,
        /** Argmax of the prediction against a class index: {@code sparse_categorical_accuracy}. */
        SPARSE_CATEGORICAL
    }

    /**
     * Which accuracy {@code compile(..., "accuracy")} means for this loss's targets with
     * {@code outputColumns} outputs: binary for one output column, categorical otherwise, by
     * default. A loss whose targets say otherwise (0/1 labels per column, class indices) overrides
     * it, so that the model never tests the loss's concrete type.
     */
    default AccuracyKind accuracyKind(long outputColumns) {
        return outputColumns == 1 ? AccuracyKind.BINARY : AccuracyKind.CATEGORICAL;
    }

    /** The number of target columns for a model with {@code outputColumns} outputs: the same by default. */
    default long targetColumns(long outputColumns) {
        return outputColumns;
    }

    /**
     * Checks target values before training starts, so that bad labels fail fast with a clear
     * message. By default accepts anything finite (which the model has already checked).
     *
     * @throws IllegalArgumentException describing the first bad row
     */
    default void validateTargets(INDArray targets) {
    }

    /**
     * {@link #validateTargets(INDArray)} for a model with {@code outputColumns} outputs, so that a
     * loss whose targets are class indices can check them against the number of classes. The model
     * calls this one; by default it is {@link #validateTargets(INDArray)}.
     *
     * @throws IllegalArgumentException describing the first bad row
     */
    default void validateTargets(INDArray targets, long outputColumns) {
        validateTargets(targets);
    }

    /** The mean loss over the batch. */
    double value(INDArray predictions, INDArray targets);

    /** Writes {@code dL/dpredictions} into {@code gradient}. */
    void gradient(INDArray predictions, INDArray targets, INDArray gradient);

    /**
     * Whether {@link #gradientWrtPreActivation} may be used when the model's output goes through
     * {@code activation}: softmax with categorical cross-entropy, sigmoid with binary cross-entropy.
     */
    default boolean fusesWith(ActivationFunction activation) {
        return false;
    }

    /**
     * Writes {@code dL/dz} straight from the output {@code p = f(z)}: for the fused pairs this is
     * {@code (p - y)} divided by the loss's averaging count, which is both cheaper and more stable
     * than going through {@code dL/dp} and the activation's Jacobian.
     *
     * @throws UnsupportedOperationException if {@link #fusesWith} is false for the activation
     */
    default void gradientWrtPreActivation(INDArray predictions, INDArray targets, INDArray dLdz) {
        throw new UnsupportedOperationException(name() + " has no fused gradient");
    }

}
