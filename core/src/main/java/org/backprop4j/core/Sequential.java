package org.backprop4j.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.losses.Losses;
import org.backprop4j.core.metrics.Metrics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stack of layers trained by backpropagation, with the API of Keras' {@code Sequential}:
 *
 * <pre>{@code
 * Sequential model = new Sequential(42L);
 * model.add(new Dense(2, 2)).add(new Activation("sigmoid"))
 *      .add(new Dense(1)).add(new Activation("sigmoid"));
 * model.compile("mean_squared_error", new SGD(0.5), "accuracy");
 * History history = model.fit(x, y, 5000, 4);
 * INDArray p = model.predict(x);
 * }</pre>
 *
 * <p>Shapes: {@code x} is {@code (samples, inputSize)}, {@code y} and predictions
 * {@code (samples, outputSize)}. Data type: DOUBLE unless the constructor says otherwise; inputs
 * of another type are converted.
 *
 * <p>One training step on a batch {@code (xb, yb)}:
 * <pre>
 *   a_0 = xb;  a_l = layer_l.forward(a_(l-1))           forward
 *   g = dLoss/da_L  (or dLoss/dz_L when the loss fuses with the last activation)
 *   g = layer_l.backward(g)  for l = L .. 1              backward, storing dL/dw per layer
 *   optimizer.step(weights, gradients)                   update
 * </pre>
 *
 * <p>Bad input (shapes, names, NaN, hyper-parameters) throws {@link IllegalArgumentException} or
 * {@link IllegalStateException} before any weight changes.
 *
 * <p>{@link #save(Path)} and {@link #load(Path)} keep a model in one file (a zip of
 * {@code model.json} and numpy {@code .npy} arrays) from which it predicts and trains on
 * bit-identically.
 */
public class Sequential {

    private static final Logger log = LoggerFactory.getLogger(Sequential.class);

    private final long seed;
    private final DataType dataType;
    private final StatefulRandom random;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Integer> nameCounts = new HashMap<>();
    private final BufferCache buffers = new BufferCache();
    /** Data findings already logged by fit, so a loop of fit calls warns once. */
    private final java.util.Set<String> reportedDataFindings = new java.util.HashSet<>();

    private Loss loss;
    private Optimizer optimizer;
    private List<Metric> metrics = List.of();
    private boolean compiled;
    private boolean lossFusesWithOutput;
    private int firstTrainableLayer;
    private List<INDArray> parameters = List.of();
    private List<INDArray> gradients = List.of();
    private Backprop backprop = Backprop.FUSED;

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
        this.dataType = dataType;
        this.random = new StatefulRandom(seed);
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
        if (layer == null) {
            throw new IllegalArgumentException("Cannot add a null layer");
        }
        if (layer.isBuilt() || layers.contains(layer)) {
            throw new IllegalStateException(layer.describe() + " already belongs to a model; create a new layer instead");
        }
        // the name it will get, for messages; the counter only moves once the layer is accepted
        String name = layer.name() == null ? nextName(snakeCase(layer.typeName())) : layer.name();
        String described = layer.typeName() + " '" + name + "'";
        long inputSize;
        if (layers.isEmpty()) {
            inputSize = layer.declaredInputSize();
            if (inputSize <= 0) {
                throw new IllegalArgumentException("The first layer needs its input size, as Keras' input_shape: "
                        + "use e.g. new Dense(units, inputDim); got " + described + " without one");
            }
        } else {
            Layer previous = layers.get(layers.size() - 1);
            inputSize = previous.outputSize();
            if (layer.declaredInputSize() > 0 && layer.declaredInputSize() != inputSize) {
                throw new IllegalArgumentException(described + " declares " + layer.declaredInputSize()
                        + " inputs but follows " + previous.describe() + ", which outputs " + inputSize);
            }
        }
        if (hasLayerNamed(name)) {
            throw new IllegalArgumentException("The model already has a layer named '" + name + "'");
        }
        if (layer.name() == null) {
            nameCounts.merge(snakeCase(layer.typeName()), 1, Integer::sum);
        }
        layer.assignName(name);
        layer.build(inputSize, dataType, random);
        layers.add(layer);
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
     * @param loss a Keras loss name: {@code "mean_squared_error"}/{@code "mse"},
     *             {@code "binary_crossentropy"}, {@code "categorical_crossentropy"}
     * @param optimizer e.g. {@code new SGD(0.1)}
     * @param metrics metric names, e.g. {@code "accuracy"}
     * @return this model
     */
    public Sequential compile(String loss, Optimizer optimizer, String... metrics) {
        return compile(Losses.byName(loss), optimizer, metrics);
    }

    /**
     * As {@link #compile(String, Optimizer, String...)} with the optimizer given by its Keras name
     * and default settings: {@code compile("mse", "sgd")} is Keras' {@code optimizer='sgd'}
     * (learning rate 0.01).
     */
    public Sequential compile(String loss, String optimizer, String... metrics) {
        return compile(Losses.byName(loss), Optimizer.byName(optimizer), metrics);
    }

    /** As {@link #compile(String, Optimizer, String...)} with a {@link Loss} object. */
    public Sequential compile(Loss loss, Optimizer optimizer, String... metrics) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Add layers before compile(): the model is empty");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null; e.g. new SGD(0.01)");
        }
        List<Metric> resolved = new ArrayList<>();
        for (String metric : metrics == null ? new String[0] : metrics) {
            resolved.add(Metrics.byName(metric, outputLayer().outputSize(), loss));
        }
        this.loss = loss;
        this.optimizer = optimizer;
        this.metrics = List.copyOf(resolved);
        optimizer.reset();
        lossFusesWithOutput = outputLayer().outputActivation() != null
                && loss.fusesWith(outputLayer().outputActivation());
        firstTrainableLayer = 0;
        while (firstTrainableLayer < layers.size() - 1 && layers.get(firstTrainableLayer).parameterCount() == 0) {
            firstTrainableLayer++;
        }
        List<INDArray> parameterList = new ArrayList<>();
        List<INDArray> gradientList = new ArrayList<>();
        for (Layer layer : layers) {
            parameterList.addAll(layer.parameters());
            gradientList.addAll(layer.gradients());
        }
        parameters = List.copyOf(parameterList);
        gradients = List.copyOf(gradientList);
        compiled = true;
        log.debug("Compiled: loss {}, optimizer {}, metrics {}, fused output gradient: {}",
                loss.name(), optimizer.name(), this.metrics.stream().map(Metric::name).toList(), lossFusesWithOutput);
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
        INDArray inputs = checkInputs(x);
        INDArray targets = checkTargets(y, inputs);
        FitSession session = new FitSession(this, options, inputs, targets); // validation, callbacks
        inputs = session.trainInputs();
        targets = session.trainTargets();
        DataDiagnostics.check(inputs).stream().map(DataDiagnostics.Finding::message)
                .filter(reportedDataFindings::add).forEach(message -> Warnings.warn(Sequential.class, message));
        int samples = (int) inputs.rows();
        int batchSize = Math.min(options.batchSize(), samples);
        int steps = (samples + batchSize - 1) / batchSize;
        log.debug("fit: {} samples, {} epochs, {} steps of up to {} per epoch", samples, options.epochs(), steps, batchSize);

        Progress progress = new Progress(options.progressOutput(), options.verbose(), options.epochs(), steps);
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        double[] sums = new double[1 + metrics.size()];
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            progress.epochStart(epoch);
            if (options.shuffle()) {
                shuffle(order);
            }
            Arrays.fill(sums, 0);
            for (int step = 0; step < steps; step++) {
                int start = step * batchSize;
                int end = Math.min(start + batchSize, samples);
                INDArray xBatch = rows(inputs, "x", order, start, end, options.shuffle());
                INDArray yBatch = rows(targets, "y", order, start, end, options.shuffle());
                INDArray predictions = forward(xBatch);
                sums[0] += loss.value(predictions, yBatch) * (end - start);
                for (int m = 0; m < metrics.size(); m++) {
                    sums[m + 1] += metrics.get(m).value(predictions, yBatch) * (end - start);
                }
                backward(predictions, yBatch);
                optimizer.step(parameters, gradients);
                if (options.verbose() == 1) {
                    progress.batchEnd(step + 1, means(sums, end, logs));
                }
            }
            means(sums, samples, logs);
            progress.epochEnd(session.endEpoch(epoch, logs));
            session.printCallbackMessages();
            if (session.stopRequested()) {
                break;
            }
        }
        return session.finish();
    }

    /**
     * One optimizer step on one batch, as Keras' {@code train_on_batch}.
     *
     * @return the loss and metrics on the batch, measured before the update
     */
    public Map<String, Double> trainOnBatch(INDArray x, INDArray y) {
        requireCompiled("trainOnBatch");
        INDArray inputs = checkInputs(x);
        INDArray targets = checkTargets(y, inputs);
        INDArray predictions = forward(inputs);
        Map<String, Double> scores = scores(predictions, targets);
        backward(predictions, targets);
        optimizer.step(parameters, gradients);
        return scores;
    }

    /**
     * The gradient of the mean loss over {@code (x, y)} with respect to every weight, in
     * {@link #getWeights()} order, without changing any weight. Copies, not live arrays.
     */
    public List<INDArray> gradients(INDArray x, INDArray y) {
        requireCompiled("gradients");
        INDArray inputs = checkInputs(x);
        INDArray targets = checkTargets(y, inputs);
        backward(forward(inputs), targets);
        List<INDArray> copies = new ArrayList<>();
        for (INDArray gradient : gradients) {
            copies.add(gradient.dup());
        }
        return copies;
    }

    // ---- inference ------------------------------------------------------------------------------

    /**
     * The model's output for every row of {@code x}.
     *
     * @param x {@code (samples, inputSize)}
     * @return a new {@code (samples, outputSize)} array
     */
    public INDArray predict(INDArray x) {
        requireLayers("predict");
        return forward(checkInputs(x)).dup();
    }

    /**
     * The loss and every metric over {@code (x, y)}, as Keras' {@code evaluate}.
     *
     * @return {@code {"loss": ..., "accuracy": ...}} in compile order
     */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        requireCompiled("evaluate");
        INDArray inputs = checkInputs(x);
        INDArray targets = checkTargets(y, inputs);
        return scores(forward(inputs), targets);
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

    /** The loss and metrics on already checked {@code inputs} and {@code targets} (for validation). */
    Map<String, Double> scoresOn(INDArray inputs, INDArray targets) {
        return scores(forward(inputs), targets);
    }

    // ---- the passes -----------------------------------------------------------------------------

    private INDArray forward(INDArray input) {
        INDArray activation = input;
        for (Layer layer : layers) {
            activation = layer.forward(activation);
        }
        return activation;
    }

    /** Fills every layer's gradients from the predictions of the last forward pass. */
    private void backward(INDArray predictions, INDArray targets) {
        if (backprop == Backprop.EXPLICIT_JACOBIAN) {
            backwardExplicit(predictions, targets);
            return;
        }
        Layer output = outputLayer();
        int last = layers.size() - 1;
        INDArray lossGradient = buffer("dLoss", predictions.rows(), predictions.columns());
        INDArray gradient;
        if (lossFusesWithOutput) {
            loss.gradientWrtPreActivation(predictions, targets, lossGradient);
            gradient = output.backwardFromPreActivation(lossGradient, last > firstTrainableLayer);
        } else {
            loss.gradient(predictions, targets, lossGradient);
            gradient = output.backward(lossGradient, last > firstTrainableLayer);
        }
        for (int l = last - 1; l >= firstTrainableLayer; l--) {
            gradient = layers.get(l).backward(gradient, l > firstTrainableLayer);
        }
    }

    /**
     * {@link Backprop#EXPLICIT_JACOBIAN}: the loss gives {@code dL/dpredictions} (no fused
     * {@code p - y}), and every layer, the output layer included, multiplies by its materialised
     * Jacobians.
     */
    private void backwardExplicit(INDArray predictions, INDArray targets) {
        INDArray gradient = buffer("dLoss", predictions.rows(), predictions.columns());
        loss.gradient(predictions, targets, gradient);
        for (int l = layers.size() - 1; l >= firstTrainableLayer; l--) {
            gradient = layers.get(l).backwardExplicit(gradient, l > firstTrainableLayer);
        }
    }

    private Map<String, Double> scores(INDArray predictions, INDArray targets) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("loss", loss.value(predictions, targets));
        for (Metric metric : metrics) {
            scores.put(metric.name(), metric.value(predictions, targets));
        }
        return scores;
    }

    private Map<String, Double> means(double[] sums, int count, Map<String, Double> into) {
        into.put("loss", sums[0] / count);
        for (int m = 0; m < metrics.size(); m++) {
            into.put(metrics.get(m).name(), sums[m + 1] / count);
        }
        return into;
    }

    /** Rows {@code order[start..end)} of {@code data}, without a copy when they are all of it in order. */
    private INDArray rows(INDArray data, String key, int[] order, int start, int end, boolean shuffled) {
        if (!shuffled && start == 0 && end == data.rows()) {
            return data;
        }
        INDArray batch = buffer(key, end - start, data.columns());
        Kernels.forElements(batch, data).gatherRows(data, order, start, batch); // batch[r] = data[order[start + r]]
        return batch;
    }

    /** Fisher-Yates with the model's seeded random stream. */
    private void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private INDArray buffer(String key, long rows, long columns) {
        return buffers.get(key, rows, columns, dataType);
    }

    // ---- checks ---------------------------------------------------------------------------------

    private void requireLayers(String operation) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Cannot " + operation + ": the model has no layers");
        }
    }

    private void requireCompiled(String operation) {
        requireLayers(operation);
        if (!compiled) {
            throw new IllegalStateException("Cannot " + operation + " before compile(loss, optimizer, metrics...)"
                    + (loss != null ? ": a layer was added after the last compile" : ""));
        }
    }

    private INDArray checkInputs(INDArray x) {
        return checkInputs(x, "x");
    }

    /** {@code x} checked and converted to the model's type; {@code what} names it in messages. */
    INDArray checkInputs(INDArray x, String what) {
        INDArray inputs = Checks.matrix(what, x, dataType);
        Layer first = layers.get(0);
        if (inputs.columns() != first.inputSize()) {
            throw new IllegalArgumentException(first.describe() + " expects " + first.inputSize()
                    + " input columns, got " + inputs.columns() + " (" + what + " has shape " + Arrays.toString(x.shape()) + ")");
        }
        return inputs;
    }

    private INDArray checkTargets(INDArray y, INDArray inputs) {
        return checkTargets(y, inputs, "y");
    }

    /** {@code y} checked against the checked {@code inputs} and the loss; {@code what} names it in messages. */
    INDArray checkTargets(INDArray y, INDArray inputs, String what) {
        INDArray targets = Checks.matrix(what, y, dataType);
        if (targets.rows() != inputs.rows()) {
            throw new IllegalArgumentException("x and y must have one row per sample: " + what.replace('y', 'x') // "x" or "validation x"
                    + " has " + inputs.rows() + " rows, " + what + " has " + targets.rows());
        }
        Layer output = outputLayer();
        if (targets.columns() != output.outputSize()) {
            throw new IllegalArgumentException(output.describe() + " outputs " + output.outputSize()
                    + " columns, but " + what + " has " + targets.columns() + " (shape " + Arrays.toString(y.shape()) + ")");
        }
        loss.validateTargets(targets);
        return targets;
    }

    // ---- weights --------------------------------------------------------------------------------

    /** Copies of every weight array in Keras order: {@code [kernel0, bias0, kernel1, bias1, ...]}. */
    public List<INDArray> getWeights() {
        List<INDArray> copies = new ArrayList<>();
        for (Layer layer : layers) {
            for (INDArray parameter : layer.parameters()) {
                copies.add(parameter.dup());
            }
        }
        return copies;
    }

    /**
     * Replaces every weight, in {@link #getWeights()} order. All arrays are checked (count, shape,
     * finiteness) before any is copied in, so a bad list changes nothing.
     */
    public void setWeights(List<INDArray> weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        List<INDArray> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Layer layer : layers) {
            targets.addAll(layer.parameters());
            for (String parameterName : layer.parameterNames()) {
                names.add(layer.describe() + " " + parameterName);
            }
        }
        if (weights.size() != targets.size()) {
            throw new IllegalArgumentException("setWeights expects " + targets.size() + " arrays " + names
                    + ", got " + weights.size());
        }
        List<INDArray> converted = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            INDArray weight = weights.get(i);
            if (weight == null) {
                throw new IllegalArgumentException("setWeights: array " + i + " (" + names.get(i) + ") is null");
            }
            if (!Arrays.equals(weight.shape(), targets.get(i).shape())) {
                throw new IllegalArgumentException("setWeights: " + names.get(i) + " has shape "
                        + Arrays.toString(targets.get(i).shape()) + ", got " + Arrays.toString(weight.shape()));
            }
            INDArray value = weight.dataType() == dataType ? weight : weight.castTo(dataType);
            Checks.requireFinite("setWeights: " + names.get(i), value);
            converted.add(value);
        }
        for (int i = 0; i < converted.size(); i++) {
            targets.get(i).assign(converted.get(i));
        }
    }

    // ---- saving and loading ---------------------------------------------------------------------

    /**
     * Saves the whole model to one file: a zip holding {@code model.json} (format version, layers,
     * loss, metrics, optimizer settings, data type, seed, random state) and every weight and
     * optimizer state array as a numpy {@code .npy} entry. The file is written under a temporary
     * name in the same directory, flushed to disk, then atomically renamed, so a crash never leaves
     * a half-written file where a good one was. See {@code docs/save-and-load.md}.
     *
     * @throws IllegalStateException if the model cannot be saved (no layers, a layer or optimizer
     *         type without a registered description, a non-finite weight); nothing is written
     * @throws IOException if writing fails; an existing file at {@code path} is then left as it was
     */
    public void save(Path path) throws IOException {
        ModelIO.save(this, path);
    }

    /**
     * Loads a model saved by {@link #save(Path)}: same layers and names, same weights, compiled with
     * the same loss, metrics and optimizer state, so it predicts and trains on exactly as the saved
     * one would have. Every part of the file is checked; sizes are bounded by the file's own size.
     *
     * @throws IOException naming the problem: missing file, not a zip, missing or unexpected entry,
     *         unknown format version, malformed model.json, unknown layer or optimizer type, shape
     *         mismatch, truncated or corrupted data
     */
    public static Sequential load(Path path) throws IOException {
        return ModelIO.load(path);
    }

    /** The shuffling random stream's 48-bit state, for saving. */
    long randomState() {
        return random.state();
    }

    /** Restores the shuffling random stream from {@link #randomState()}. */
    void restoreRandomState(long state) {
        random.restore(state);
    }

    // ---- description ----------------------------------------------------------------------------

    /**
     * Keras 2's summary table: one row per layer with its name, type, output shape and parameter
     * count, then the totals.
     */
    public String summary() {
        int[] stops = {29, 55, 65};
        StringBuilder text = new StringBuilder("Model: \"sequential\"\n");
        String rule = "_".repeat(65) + "\n";
        text.append(rule);
        row(text, stops, "Layer (type)", "Output Shape", "Param #");
        text.append("=".repeat(65)).append('\n');
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            total += layer.parameterCount();
            row(text, stops, layer.name() + " (" + layer.typeName() + ")", "(None, " + layer.outputSize() + ")",
                    String.valueOf(layer.parameterCount()));
            text.append(i < layers.size() - 1 ? "\n" : "");
        }
        text.append("=".repeat(65)).append('\n');
        text.append("Total params: ").append(String.format(Locale.ROOT, "%,d", total)).append('\n');
        text.append("Trainable params: ").append(String.format(Locale.ROOT, "%,d", total)).append('\n');
        text.append("Non-trainable params: 0\n");
        text.append(rule);
        return text.toString();
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

    private static void row(StringBuilder text, int[] stops, String... fields) {
        int lineStart = text.length();
        for (int i = 0; i < fields.length; i++) {
            text.append(i == 0 ? " " : "").append(fields[i]); // Keras: one leading space, columns at 29 and 55
            int width = stops[i] - (text.length() - lineStart);
            text.append(" ".repeat(Math.max(1, width)));
        }
        int end = text.length();
        while (end > lineStart && text.charAt(end - 1) == ' ') {
            end--;
        }
        text.setLength(end);
        text.append('\n');
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

    // ---- accessors ------------------------------------------------------------------------------

    /** The layers, in order (unmodifiable). */
    public List<Layer> getLayers() {
        return Collections.unmodifiableList(layers);
    }

    /** The seed all weights and shuffling derive from. */
    public long seed() {
        return seed;
    }

    /** The data type of every weight and activation. */
    public DataType dataType() {
        return dataType;
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
        return loss;
    }

    /** The compiled optimizer, or null. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The compiled metrics (possibly empty). */
    public List<Metric> metrics() {
        return metrics;
    }

    private Layer outputLayer() {
        return layers.get(layers.size() - 1);
    }
}
