package org.backprop4j.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(Sequential.class);

    private final long seed;
    private final Network network;
    /** Data findings already logged by fit, so a loop of fit calls warns once. */
    private final Set<String> reportedDataFindings = new HashSet<>();

    private Objective objective;
    private Optimizer optimizer;
    private boolean compiled;
    private Backprop backprop = Backprop.FUSED;
    /** Work arrays of the training calls (fit, trainOnBatch, gradients), reused from call to call. */
    private CallContext trainingContext;
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
     * @throws IllegalArgumentException for a non floating-point type
     */
    public Sequential(long seed, DataType dataType) {
        if (dataType == null || !dataType.isFPType()) {
            throw new IllegalArgumentException("A model needs a floating-point data type (DOUBLE or FLOAT), got " + dataType);
        }
        this.seed = seed;
        this.network = new Network(seed, dataType);
    }

    // ---- building -------------------------------------------------------------------------------

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
        if (compiled) {
            compiled = false;
            Warnings.warn(Sequential.class,
                    layer.describe() + " was added after compile(): call compile(...) again before training");
        }
        return this;
    }

    /**
     * Sets the loss, the optimizer and the metrics, and resets the optimizer's state.
     *
     * @param loss a registered loss name, e.g. {@code "mean_squared_error"}/{@code "mse"},
     *             {@code "binary_crossentropy"}, {@code "categorical_crossentropy"}
     * @param optimizer e.g. {@code new SGD(0.1)}
     * @param metrics metric names, e.g. {@code "accuracy"}
     * @return this model
     */
    public Sequential compile(String loss, Optimizer optimizer, String... metrics) {
        return compile(Registry.LOSSES.create(loss), optimizer, metrics);
    }

    /**
     * As {@link #compile(String, Optimizer, String...)} with the optimizer given by its Keras name
     * and default settings: {@code compile("mse", "sgd")} is Keras' {@code optimizer='sgd'}
     * (learning rate 0.01).
     */
    public Sequential compile(String loss, String optimizer, String... metrics) {
        return compile(Registry.LOSSES.create(loss), Registry.OPTIMIZERS.create(optimizer), metrics);
    }

    /** As {@link #compile(String, Optimizer, String...)} with a {@link Loss} object. */
    public Sequential compile(Loss loss, Optimizer optimizer, String... metrics) {
        guard.requireNotTraining("compile");
        if (network.isEmpty()) {
            throw new IllegalStateException("Add layers before compile(): the model is empty");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null; e.g. new SGD(0.01)");
        }
        Objective resolved = new Objective(network, loss, metrics); // checks the metric names first
        optimizer.bind(this, network.parameters());
        if (this.optimizer != null && this.optimizer != optimizer) {
            this.optimizer.bind(this, List.of()); // the old one lets go of this model's weights
        }
        this.objective = resolved;
        this.optimizer = optimizer;
        compiled = true;
        log.debug("Compiled: loss {}, optimizer {}, metrics {}, fused output gradient: {}", loss.name(),
                optimizer.name(), resolved.metrics().stream().map(Metric::name).toList(), resolved.fused());
        return this;
    }

    // ---- training -------------------------------------------------------------------------------

    /** Keras' {@code fit(x, y, epochs=epochs, batch_size=batchSize)}, with the other options at their defaults. */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize) {
        return fit(x, y, new FitOptions().epochs(epochs).batchSize(batchSize));
    }

    /**
     * Trains for {@code options.epochs()} passes over {@code (x, y)}. Each epoch visits the rows in a
     * new random order (unless {@code shuffle(false)}) in {@code ceil(samples / batchSize)} batches,
     * the last one possibly smaller, and takes one optimizer step per batch. Before training it logs
     * at WARN each problem {@link DataDiagnostics#check} finds in {@code x} (once per model).
     *
     * @param x {@code (samples, inputSize)}
     * @param y {@code (samples, outputSize)}
     * @return per-epoch loss and metrics; each epoch's value is the mean over its batches, weighted by
     *         batch size, of the values measured before each batch's update (as Keras)
     */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        requireCompiled("fit");
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        INDArray inputs = network.checkInputs(x, "x");
        INDArray targets = objective.checkTargets(y, inputs, "y");
        guard.beginTraining("fit");
        try {
            return new Trainer(network, objective, optimizer, backprop, trainingContext(), options)
                    .fit(this, inputs, targets, reportedDataFindings);
        } finally {
            guard.endTraining();
        }
    }

    /**
     * One optimizer step on one batch, as Keras' {@code train_on_batch}.
     *
     * @return the loss and metrics on the batch, measured before the update
     */
    public Map<String, Double> trainOnBatch(INDArray x, INDArray y) {
        requireCompiled("trainOnBatch");
        INDArray inputs = network.checkInputs(x, "x");
        INDArray targets = objective.checkTargets(y, inputs, "y");
        guard.beginTraining("trainOnBatch");
        try {
            return Trainer.step(network, objective, backprop, trainingContext(), inputs, targets,
                    () -> writeWeights(optimizer::apply));
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
        requireCompiled("gradients");
        INDArray inputs = network.checkInputs(x, "x");
        INDArray targets = objective.checkTargets(y, inputs, "y");
        // a callback inside fit (on fit's thread, between steps) may ask for gradients: it gets work
        // arrays and a random stream of its own, so fit's state and its shuffling stay untouched
        boolean insideFit = guard.trainingOnThisThread();
        if (!insideFit) {
            guard.beginTraining("gradients");
        }
        try {
            CallContext context = insideFit ? new CallContext(true, new Random(seed), network.dataType())
                    : trainingContext();
            Trainer.step(network, objective, backprop, context, inputs, targets, () -> { });
            List<INDArray> copies = new ArrayList<>();
            for (Parameter parameter : network.parameters()) {
                copies.add(parameter.gradient().dup());
            }
            return copies;
        } finally {
            if (!insideFit) {
                guard.endTraining();
            }
        }
    }

    /** Runs {@code change} (an optimizer step, a weight restore) while no inference pass reads the weights. */
    void writeWeights(Runnable change) {
        guard.write(change);
    }

    private CallContext trainingContext() {
        if (trainingContext == null) {
            trainingContext = new CallContext(true, network.random(), network.dataType());
        }
        return trainingContext;
    }

    // ---- inference ------------------------------------------------------------------------------

    /**
     * The model's output for every row of {@code x}, in inference mode (Dropout off). Each call has
     * its own work arrays, so several threads may predict with one model at once.
     *
     * @param x {@code (samples, inputSize)}
     * @return a new {@code (samples, outputSize)} array
     */
    public INDArray predict(INDArray x) {
        requireLayers("predict");
        INDArray inputs = network.checkInputs(x, "x");
        return guard.read(() -> network.forward(inputs, CallContext.inference(network.dataType()))).dup();
    }

    /**
     * Every layer's output for {@code x}, in inference mode (as {@link #predict}), in layer order:
     * element {@code l} is layer {@code l}'s output {@code (samples, outputSize of layer l)}, and the
     * last one is the prediction. Copies, not the layers' own buffers; changes no weight. Meant for
     * looking inside a model, such as the training-health report's dead and saturated units.
     *
     * @param x {@code (samples, inputSize)}
     * @throws IllegalStateException if the model has no layers
     * @throws IllegalArgumentException for input of the wrong width or with NaN/infinite values
     */
    public List<INDArray> layerOutputs(INDArray x) {
        requireLayers("layerOutputs");
        CallContext context = CallContext.inference(network.dataType());
        INDArray inputs = network.checkInputs(x, "x");
        return guard.read(() -> {
            List<INDArray> outputs = new ArrayList<>();
            INDArray activation = inputs;
            for (Layer layer : network.layers()) {
                activation = layer.forward(activation, context);
                outputs.add(activation.dup());
            }
            return outputs;
        });
    }

    /**
     * The loss and every metric over {@code (x, y)}, as Keras' {@code evaluate}, in inference mode.
     *
     * @return {@code {"loss": ..., "accuracy": ...}} in compile order
     */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        requireCompiled("evaluate");
        INDArray inputs = network.checkInputs(x, "x");
        INDArray targets = objective.checkTargets(y, inputs, "y");
        return guard.read(() -> objective.scores(network.forward(inputs, CallContext.inference(network.dataType())),
                targets));
    }

    /**
     * As {@link #evaluate(INDArray, INDArray)}, printing Keras' progress line to {@code System.out}
     * when {@code verbose} is 1 (with a bar) or 2 (without); 0 prints nothing. All of {@code x} is
     * scored in one step:
     * <pre>
     * 1/1 [==============================] - 0s 2ms/step - loss: 0.0123 - accuracy: 1.0000
     * </pre>
     *
     * @throws IllegalArgumentException unless {@code verbose} is 0, 1 or 2
     */
    public Map<String, Double> evaluate(INDArray x, INDArray y, int verbose) {
        return evaluate(x, y, verbose, System.out);
    }

    /** {@link #evaluate(INDArray, INDArray, int)} with the progress line going to {@code out}. */
    Map<String, Double> evaluate(INDArray x, INDArray y, int verbose, java.io.PrintStream out) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        }
        long start = System.nanoTime();
        Map<String, Double> scores = evaluate(x, y);
        new Progress(out, verbose, 1, 1).evaluation(start, scores);
        return scores;
    }

    private void requireLayers(String operation) {
        if (network.isEmpty()) {
            throw new IllegalStateException("Cannot " + operation + ": the model has no layers");
        }
    }

    private void requireCompiled(String operation) {
        requireLayers(operation);
        if (!compiled) {
            throw new IllegalStateException("Cannot " + operation + " before compile(loss, optimizer, metrics...)"
                    + (objective != null ? ": a layer was added after the last compile" : ""));
        }
    }

    // ---- weights --------------------------------------------------------------------------------

    /**
     * Every parameter of every layer, in Keras weight order, named {@code "dense/kernel"}: the live
     * arrays and their gradients from the last backward pass.
     */
    public List<Parameter> parameters() {
        return network.parameters();
    }

    /** Copies of every weight array in Keras order: {@code [kernel0, bias0, kernel1, bias1, ...]}. */
    public List<INDArray> getWeights() {
        return guard.read(() -> {
            List<INDArray> copies = new ArrayList<>(); // a list of the caller's own, as Keras' get_weights()
            for (Parameter parameter : network.parameters()) {
                copies.add(parameter.value().dup());
            }
            return copies;
        });
    }

    /**
     * Replaces every weight, in {@link #getWeights()} order. All arrays are checked (count, shape,
     * finiteness) before any is copied in, so a bad list changes nothing.
     */
    public void setWeights(List<INDArray> weights) {
        writeWeights(() -> network.setWeights(weights));
    }

    // ---- saving and loading ---------------------------------------------------------------------

    /**
     * Saves the whole model to one file: a zip holding {@code model.json} (format version, layers,
     * loss, metrics, optimizer settings and step count, data type, seed, random state) and every
     * weight and optimizer slot as a numpy {@code .npy} entry, written under a short temporary name
     * and renamed over the target atomically, so a crash never leaves a half-written file where a
     * good one was. Links are followed, permissions kept, special and read-only files refused; where
     * no rename is possible the file is written in place and verified ({@code docs/save-and-load.md}
     * has every case). Safe while other threads predict or train: it saves one moment's state.
     *
     * @throws IllegalStateException if the model cannot be saved (no layers, a component that is not
     *         registered, a non-finite weight); nothing is written
     * @throws IOException naming the file if writing fails or the target is refused; an existing file
     *         at {@code path} is then left as it was (except when the in-place write itself fails)
     */
    public void save(Path path) throws IOException {
        guard.readIo(() -> ModelIO.save(this, path)); // weights, optimizer slots and step count from one moment
    }

    /**
     * Loads a model saved by {@link #save(Path)}: same layers and names, same weights, compiled with
     * the same loss, metrics and optimizer state, so it predicts and trains on exactly as the saved
     * one would have. Every part of the file is checked; sizes are bounded by the file's own size.
     *
     * @throws IOException naming the problem: missing file, not a zip, missing or unexpected entry,
     *         unknown format version, malformed model.json, unknown component, shape mismatch,
     *         truncated or corrupted data
     */
    public static Sequential load(Path path) throws IOException {
        return ModelReader.load(path);
    }

    /** The shuffling random stream's 48-bit state, for saving. */
    long randomState() {
        return network.random().state();
    }

    /** Restores the shuffling random stream from {@link #randomState()}. */
    void restoreRandomState(long state) {
        network.random().restore(state);
    }

    // ---- description ----------------------------------------------------------------------------

    /**
     * Keras 2's summary table: one row per layer with its name, type, output shape and parameter
     * count, then the totals.
     */
    public String summary() {
        return Summary.of(network.layers());
    }

    /**
     * The model on one line, e.g. {@code Sequential(dense Dense(2 -> 2), activation
     * Activation(sigmoid), dense_1 Dense(2 -> 1), activation_1 Activation(sigmoid); 9 params; loss
     * mean_squared_error, optimizer sgd(learningRate=1.0, momentum=0.0, nesterov=false), metrics
     * [accuracy])}. The table: {@link #summary()}.
     */
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
        return compiled;
    }

    /**
     * Chooses how gradients are computed from now on: {@link Backprop#FUSED} (the default, fast) or
     * {@link Backprop#EXPLICIT_JACOBIAN} (every layer multiplies by its materialised Jacobians, as the
     * hand derivation does). Both give the same gradients up to round-off; see {@link Backprop}.
     *
     * @return this model
     * @throws IllegalArgumentException if {@code backprop} is null
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
        return objective == null ? null : objective.loss();
    }

    /** The compiled optimizer, or null. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The compiled metrics (possibly empty). */
    public List<Metric> metrics() {
        return objective == null ? List.of() : objective.metrics();
    }
}
