package org.backprop4j.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Kernels;
import org.backprop4j.core.threads.SplitTrial;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of {@link Sequential#fit}, all in one place. One epoch:
 * <pre>
 *   shuffle the row order (unless shuffle(false))
 *   for each batch (xb, yb) of ceil(samples / batchSize):
 *       p = network.forward(xb)                     forward, training = true
 *       record loss(p, yb) and the metrics          measured before the update, as Keras
 *       objective.backward(p, yb)                   every parameter's gradient
 *       optimizer.apply()                           w -= update(gradient)
 *   validation scores, History, NaN guard, callbacks
 * </pre>
 * A callback's stop request ends training after the current batch (made in {@code onBatchEnd}: the
 * epoch's end then runs over the batches done, as Keras') or after the epoch (made in {@code onEpochEnd}).
 * Before the first epoch: the validation set (held-out rows or given data), the callbacks'
 * {@code onTrainBegin} (which may reject the configuration: no weight has changed yet), and the
 * first snapshot for the NaN guard.
 */
final class Trainer {

    private static final Logger log = LoggerFactory.getLogger(Trainer.class);

    private final Network network;
    private final Objective objective;
    private final Optimizer optimizer;
    private final Backprop backprop;
    private final CallContext context;
    private final FitOptions options;
    private final History history = new History();

    Trainer(Network network, Objective objective, Optimizer optimizer, Backprop backprop, CallContext context,
            FitOptions options) {
        this.network = network;
        this.objective = objective;
        this.optimizer = optimizer;
        this.backprop = backprop;
        this.context = context;
        this.options = options;
    }

    /**
     * Trains on checked {@code inputs (samples, inputSize)} and {@code targets}.
     *
     * @param training what callbacks see of this fit (the model being trained among it)
     * @param writeLock runs a change of the weights under the model's write lock
     * @param dataFinding reports a data finding (a warning the model logs once per finding)
     */
    History fit(TrainingContext training, Consumer<Runnable> writeLock, INDArray inputs, INDArray targets,
                Consumer<String> dataFinding) {
        CallbackLifecycle lifecycle = new CallbackLifecycle(options.callbacks());
        Throwable failure = null;
        try {
            return train(training, writeLock, inputs, targets, dataFinding, lifecycle);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            lifecycle.end(history, failure); // onTrainEnd however fit ends: callbacks release what they hold
        }
    }

    private History train(TrainingContext training, Consumer<Runnable> writeLock, INDArray inputs, INDArray targets,
                          Consumer<String> dataFinding, CallbackLifecycle lifecycle) {
        Validation validation = Validation.of(this, inputs, targets,
                SampleWeights.check(options.sampleWeight(), inputs.rows(), "sampleWeight"));
        inputs = validation.trainInputs;
        targets = validation.trainTargets;
        double[] weights = validation.trainWeights; // per sample, or null
        List<Callback> callbacks = options.callbacks();
        int samples = (int) inputs.rows();
        int[] order = new int[samples];
        Arrays.setAll(order, i -> i);
        training.rowOrder(order); // a restored backup (BackupAndRestore) puts the saved order back
        lifecycle.begin(training);
        NaNGuard guard = options.stopOnNaN()
                ? new NaNGuard(network.parameters(), network.guardSnapshot(writeLock), history) : null;
        DataDiagnostics.check(inputs).stream().map(DataDiagnostics.Finding::message).forEach(dataFinding);

        int batchSize = Math.min(options.batchSize(), samples);
        int steps = (samples + batchSize - 1) / batchSize;
        log.debug("fit: {} samples, {} epochs, {} steps of up to {} per epoch", samples, options.epochs(), steps, batchSize);
        Progress progress = new Progress(options.progressOutput(), options.verbose(), options.epochs(), steps);
        EpochScores scores = new EpochScores(objective.metrics());
        Objective stepObjective = options.classWeight().isEmpty() ? objective      // class_weight: training steps only
                : objective.withClassWeights(options.classWeight());
        Map<String, Double> running = new LinkedHashMap<>();
        Map<String, Double> runningView = Collections.unmodifiableMap(running);
        Runnable update = () -> update(optimizer, network, context); // under the write lock: predict sees no half-step
        SplitTrial cores = network.cores(); // one core or two per step: timed both ways, the faster kept
        epochs:
        for (int epoch = training.resumedEpoch() + 1; epoch <= options.epochs(); epoch++) {
            progress.epochStart(epoch);
            for (Callback callback : callbacks) {
                callback.onEpochBegin(epoch);
            }
            if (options.shuffle()) {
                shuffle(order);
            }
            scores.reset();
            for (int step = 0; step < steps; step++) {
                if (Thread.currentThread().isInterrupted()) { // stop between batches; the flag stays set
                    history.stopped(History.StopReason.INTERRUPTED, epoch, "interrupted in epoch " + epoch + " after "
                            + step + " of " + steps + " batches (History holds the " + (epoch - 1)
                            + " completed epochs; the weights are those after the last batch)");
                    log.info("fit: {}", history.stopMessage());
                    break epochs;
                }
                if (!Double.isFinite(optimizer.learningRate())) { // a schedule overflowed: no step with it
                    history.stopped(History.StopReason.NON_FINITE, epoch, "the learning rate for step "
                            + optimizer.iterations() + " is " + optimizer.learningRate() + " (the schedule "
                            + optimizer.schedule() + "); training stopped before that step in epoch " + epoch
                            + " (History holds the " + (epoch - 1) + " completed epochs; the weights are those after"
                            + " the last step)");
                    Warnings.warn(Trainer.class, history.stopMessage());
                    break epochs;
                }
                for (Callback callback : callbacks) {
                    callback.onBatchBegin(step);
                }
                int start = step * batchSize;
                int end = Math.min(start + batchSize, samples);
                INDArray xBatch = rows(inputs, "x", order, start, end);
                INDArray yBatch = rows(targets, "y", order, start, end);
                double[] wBatch = SampleWeights.rows(weights, order, start, end);
                long stepStart = System.nanoTime();
                cores.beforeStep(); // this step may split its large products across two cores, or not
                try {
                    INDArray predictions = network.forward(xBatch, context);
                    scores.add(stepObjective.lossValue(predictions, yBatch, wBatch), end - start, predictions, yBatch, wBatch);
                    stepObjective.backward(predictions, yBatch, context, backprop, wBatch);
                    writeLock.accept(update);
                } finally {
                    cores.end();
                }
                cores.stepTook(System.nanoTime() - stepStart, end - start == batchSize);
                if (options.verbose() == 1 || !callbacks.isEmpty()) {
                    scores.results(running);
                    if (options.verbose() == 1) {
                        progress.batchEnd(step + 1, running);
                    }
                    for (Callback callback : callbacks) {
                        callback.onBatchEnd(step, runningView);
                    }
                    if (training.stopRequest() != null) { // as Keras: the epoch ends after this batch
                        break;
                    }
                }
            }
            Map<String, Double> logs = scores.results(new LinkedHashMap<>());
            if (validation.inputs != null) {
                validation.scores().forEach((key, value) -> logs.put("val_" + key, value));
            }
            logs.forEach(history::record);
            boolean goOn = guard == null || guard.endEpoch(epoch, logs.get("loss"));
            if (goOn) {
                Map<String, Double> view = Collections.unmodifiableMap(logs);
                for (Callback callback : callbacks) {
                    callback.onEpochEnd(epoch, view);
                }
            }
            progress.epochEnd(logs);
            training.flushMessages(); // what the callbacks said about the epoch, after its progress line
            if (!goOn) {
                break;
            }
            if (training.stopRequest() != null) {
                history.stopped(History.StopReason.CALLBACK, epoch, training.stopRequest());
                break;
            }
        }
        context.releaseKept();
        log.debug("fit: cores per step: {}", cores);
        return history;
    }

    /**
     * One step on one batch outside {@code fit} ({@code trainOnBatch}, {@code gradients}): forward,
     * the scores measured before the update, backward, then {@code update} (the optimizer's step, or
     * nothing).
     */
    static Map<String, Double> step(Network network, Objective objective, Backprop backprop, CallContext context,
                                    INDArray inputs, INDArray targets, Runnable update) {
        INDArray predictions = network.forward(inputs, context);
        Map<String, Double> scores = objective.scores(predictions, targets);
        objective.backward(predictions, targets, context, backprop);
        update.run();
        context.releaseKept();
        return scores;
    }

    /** The step's changes to the model: the optimizer's update, then every layer's non-trainable state. */
    static void update(Optimizer optimizer, Network network, CallContext context) {
        optimizer.apply();
        network.updateState(context);
    }

    /** The keys of the logs a fit with these options reports: loss, metrics, and their val_ twins if validating. */
    Set<String> logKeys(FitOptions fitOptions) {
        return logKeys(fitOptions.validationX() != null || fitOptions.validationSplit() > 0);
    }

    private Set<String> logKeys(boolean validating) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add("loss");
        for (Metric metric : objective.metrics()) {
            keys.add(metric.name());
        }
        if (validating) {
            for (String key : List.copyOf(keys)) {
                keys.add("val_" + key);
            }
        }
        return keys;
    }

    /** Rows {@code order[start..end)} of {@code data}, without a copy when they are all of it in order. */
    private INDArray rows(INDArray data, String key, int[] order, int start, int end) {
        if (!options.shuffle() && start == 0 && end == data.rows()) {
            return data;
        }
        INDArray batch = context.buffer(this, key, end - start, data.columns());
        if (!Arrays2D.copyRows(data, order, start, batch)) { // batch[r] = data[order[start + r]]
            Kernels.forElements(batch, data).gatherRows(data, order, start, batch);
        }
        return batch;
    }

    /** Fisher-Yates with the model's seeded random stream. */
    private void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = network.random().nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** The rows to train on and the validation set: given data, the end of the data, or none. */
    private static final class Validation {
        private final Trainer trainer;
        private INDArray trainInputs;
        private INDArray trainTargets;
        private INDArray inputs;
        private INDArray targets;
        private double[] trainWeights;
        private double[] weights;

        private Validation(Trainer trainer) {
            this.trainer = trainer;
        }

        static Validation of(Trainer trainer, INDArray inputs, INDArray targets, double[] sampleWeights) {
            Validation validation = new Validation(trainer);
            FitOptions options = trainer.options;
            validation.trainInputs = inputs;
            validation.trainTargets = targets;
            validation.trainWeights = sampleWeights;
            if (options.validationX() != null) {
                validation.inputs = trainer.network.checkInputs(options.validationX(), "validation x");
                validation.targets = trainer.objective.checkTargets(options.validationY(), validation.inputs, "validation y");
                validation.weights = SampleWeights.check(options.validationSampleWeight(), validation.inputs.rows(),
                        "validation sampleWeight");
            } else if (options.validationSplit() > 0) {
                long samples = inputs.rows();
                long splitAt = (long) (samples * (1.0 - options.validationSplit()));
                if (splitAt <= 0 || splitAt >= samples) {
                    throw new IllegalArgumentException("validationSplit " + options.validationSplit() + " of " + samples
                            + " samples leaves " + (splitAt <= 0 ? "no training rows" : "no validation rows")
                            + "; use more data or another fraction");
                }
                validation.trainInputs = rows(inputs, 0, splitAt);
                validation.trainTargets = rows(targets, 0, splitAt);
                validation.inputs = rows(inputs, splitAt, samples);
                validation.targets = rows(targets, splitAt, samples);
                validation.trainWeights = SampleWeights.range(sampleWeights, 0, splitAt); // as Keras: the weights split too
                validation.weights = SampleWeights.range(sampleWeights, splitAt, samples);
            }
            return validation;
        }

        private static INDArray rows(INDArray data, long from, long to) {
            return data.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
        }

        /** The loss and metrics on the validation set, in inference mode. */
        Map<String, Double> scores() {
            CallContext inference = CallContext.inference(trainer.network.dataType());
            return trainer.objective.scores(trainer.network.forward(inputs, inference), targets, weights);
        }
    }
}
