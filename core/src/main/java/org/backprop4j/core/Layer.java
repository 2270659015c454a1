package org.backprop4j.core;

import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a {@link Sequential} model: a map from a batch {@code (batchSize, inputSize)} to
 * {@code (batchSize, outputSize)}, and back from {@code dL/doutput} to {@code dL/dinput}.
 *
 * <p>Life cycle, as in Keras: the constructor takes hyper-parameters only; {@link #build} is called
 * once the input size is known and creates the weights; then {@link #forward} and {@link #backward}
 * alternate. {@code backward} must follow the {@code forward} of the same batch, because a layer
 * keeps what it needs (its input, its output) from the forward pass.
 *
 * <p>Arrays returned by {@code forward} and {@code backward} belong to the layer and are overwritten
 * by its next call with the same batch size; copy them to keep them.
 */
public abstract class Layer {

    private String name;
    private long inputSize = -1;
    private long outputSize = -1;
    private DataType dataType;
    private final BufferCache buffers = new BufferCache();

    /** @param name the layer's name, or null to let the model choose one ({@code dense}, {@code dense_1}, ...) */
    protected Layer(String name) {
        this.name = name;
    }

    /**
     * Creates the weights for the given input size.
     *
     * @return the output size
     */
    protected abstract long build(long inputSize, Random random);

    /**
     * The forward pass.
     *
     * @param input {@code (batchSize, inputSize)}
     * @return {@code (batchSize, outputSize)}, owned by the layer
     */
    public abstract INDArray forward(INDArray input);

    /**
     * The backward pass: stores the gradient of every parameter (see {@link #gradients()}) and
     * returns {@code dL/dinput}.
     *
     * @param dLdOutput {@code (batchSize, outputSize)}
     * @param needInputGradient false for the first trainable layer, whose input gradient nobody uses
     * @return {@code (batchSize, inputSize)}, owned by the layer, or null when not needed
     */
    public abstract INDArray backward(INDArray dLdOutput, boolean needInputGradient);

    /**
     * The backward pass of {@link Backprop#EXPLICIT_JACOBIAN} mode: the same results as
     * {@link #backward}, computed by materialising this layer's Jacobians for each sample and
     * multiplying by them ({@code dL/dinput = J^T dL/doutput}; each weight's per-output, per-sample
     * adjustments summed). The model calls it for every layer, the output layer included, with the
     * loss's plain gradient {@code dL/dpredictions} (never the fused {@code p - y}).
     *
     * <p>By default it is {@link #backward}, for layers that have no explicit form (yet).
     *
     * @param dLdOutput {@code (batchSize, outputSize)}
     * @param needInputGradient false for the first trainable layer, whose input gradient nobody uses
     * @return {@code (batchSize, inputSize)}, or null when not needed
     */
    public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient) {
        return backward(dLdOutput, needInputGradient);
    }

    /**
     * The activation this layer's output ends with, or null. A loss that fuses with it (softmax with
     * categorical cross-entropy, sigmoid with binary cross-entropy) then calls
     * {@link #backwardFromPreActivation} instead of {@link #backward}.
     */
    public ActivationFunction outputActivation() {
        return null;
    }

    /**
     * The backward pass given {@code dL/dz}, the gradient before {@link #outputActivation()}, instead
     * of {@code dL/doutput}.
     */
    public INDArray backwardFromPreActivation(INDArray dLdPreActivation, boolean needInputGradient) {
        throw new UnsupportedOperationException(describe() + " has no output activation");
    }

    /** The trainable arrays, in Keras order (e.g. kernel, bias). Live arrays, not copies. */
    public List<INDArray> parameters() {
        return List.of();
    }

    /** Names of {@link #parameters()}, parallel to it (e.g. "kernel", "bias"). */
    public List<String> parameterNames() {
        return List.of();
    }

    /** The gradients from the last {@link #backward}, parallel to {@link #parameters()}. */
    public List<INDArray> gradients() {
        return List.of();
    }

    /**
     * The input size this layer was constructed with (e.g. {@code Dense(units, inputDim)}), or -1
     * when it takes whatever the previous layer gives.
     */
    public long declaredInputSize() {
        return -1;
    }

    /** The Keras type name shown by {@code summary()}, by default the class's simple name. */
    public String typeName() {
        return getClass().getSimpleName();
    }

    // ---- managed by Sequential ------------------------------------------------------------------

    /**
     * Builds the layer for an input size and a data type; called by {@link Sequential#add}.
     *
     * @throws IllegalStateException if the layer was built already (layers cannot be shared)
     */
    public final void build(long inputSize, DataType dataType, Random random) {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built (inputs " + this.inputSize
                    + "): a layer instance can belong to one model only");
        }
        if (inputSize <= 0) {
            throw new IllegalArgumentException(describe() + " needs a positive input size, got " + inputSize);
        }
        this.dataType = dataType;
        this.inputSize = inputSize;
        this.outputSize = build(inputSize, random);
    }

    /** Whether {@link #build(long, DataType, Random)} has run. */
    public final boolean isBuilt() {
        return outputSize >= 0;
    }

    /** The layer's name; null until a model names it. */
    public final String name() {
        return name;
    }

    final void assignName(String name) {
        this.name = name;
    }

    /** Input size, -1 before build. */
    public final long inputSize() {
        return inputSize;
    }

    /** Output size, -1 before build. */
    public final long outputSize() {
        return outputSize;
    }

    /** The data type of the weights and every array this layer makes. */
    public final DataType dataType() {
        return dataType;
    }

    /** Number of trainable scalars. */
    public final long parameterCount() {
        long count = 0;
        for (INDArray parameter : parameters()) {
            count += parameter.length();
        }
        return count;
    }

    /** {@code Dense 'dense_1'}: how error messages name the layer. */
    public final String describe() {
        return typeName() + (name == null ? "" : " '" + name + "'");
    }

    /**
     * A {@code (rows, columns)} work array of the layer's type, allocated once per key and row count
     * and reused after that: the hot path allocates nothing while the batch size stays the same.
     */
    protected final INDArray buffer(String key, long rows, long columns) {
        return buffers.get(key, rows, columns, dataType);
    }

    /**
     * {@code Dense 'dense' (2 -> 2)} once built; before that the layer's settings, e.g.
     * {@code Dense(units=1, activation=sigmoid)}.
     */
    @Override
    public String toString() {
        if (!isBuilt()) {
            return Descriptions.unbuiltLayer(this);
        }
        return describe() + " (" + inputSize + " -> " + outputSize + ")";
    }
}
