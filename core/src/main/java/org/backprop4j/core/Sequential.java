package org.backprop4j.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stack of layers trained by backpropagation, with the API of Keras' {@code Sequential}:
 * <pre>{@code
 * Sequential model = new Sequential(42L).add(new Dense(2, 2, "sigmoid")).add(new Dense(1, "sigmoid"));
 * model.compile("mean_squared_error", new SGD(0.5), "accuracy");
 * History history = model.fit(x, y, 5000, 4);     // x (samples, inputSize), y (samples, outputSize)
 * INDArray p = model.predict(x);                   // (samples, outputSize)
 * }</pre>
 * DOUBLE unless the constructor says otherwise; inputs of another type are converted. This class
 * is the facade: the network (the layers and the passes through them), the objective fixed by
 * {@code compile}, the optimizer and the training loop do the work ({@code docs/architecture.md}).
 * Bad input throws {@link IllegalArgumentException} or {@link IllegalStateException} before any
 * weight changes.
 *
 * <p>Threads: {@code predict}, {@code evaluate}, {@code layerOutputs}, {@code getWeights} and
 * {@code save} may run on any number of threads at once, also while one thread trains; they see the
 * weights before or after an optimizer step, never a mix. One training call ({@code fit},
 * {@code trainOnBatch}, {@code gradients}) at a time; {@code add}, {@code compile} and
 * {@code setBackprop} are refused during training ({@code docs/threads.md}).
 */
public class Sequential {

    static {
        // before anything here touches ND4J: OpenBLAS's core type and OpenMP's wait policy are read once, at load
        org.backprop4j.core.internal.NativeSetup.beforeNd4j();
    }

    private final long seed;
    private final Network network;
    /** Data findings already logged by fit, so a loop of fit calls warns once. */
    private final Set<String> reportedDataFindings = new HashSet<>();

    /** The loss, metrics and optimizer of the last compile, and whether it still holds. */
    private final Compilation compilation = new Compilation();
    private Backprop backprop = Backprop.FUSED;
    /** The thread rules: who may read or write the weights, one training call at a time. */
    private final ModelGuard guard = new ModelGuard();

    /** A DOUBLE model with a random seed (see {@link #seed()}). */
    public Sequential() {
        this(new Random().nextLong());
    }

    /** A DOUBLE model whose weights and shuffling derive from {@code seed}: same seed, same training. */
    public Sequential(long seed) {
        this(seed, DataType.DOUBLE);
    }

    /**
     * A model of the given floating-point type (DOUBLE or FLOAT).
     *
     * @throws IllegalArgumentException for any other type: HALF, BFLOAT16 and the integer types
     */
    public Sequential(long seed, DataType dataType) {
        if (dataType != DataType.DOUBLE && dataType != DataType.FLOAT) {
            throw new IllegalArgumentException("A model computes in DOUBLE or FLOAT (the supported data types), got " + dataType);
        }
        this.seed = seed;
        this.network = new Network(seed, dataType);
    }

    /**
     * Appends a layer, names it if it has no name ({@code dense}, {@code dense_1}, ...) and builds its
     * weights, drawing them from the model's seeded random stream.
     *
     * @return this model
     * @throws IllegalArgumentException if the first layer does not declare its input size, or a
     *         declared input size does not match the previous layer's output
     */
    public Sequential add(Layer layer) {
        guard.requireNotTraining("add a layer");
        network.add(layer);
        compilation.undo(layer.describe() + " was added after compile()");
        return this;
    }

    /**
     * Keras' {@code pop()}: removes and returns the last layer; compile again before training, as after {@link #add}
     * (Keras keeps its compile). {@link IllegalStateException} on an empty model (Keras: an IndexError).
     */
    public Layer pop() {
        guard.requireNotTraining("pop a layer");
        Layer removed = network.pop();
        compilation.undo(removed.describe() + " was removed by pop() after compile()");
        return removed;
    }

    /**
     * Sets the loss (a registered name such as {@code "mse"} or {@code "categorical_crossentropy"}),
     * the optimizer (e.g. {@code new SGD(0.1)}, bound to this model with a fresh state) and the metrics
     * (each a name such as {@code "accuracy"}, a {@link Metric} object such as {@code new AUC()}, or either
     * wrapped by {@code Metrics.weighted}); returns this model.
     */
    public Sequential compile(String loss, Optimizer optimizer, Object... metrics) {
        return compile(Registry.LOSSES.create(loss), optimizer, metrics);
    }

    /** With the optimizer by name and its defaults: {@code compile("mse", "sgd")} is Keras' {@code optimizer='sgd'}. */
    public Sequential compile(String loss, String optimizer, Object... metrics) {
        return compile(Registry.LOSSES.create(loss), Registry.OPTIMIZERS.create(optimizer), metrics);
    }

    /** As {@link #compile(String, Optimizer, Object...)} with a {@link Loss} object. */
    public Sequential compile(Loss loss, Optimizer optimizer, Object... metrics) {
        guard.requireNotTraining("compile");
        compilation.compile(this, network, loss, optimizer, metrics);
        return this;
    }

    /** Keras' {@code fit(x, y, epochs=epochs, batch_size=batchSize)}, with the other options at their defaults. */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize) {
        return fit(x, y, new FitOptions().epochs(epochs).batchSize(batchSize));
    }

    /**
     * Trains on {@code x (samples, inputSize)} and {@code y (samples, outputSize)}: each epoch visits the
     * rows in a new random order (unless {@code shuffle(false)}) in {@code ceil(samples / batchSize)}
     * batches, one optimizer step each; {@link DataDiagnostics#check}'s findings on {@code x} are logged
     * once per model. Returns per-epoch means, weighted by batch size, of the values measured before
     * each batch's update (as Keras).
     */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        INDArray[] data = checked("fit", x, y); // {inputs, targets}
        return training("fit", () -> {
            Trainer trainer = new Trainer(network, compilation.objective(), compilation.optimizer(), backprop, network.trainingContext(), options);
            return trainer.fit(new TrainingContext(this, trainer.logKeys(options), options.epochs(),
                    options.verbose() > 0 ? options.progressOutput() : null), this::writeWeights, data[0], data[1],
                    finding -> { if (reportedDataFindings.add(finding)) { Warnings.warn(getClass(), finding); } });
        });
    }

    /** One optimizer step on one batch, as Keras' {@code train_on_batch}; the scores are measured before it. */
    public Map<String, Double> trainOnBatch(INDArray x, INDArray y) {
        INDArray[] data = checked("trainOnBatch", x, y); // {inputs, targets}
        return training("trainOnBatch", () -> {
            CallContext context = network.trainingContext();
            return Trainer.step(network, compilation.objective(), backprop, context, data[0], data[1],
                    () -> writeWeights(() -> Trainer.update(compilation.optimizer(), network, context)));
        });
    }

    /** Runs {@code call} as this model's one training call (another at the same time is refused). */
    private <T> T training(String operation, java.util.function.Supplier<T> call) {
        guard.beginTraining(operation);
        try {
            return call.get();
        } finally {
            guard.endTraining();
        }
    }

    /**
     * The gradient of the mean loss over {@code (x, y)} with respect to every weight, in
     * {@link #getWeights()} order, without changing any weight. Copies, not live arrays. The
     * forward pass runs in training mode (as the gradients {@code fit} follows). A callback may call
     * it from inside {@code fit} (on fit's thread, between steps); another thread may not while the
     * model trains.
     */
    public List<INDArray> gradients(INDArray x, INDArray y) {
        return trainingPass("gradients", x, y, (context, data) -> {
            Trainer.step(network, compilation.objective(), backprop, context, data[0], data[1], () -> { });
            return network.copies(Parameter::gradient);
        });
    }

    /**
     * {@code dL/da_l (samples, outputSize_l)} of the mean loss over {@code (x, y)} for every layer's output
     * {@code a_l}, laid out like {@link #layerOutputs} (the last is {@code dL/dpredictions}): the upstream
     * gradients of the backward pass. Copies; threads and training mode as {@link #gradients}.
     */
    public List<INDArray> layerGradients(INDArray x, INDArray y) {
        return trainingPass("layerGradients", x, y,
                (context, data) -> LayerGradients.of(network, compilation.objective(), backprop, context, data[0], data[1]));
    }

    /** A forward and backward pass that changes no weight, for {@link #gradients} and {@link #layerGradients}. */
    private <T> T trainingPass(String operation, INDArray x, INDArray y,
                               java.util.function.BiFunction<CallContext, INDArray[], T> pass) {
        INDArray[] data = checked(operation, x, y); // {inputs, targets}
        if (guard.trainingOnThisThread()) { // a callback in fit: its own work arrays and random stream
            return pass.apply(new CallContext(true, new Random(seed), network.dataType()), data);
        }
        return training(operation, () -> pass.apply(network.trainingContext(), data));
    }

    /** Runs {@code change} (an optimizer step, a weight restore) while no inference pass reads the weights. */
    void writeWeights(Runnable change) {
        guard.write(change);
    }

    /**
     * A new {@code (samples, outputSize)} array of outputs for {@code x (samples, inputSize)} (or the layers' sample shapes), in
     * inference mode (Dropout off); each call has its own work arrays, so threads may predict at once.
     */
    public INDArray predict(INDArray x) {
        requireLayers("predict");
        INDArray inputs = network.checkInputs(x, "x");
        return network.asSamples(guard.read(() -> network.forward(inputs, CallContext.inference(network.dataType()))).dup());
    }

    /**
     * Every layer's output for {@code x} in inference mode, in layer order (copies; the last is the
     * prediction): for looking inside a model, as the training-health report does.
     */
    public List<INDArray> layerOutputs(INDArray x) {
        requireLayers("layerOutputs");
        INDArray inputs = network.checkInputs(x, "x");
        return guard.read(() -> network.layerOutputs(inputs, CallContext.inference(network.dataType())));
    }

    /** Keras' {@code evaluate}: {@code {"loss": ..., "accuracy": ...}} over {@code (x, y)}, in inference mode. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, (INDArray) null);
    }

    /** Keras' {@code evaluate(x, y, sample_weight=w)}: the loss and weighted metrics weighted per sample (FitOptions.sampleWeight). */
    public Map<String, Double> evaluate(INDArray x, INDArray y, INDArray sampleWeight) {
        INDArray[] data = checked("evaluate", x, y); // {inputs, targets}
        double[] weights = SampleWeights.check(sampleWeight, data[0].rows(), "sampleWeight");
        return guard.read(() -> compilation.objective().scores(network.forward(data[0], CallContext.inference(network.dataType())),
                data[1], weights));
    }

    /**
     * As {@link #evaluate(INDArray, INDArray)}, printing Keras' line ({@code 1/1 [=====] - 0s 2ms/step -
     * loss: 0.0123 - ...}) to {@code System.out} for {@code verbose} 1 (with a bar) or 2; 0 prints nothing.
     */
    public Map<String, Double> evaluate(INDArray x, INDArray y, int verbose) {
        return evaluate(x, y, verbose, System.out);
    }

    /** {@link #evaluate(INDArray, INDArray, int)} with the progress line going to {@code out}. */
    Map<String, Double> evaluate(INDArray x, INDArray y, int verbose, java.io.PrintStream out) {
        return Progress.evaluation(out, verbose, () -> evaluate(x, y));
    }

    /** {@code {inputs, targets}}: x and y checked against the model and its loss, in the model's type. */
    private INDArray[] checked(String operation, INDArray x, INDArray y) {
        compilation.require(network, operation);
        INDArray inputs = network.checkInputs(x, "x");
        return new INDArray[] {inputs, compilation.objective().checkTargets(y, inputs, "y")};
    }

    private void requireLayers(String operation) {
        if (network.isEmpty()) {
            throw new IllegalStateException("Cannot " + operation + ": the model has no layers");
        }
    }


    /** Every layer's parameters in Keras weight order ({@code "dense/kernel"}): live arrays, last gradients. */
    public List<Parameter> parameters() {
        return network.parameters();
    }

    /** Copies of every weight array in Keras order: {@code [kernel0, bias0, kernel1, bias1, ...]}. */
    public List<INDArray> getWeights() {
        return guard.read(() -> network.copies(Parameter::value));
    }

    /**
     * Replaces every weight, in {@link #getWeights()} order. All arrays are checked (count, shape,
     * finiteness) before any is copied in, so a bad list changes nothing.
     */
    public void setWeights(List<INDArray> weights) {
        writeWeights(() -> network.setWeights(weights));
    }

    /**
     * Saves the whole model (layers, weights, compile settings, optimizer state, random state) to one
     * zip of {@code model.json} and numpy arrays, replaced atomically: a crash never leaves a
     * half-written file; links are followed, permissions kept, special and read-only files refused
     * ({@code docs/save-and-load.md}). Safe while other threads predict or train.
     *
     * @throws IllegalStateException if it cannot be saved (no layers, an unregistered component, a
     *         non-finite weight); nothing is written
     * @throws IOException naming the file if writing fails or the target is refused
     */
    public void save(Path path) throws IOException {
        guard.readIo(() -> ModelIO.save(this, path)); // weights, optimizer slots and step count from one moment
    }

    /**
     * Loads a model saved by {@link #save(Path)}, which then predicts and trains on exactly as the saved
     * one would have; every part of the file is checked before anything is allocated.
     *
     * @throws IOException naming the file and the problem (missing, not a model, unknown version or
     *         component, shape mismatch, truncated or corrupted data)
     */
    public static Sequential load(Path path) throws IOException {
        return ModelReader.load(path);
    }

    /** The model's random stream (weights, shuffling, dropout), whose state save and load carry. */
    org.backprop4j.core.internal.StatefulRandom random() {
        return network.random();
    }

    /** Keras' {@code to_json()}: the architecture (layers with names and configs, input shape, type), no weights ({@link ModelJson}). */
    public String toJson() {
        return ModelJson.write(this);
    }

    /** Keras' {@code model_from_json}: a new model, not compiled, from {@link #toJson()}'s text, with fresh weights. */
    public static Sequential fromJson(String json) {
        return ModelJson.read(json, new Random().nextLong());
    }

    /** As {@link #fromJson(String)}, with the weights (and shuffling) drawn from {@code seed}. */
    public static Sequential fromJson(String json, long seed) {
        return ModelJson.read(json, seed);
    }

    /** Keras' {@code clone_model}: the same architecture and layer names, freshly initialised weights, not compiled. */
    public static Sequential cloneModel(Sequential model) {
        return ModelJson.copy(model, new Random().nextLong());
    }

    /** Keras 2's summary table: one row per layer (name, type, output shape, parameters), then the totals. */
    public String summary() {
        return Summary.of(network.layers());
    }

    /** The model on one line: {@code Sequential(dense Dense(2 -> 2), ...; 9 params; loss mean_squared_error, ...)}. */
    @Override
    public String toString() {
        return Descriptions.model(this);
    }

    /** The layers, in order (unmodifiable). */
    public List<Layer> getLayers() {
        return network.layers();
    }

    /** The seed all weights and shuffling derive from. */
    public long seed() {
        return seed;
    }

    /** The data type of every weight and activation. */
    public DataType dataType() {
        return network.dataType();
    }

    /** Whether compile() has run since the last layer was added. */
    public boolean isCompiled() {
        return compilation.holds();
    }

    /**
     * How gradients are computed from now on: {@link Backprop#FUSED} (the default) or
     * {@link Backprop#EXPLICIT_JACOBIAN} (materialised Jacobians, as the derivation); same gradients up
     * to round-off. Returns this model.
     */
    public Sequential setBackprop(Backprop backprop) {
        guard.requireNotTraining("change the backprop mode");
        if (backprop == null) {
            throw new IllegalArgumentException("backprop must not be null; use Backprop.FUSED or Backprop.EXPLICIT_JACOBIAN");
        }
        this.backprop = backprop;
        return this;
    }

    /** How gradients are computed: {@link Backprop#FUSED} unless {@link #setBackprop} said otherwise. */
    public Backprop backprop() {
        return backprop;
    }

    /** The compiled loss, or null. */
    public Loss loss() {
        return compilation.objective() == null ? null : compilation.objective().loss();
    }

    /** The compiled optimizer, or null. */
    public Optimizer optimizer() {
        return compilation.optimizer();
    }

    /** The compiled metrics (possibly empty). */
    public List<Metric> metrics() {
        return compilation.objective() == null ? List.of() : compilation.objective().metrics();
    }
}
