package org.backprop4j.core;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a {@link Sequential} model: a map from a batch {@code (batchSize, inputSize)} to
 * {@code (batchSize, outputSize)}, and back from {@code dL/doutput} to {@code dL/dinput}.
 *
 * <p>The contract, as Keras 3's layers:
 * <ul>
 *   <li>the constructor takes hyper-parameters only, and {@link #config()} returns them;</li>
 *   <li>{@link #build(long, Random)} runs once the input size is known and creates the weights
 *       ({@link #parameters()}), drawing from the model's seeded random stream;</li>
 *   <li>{@link #forward(INDArray, CallContext)} is Keras' {@code call(inputs, training)}: the
 *       context says whether this is training and holds the call's work arrays and whatever the
 *       layer keeps for its backward pass, so a layer has no per-call fields and one model can
 *       serve several threads;</li>
 *   <li>{@link #backward} follows a forward pass in the same context: it writes the gradient of
 *       every parameter and returns {@code dL/dinput}.</li>
 * </ul>
 *
 * <p>A new layer type is one class extending this one plus one registration so that models holding
 * it can be saved and loaded: {@code Registry.LAYERS.register("MyLayer", MyLayer.class,
 * MyLayer::fromConfig)}; see {@code docs/architecture.md}.
 *
 * <p>Threads: a layer belongs to one model; once built, {@link #forward} in separate contexts may
 * run on several threads at once (as concurrent {@code predict} calls do), while building, {@link
 * #backward} and weight changes happen on the model's training thread only, which {@link
 * Sequential} enforces.
 */
public abstract class Layer implements Component {

    private String name;
    private long inputSize = -1;
    private long outputSize = -1;
    private DataType dataType;
    /** Set by the loader for the one build whose parameter values it reads from a file right after. */
    private boolean valuesWillBeLoaded;
    private boolean trainable = true;
    /** The shape of one sample in and out (e.g. {@code [28, 28]} and {@code [784]}); null before build. */
    private long[] inputShape;
    private long[] outputShape;

    /** A layer that the model will name ({@code dense}, {@code dense_1}, ...). */
    protected Layer() {
    }

    /**
     * Creates the weights for {@code inputSize} inputs; {@link #dataType()} is set already.
     *
     * @param random the model's seeded stream: draw initial weights from it, and only from it
     * @return the output size
     */
    protected abstract long build(long inputSize, Random random);

    /**
     * The forward pass, Keras' {@code call(inputs, training=context.training())}.
     *
     * @param input {@code (batchSize, inputSize)}; not modified
     * @return {@code (batchSize, outputSize)}, a work array of the context's (copy it to keep it)
     */
    public abstract INDArray forward(INDArray input, CallContext context);

    /**
     * The backward pass: writes the gradient of every parameter (into {@link Parameter#gradient()})
     * and returns {@code dL/dinput}. Must follow {@link #forward} in the same context.
     *
     * @param dLdOutput {@code (batchSize, outputSize)}
     * @param needInputGradient false for the first trainable layer, whose input gradient nobody uses
     * @return {@code (batchSize, inputSize)}, a work array of the context's, or null when not needed
     */
    public abstract INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context);

    /**
     * The backward pass of {@link Backprop#EXPLICIT_JACOBIAN} mode: the same results as
     * {@link #backward}, computed by materialising this layer's Jacobians for each sample and
     * multiplying by them ({@code dL/dinput = J^T dL/doutput}; each weight's per-sample adjustments
     * summed). The model calls it for every layer, the output layer included, with the loss's plain
     * gradient {@code dL/dpredictions} (never the fused {@code p - y}). By default it is
     * {@link #backward}, for layers that have no explicit form.
     */
    public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        return backward(dLdOutput, needInputGradient, context);
    }

    /**
     * The activation this layer's output ends with, or null. A loss that fuses with it (softmax with
     * categorical cross-entropy, sigmoid with binary cross-entropy) gives {@code dL/dz} directly,
     * and the model then calls {@link #backwardFromPreActivation} instead of {@link #backward}.
     */
    public ActivationFunction outputActivation() {
        return null;
    }

    /** The backward pass given {@code dL/dz}, the gradient before {@link #outputActivation()}. */
    public INDArray backwardFromPreActivation(INDArray dLdz, boolean needInputGradient, CallContext context) {
        throw new UnsupportedOperationException(describe() + " has no output activation");
    }

    /** The trainable arrays with their gradients, in Keras order (e.g. kernel, bias). Live arrays. */
    public List<Parameter> parameters() {
        return List.of();
    }

    /**
     * The shapes of the parameters {@link #build(long, Random)} would create for {@code inputSize}
     * inputs, in {@link #parameters()} order, without creating them; null when the layer cannot
     * tell (then a loader builds it to find out). A model file's claimed shapes are checked against
     * this before any memory is allocated.
     */
    public List<long[]> parameterShapes(long inputSize) {
        return null;
    }

    /**
     * The regularisation penalty this layer adds to the loss (Keras' {@code layer.losses}), e.g.
     * {@code l2 * sum(kernel^2)}; its gradient is added to the parameters' gradients in
     * {@link #backward}. 0 by default.
     */
    public double penalty() {
        return 0;
    }

    /**
     * The input size this layer was constructed with (e.g. {@code Dense(units, inputDim)}), or -1
     * when it takes whatever the previous layer gives.
     */
    public long declaredInputSize() {
        return -1;
    }

    /**
     * The hyper-parameters that recreate this layer through its registered factory (Keras'
     * {@code get_config}): JSON-friendly values only (numbers, booleans, strings, null, and maps
     * and lists of them). The name and the weights are saved separately.
     */
    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    /** The type name shown by {@code summary()} and saved in files: the registered name, else the class's simple name. */
    public String typeName() {
        return ComponentLookup.nameOrClass(Layer.class, this);
    }

    // ---- managed by the model -------------------------------------------------------------------

    // ---- shapes of one sample (input shapes of rank > 1; see InputShapes) ---------------------

    /**
     * The shape of one input sample this layer declares as a model's first layer (Keras'
     * {@code input_shape=}), e.g. {@code [28, 28]} for {@code Input(28, 28)}; null when it declares
     * none. By default {@code [declaredInputSize()]}, or null when that is -1. A layer that declares a
     * shape of rank above 1 also returns the number of its elements from {@link #declaredInputSize()}.
     */
    public long[] declaredInputShape() {
        long size = declaredInputSize();
        return size > 0 ? new long[] {size} : null;
    }

    /**
     * The shape of one output sample for one input sample of {@code inputShape}, or null for a layer
     * that takes flat samples only (rank 1, as {@code Dense}: its output is {@code [outputSize]}, as
     * {@link #build(long, Random)} says). A layer that works element by element (Dropout, Rescaling, the
     * noise layers) returns {@code inputShape}; {@code Flatten} returns the number of its elements. The
     * model passes every sample as one row of its elements in row-major ('c') order whatever its shape,
     * so {@link #build(long, Random)} still gets the number of elements and {@link #forward} a
     * {@code (batchSize, elements)} matrix; the shape says how to read a row. Null by default.
     */
    protected long[] outputShape(long[] inputShape) {
        return null;
    }

    /**
     * The output shape this layer would have after a layer whose samples have {@code inputShape}, or
     * an IllegalArgumentException naming this layer ({@code described}) and the shape when it takes
     * flat samples only. Changes nothing.
     */
    final long[] plannedOutputShape(long[] inputShape, String described) {
        long[] shaped = outputShape(inputShape.clone());
        if (shaped == null && inputShape.length != 1) {
            throw new IllegalArgumentException(described + " takes flat samples, shape (None, n), but gets "
                    + shapeText(inputShape) + ": add a Flatten() before it, as in Keras");
        }
        return shaped;
    }

    /**
     * Builds the layer for samples of {@code inputShape} (the model calls this one): the number of
     * their elements goes to {@link #build(long, DataType, Random)}.
     *
     * @throws IllegalArgumentException for a layer that takes flat samples given a shape of rank above 1
     */
    public final void build(long[] inputShape, DataType dataType, Random random) {
        long[] shaped = plannedOutputShape(inputShape, describe());
        build(elements(inputShape), dataType, random);
        this.inputShape = inputShape.clone();
        this.outputShape = shaped == null ? new long[] {outputSize} : shaped;
        if (elements(outputShape) != outputSize) {
            throw new IllegalStateException(describe() + " outputs " + outputSize + " values per sample, but its shape "
                    + shapeText(outputShape) + " holds " + elements(outputShape));
        }
    }

    /** The shape of one input sample, e.g. {@code [28, 28]}; null before build. A copy. */
    public final long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The shape of one output sample, e.g. {@code [784]} for a Flatten; null before build. A copy. */
    public final long[] outputShape() {
        return outputShape == null ? null : outputShape.clone();
    }

    /** The product of a shape's dimensions: the number of values one sample holds. */
    public static long elements(long[] shape) {
        long product = 1;
        for (long dimension : shape) {
            product = Math.multiplyExact(product, dimension);
        }
        return product;
    }

    /** Keras' way to print the shape of a batch of samples of {@code shape}: {@code (None, 28, 28)}. */
    public static String shapeText(long[] shape) {
        StringBuilder text = new StringBuilder("(None");
        for (long dimension : shape) {
            text.append(", ").append(dimension);
        }
        return text.append(')').toString();
    }

    /**
     * Builds the layer for an input size and a data type; called when the layer joins a model.
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
        try {
            this.outputSize = build(inputSize, random);
        } finally {
            valuesWillBeLoaded = false;
        }
        this.inputShape = new long[] {inputSize};   // flat until build(long[], ...) says otherwise
        this.outputShape = new long[] {outputSize};
    }

    /**
     * True inside {@link #build(long, Random)} when the model is being loaded: every parameter is
     * overwritten with the file's values right after, so the layer may allocate its parameters
     * without drawing initial values (zeros, no throw-away initialisation). The random stream's state
     * is restored from the file afterwards, so skipping draws changes nothing.
     */
    protected final boolean valuesWillBeLoaded() {
        return valuesWillBeLoaded;
    }

    /** Marks the next build as one whose parameter values the loader reads in right after. */
    final void expectLoadedValues() {
        valuesWillBeLoaded = true;
    }

    /** Whether {@link #build(long, DataType, Random)} has run. */
    public final boolean isBuilt() {
        return outputSize >= 0;
    }

    /** The layer's name; null until a model names it (or {@link #name(String)} does). */
    public final String name() {
        return name;
    }

    /**
     * Names the layer, as Keras' {@code name=} argument; only before it joins a model.
     *
     * @return this layer
     * @throws IllegalStateException if the layer is built already
     * @throws IllegalArgumentException for a blank name or one with control characters (bidirectional-text
     *         controls such as U+202E and line separators included)
     */
    public final Layer name(String name) {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " already belongs to a model: it cannot be renamed");
        }
        if (name == null || name.isBlank() || name.length() > 128 || !ConfigChecks.printable(name).equals(name)) {
            throw new IllegalArgumentException("A layer name is 1 to 128 characters without control characters"
                    + " (nor bidirectional-text controls or line separators), got "
                    + (name == null ? "null" : "'" + ConfigChecks.printable(name) + "'"));
        }
        this.name = name;
        return this;
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

    /** The data type of the weights and every array this layer makes; null before build. */
    public final DataType dataType() {
        return dataType;
    }

    /**
     * Keras' {@code layer.trainable = False}: a frozen layer's weights are non-trainable (the
     * optimizer leaves them alone); set before {@code compile}. Returns this layer.
     */
    public Layer setTrainable(boolean trainable) {
        this.trainable = trainable;
        return this;
    }

    /** Whether this layer's weights may be trained (its own non-trainable state aside). */
    public boolean isTrainable() {
        return trainable;
    }

    /**
     * Commits state that this training pass computed and that is no weight the optimizer updates,
     * e.g. a batch normalisation's moving mean and variance from the batch statistics its forward
     * pass kept in {@code context}. Called once per training step, after the optimizer's update,
     * inside the model's write lock, so a concurrent {@code predict} sees the state before or after
     * the step, never half of it. Nothing by default.
     */
    public void updateState(CallContext context) {
    }

    /** Number of scalars in the trainable weights (all of them for a layer set non-trainable: 0). */
    public final long trainableParameterCount() {
        long count = 0;
        for (Parameter parameter : parameters()) {
            count += trainable && parameter.trainable() ? parameter.length() : 0;
        }
        return count;
    }

    /** Number of scalars in all weights, trainable or not. */
    public final long parameterCount() {
        long count = 0;
        for (Parameter parameter : parameters()) {
            count += parameter.length();
        }
        return count;
    }

    /** {@code Dense 'dense_1'}: how error messages name the layer. */
    public final String describe() {
        return typeName() + (name == null ? "" : " '" + name + "'");
    }

    /**
     * {@code Dense 'dense' (2 -> 2)} once built; before that the layer's settings, e.g.
     * {@code Dense(units=1, activation=sigmoid)}.
     */
    @Override
    public String toString() {
        if (!isBuilt()) {
            return SettingsText.unbuiltLayer(this);
        }
        return describe() + " (" + inputSize + " -> " + outputSize + ")";
    }
}
