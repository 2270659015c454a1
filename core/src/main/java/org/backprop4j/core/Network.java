package org.backprop4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.backprop4j.core.internal.Checks;
import org.backprop4j.core.threads.SplitTrial;
import org.backprop4j.core.internal.StatefulRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layers of a model, in order, and the two passes through them:
 * <pre>
 *   forward:   a_0 = x;  a_l = layer_l.forward(a_(l-1))                  for l = 1 .. L
 *   backward:  g = dL/da_L (or dL/dz_L);  g = layer_l.backward(g)         for l = L .. first trainable
 * </pre>
 * It also names and builds layers as they are added, draws their weights from the model's seeded
 * random stream, and lists their parameters. Package-private: {@link Sequential} is the API.
 */
final class Network {

    private final DataType dataType;
    private final StatefulRandom random;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Integer> nameCounts = new HashMap<>();
    /** Work arrays of the training calls (fit, trainOnBatch, gradients), reused from call to call. */
    private CallContext trainingContext;
    /** fit's timing of one core against two per step, kept from one fit call to the next (the thread policy's). */
    private SplitTrial cores;
    /** The stop-on-NaN guard's copy of the weights, kept from one fit call to the next. */
    private WeightSnapshot guardSnapshot;

    Network(long seed, DataType dataType) {
        this.dataType = dataType;
        this.random = new StatefulRandom(seed);
    }

    /**
     * Names {@code layer} if it has no name ({@code dense}, {@code dense_1}, ...), builds it for the
     * previous layer's output size and appends it. Checks everything before changing anything.
     */
    void add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Cannot add a null layer");
        }
        if (layer.isBuilt() || layers.contains(layer)) {
            throw new IllegalStateException(layer.describe() + " already belongs to a model; create a new layer instead");
        }
        // the name it will get, for messages; the counter only moves once the layer is accepted
        String name = layer.name() == null ? nextName(snakeCase(layer.typeName())) : layer.name();
        String described = layer.typeName() + " '" + name + "'";
        long[] inputShape = InputShapes.inputShapeFor(layer, layers.isEmpty() ? null : output(), described);
        layer.plannedOutputShape(inputShape, described); // a flat-only layer after a shaped one: refused here
        if (hasLayerNamed(name)) {
            throw new IllegalArgumentException("The model already has a layer named '" + name + "'");
        }
        if (layer.name() == null) {
            nameCounts.merge(snakeCase(layer.typeName()), 1, Integer::sum);
        }
        layer.assignName(name);
        layer.build(inputShape, dataType, random);
        layers.add(layer);
    }

    /**
     * Removes and returns the last layer (Keras' {@code pop()}); the automatic-name counters keep
     * counting, as Keras' do, so the next {@code dense} added is not named like the removed one.
     *
     * @throws IllegalStateException when there is no layer to remove
     */
    Layer pop() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Cannot pop(): the model has no layers");
        }
        Layer removed = layers.remove(layers.size() - 1);
        trainingContext = null; // its work arrays and kept values may belong to the removed layer
        return removed;
    }

    /** {@code x} through every layer; the result is a work array of {@code context}'s. */
    INDArray forward(INDArray x, CallContext context) {
        INDArray activation = x;
        for (Layer layer : layers) {
            activation = layer.forward(activation, context);
        }
        return activation;
    }

    /**
     * The backward pass of {@link Backprop#FUSED}, from the loss's gradient: {@code dL/dz} of the
     * output layer's activation when {@code fromPreActivation} (the fused loss + activation), else
     * {@code dL/dpredictions}. Fills every parameter's gradient.
     */
    void backward(INDArray lossGradient, boolean fromPreActivation, CallContext context) {
        int first = firstTrainable();
        int last = layers.size() - 1;
        INDArray gradient = fromPreActivation
                ? output().backwardFromPreActivation(lossGradient, last > first, context)
                : output().backward(lossGradient, last > first, context);
        for (int l = last - 1; l >= first; l--) {
            gradient = layers.get(l).backward(gradient, l > first, context);
        }
    }

    /** The backward pass of {@link Backprop#EXPLICIT_JACOBIAN}: every layer multiplies by its Jacobians. */
    void backwardExplicit(INDArray dLdPredictions, CallContext context) {
        int first = firstTrainable();
        INDArray gradient = dLdPredictions;
        for (int l = layers.size() - 1; l >= first; l--) {
            gradient = layers.get(l).backwardExplicit(gradient, l > first, context);
        }
    }

    /** The first layer with weights (the backward pass stops there), or the last layer if none has any. */
    private int firstTrainable() {
        int first = 0;
        while (first < layers.size() - 1 && layers.get(first).parameterCount() == 0) {
            first++;
        }
        return first;
    }

    /**
     * Every layer's parameters in Keras order, named {@code "layer/parameter"}; those of a layer set
     * non-trainable are marked non-trainable.
     */
    List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        for (Layer layer : layers) {
            for (Parameter parameter : layer.parameters()) {
                Parameter named = parameter.named(layer.name() + "/" + parameter.name());
                parameters.add(layer.isTrainable() ? named : named.frozen());
            }
        }
        return parameters;
    }

    /** The parameters an optimizer updates: the trainable ones, in {@link #parameters()} order. */
    List<Parameter> trainableParameters() {
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter parameter : parameters()) {
            if (parameter.trainable()) {
                trainable.add(parameter);
            }
        }
        return trainable;
    }

    /** Every layer's {@link Layer#updateState}: the non-trainable state of this training step. */
    void updateState(CallContext context) {
        for (Layer layer : layers) {
            layer.updateState(context);
        }
    }

    /**
     * Replaces every weight, in parameter order, after checking all of them (count, shape,
     * finiteness), so a bad list changes nothing.
     */
    void setWeights(List<INDArray> weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        List<Parameter> parameters = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Layer layer : layers) {
            for (Parameter parameter : layer.parameters()) {
                parameters.add(parameter);
                names.add(layer.describe() + " " + parameter.name()); // Dense 'dense_1' kernel
            }
        }
        if (weights.size() != parameters.size()) {
            throw new IllegalArgumentException("setWeights expects " + parameters.size() + " arrays " + names
                    + ", got " + weights.size());
        }
        List<INDArray> converted = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            INDArray weight = weights.get(i);
            INDArray target = parameters.get(i).value();
            if (weight == null) {
                throw new IllegalArgumentException("setWeights: array " + i + " (" + names.get(i) + ") is null");
            }
            if (!Arrays.equals(weight.shape(), target.shape())) {
                throw new IllegalArgumentException("setWeights: " + names.get(i) + " has shape "
                        + Arrays.toString(target.shape()) + ", got " + Arrays.toString(weight.shape()));
            }
            converted.add(Checks.castFinite("setWeights: " + names.get(i), weight, target.dataType()));
        }
        for (int i = 0; i < converted.size(); i++) {
            parameters.get(i).value().assign(converted.get(i));
        }
    }

    /** The sum of every layer's regularisation penalty. */
    double penalty() {
        double penalty = 0;
        for (Layer layer : layers) {
            penalty += layer.penalty();
        }
        return penalty;
    }

    /**
     * {@code x} checked (a finite matrix with the first layer's input size, or samples of the first
     * layer's shape, read as rows) and converted to the model's type.
     */
    INDArray checkInputs(INDArray x, String what) {
        Layer first = layers.get(0);
        if (first.inputShape().length > 1) {
            return InputShapes.rows(x, first, what, dataType);
        }
        INDArray inputs = Checks.matrix(what, x, dataType);
        if (inputs.columns() != first.inputSize()) {
            throw new IllegalArgumentException(first.describe() + " expects " + first.inputSize()
                    + " input columns, got " + inputs.columns() + " (" + what + " has shape " + Arrays.toString(x.shape()) + ")");
        }
        return inputs;
    }

    /** The model's outputs {@code (samples, outputSize)} seen with the output layer's sample shape (themselves when flat). */
    INDArray asSamples(INDArray outputs) {
        return InputShapes.samples(outputs, output().outputShape());
    }

    /** The model's trial of one core against two per training step (created on first use). */
    SplitTrial cores() {
        if (cores == null) {
            cores = new SplitTrial();
        }
        return cores;
    }

    /**
     * A snapshot of the weights for the stop-on-NaN guard, made once and reused by every {@code fit}
     * while the weights are the same arrays: a new one per call allocated a copy of every weight
     * (2.7 MB for a 784-512-512-10 network), and fresh memory costs a page fault per 4 KB.
     */
    WeightSnapshot guardSnapshot(Consumer<Runnable> writeLock) {
        List<Parameter> parameters = parameters();
        if (guardSnapshot == null || !guardSnapshot.boundTo(parameters)) {
            guardSnapshot = new WeightSnapshot(parameters, writeLock);
        }
        return guardSnapshot;
    }

    /** The training calls' context: training mode, the model's random stream, kept from call to call. */
    CallContext trainingContext() {
        if (trainingContext == null) {
            trainingContext = new CallContext(true, random, dataType);
        }
        return trainingContext;
    }

    /** Every layer's output for {@code x}, in layer order, as copies (the last is the prediction). */
    List<INDArray> layerOutputs(INDArray x, CallContext context) {
        List<INDArray> outputs = new ArrayList<>();
        INDArray activation = x;
        for (Layer layer : layers) {
            activation = layer.forward(activation, context);
            outputs.add(InputShapes.samples(activation.dup(), layer.outputShape()));
        }
        return outputs;
    }

    /**
     * A list of the caller's own (as Keras' get_weights()) with a copy of each parameter's {@code part};
     * where that part is missing (a non-trainable weight's gradient), zeros of the weight's shape.
     */
    List<INDArray> copies(java.util.function.Function<Parameter, INDArray> part) {
        List<INDArray> copies = new ArrayList<>();
        for (Parameter parameter : parameters()) {
            INDArray array = part.apply(parameter);
            copies.add(array == null ? parameter.value().ulike().assign(0) : array.dup());
        }
        return copies;
    }

    List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    boolean isEmpty() {
        return layers.isEmpty();
    }

    Layer output() {
        return layers.get(layers.size() - 1);
    }

    DataType dataType() {
        return dataType;
    }

    StatefulRandom random() {
        return random;
    }

    /**
     * Keras' automatic name for the next layer of this type: {@code dense}, {@code dense_1}, ...,
     * skipping names already taken (a loaded model's layers carry theirs).
     */
    private String nextName(String base) {
        int count = nameCounts.getOrDefault(base, 0);
        String name = count == 0 ? base : base + "_" + count;
        while (hasLayerNamed(name)) {
            count++;
            name = base + "_" + count;
        }
        return name;
    }

    private boolean hasLayerNamed(String name) {
        for (Layer existing : layers) {
            if (existing.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** "Dense" -> "dense", "BatchNormalization" -> "batch_normalization", as Keras names layers. */
    static String snakeCase(String typeName) {
        return typeName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
