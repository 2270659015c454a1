package org.backprop4j.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Everything {@link Sequential#fit} does around its epochs, so the training loop itself stays a
 * plain loop over batches:
 * <ul>
 *   <li>before the first epoch: the validation set (held-out rows or given data), the callbacks'
 *       {@code onTrainBegin} (which may reject the configuration: no weight has changed yet), and
 *       a first snapshot for the NaN guard;</li>
 *   <li>after each epoch: validation scores ({@code val_loss}, {@code val_<metric>}), the History,
 *       the stop-on-NaN guard, and the callbacks;</li>
 *   <li>at the end: the callbacks' {@code onTrainEnd}.</li>
 * </ul>
 */
final class FitSession {

    private final Sequential model;
    private final List<Callback> callbacks;
    private final TrainingContext context;
    private final History history = new History();
    private final INDArray trainInputs;
    private final INDArray trainTargets;
    private final INDArray validationInputs;
    private final INDArray validationTargets;
    /** The weights at the end of the last finite epoch (the NaN guard), or null when the guard is off. */
    private final WeightSnapshot lastFinite;
    private final WeightSnapshot candidate;
    private int lastFiniteEpoch;
    private boolean stop;

    /**
     * Prepares a fit on checked {@code inputs (samples, inputSize)} and {@code targets (samples,
     * outputSize)}; changes no weight.
     *
     * @throws IllegalArgumentException for bad validation data, a split that leaves either part
     *         empty, or a callback that rejects the configuration
     */
    FitSession(Sequential model, FitOptions options, INDArray inputs, INDArray targets) {
        this.model = model;
        if (options.validationX() != null) {
            trainInputs = inputs;
            trainTargets = targets;
            validationInputs = model.checkInputs(options.validationX(), "validation x");
            validationTargets = model.checkTargets(options.validationY(), validationInputs, "validation y");
        } else if (options.validationSplit() > 0) {
            long samples = inputs.rows();
            long splitAt = (long) (samples * (1.0 - options.validationSplit()));
            if (splitAt <= 0 || splitAt >= samples) {
                throw new IllegalArgumentException("validationSplit " + options.validationSplit() + " of " + samples
                        + " samples leaves " + (splitAt <= 0 ? "no training rows" : "no validation rows")
                        + "; use more data or another fraction");
            }
            trainInputs = rows(inputs, 0, splitAt);
            trainTargets = rows(targets, 0, splitAt);
            validationInputs = rows(inputs, splitAt, samples);
            validationTargets = rows(targets, splitAt, samples);
        } else {
            trainInputs = inputs;
            trainTargets = targets;
            validationInputs = null;
            validationTargets = null;
        }

        Set<String> keys = new LinkedHashSet<>();
        keys.add("loss");
        for (Metric metric : model.metrics()) {
            keys.add(metric.name());
        }
        if (validationInputs != null) {
            for (String key : List.copyOf(keys)) {
                keys.add("val_" + key);
            }
        }
        context = new TrainingContext(model, keys, options.epochs(),
                options.verbose() > 0 ? options.progressOutput() : null);
        callbacks = options.callbacks();
        for (Callback callback : callbacks) {
            callback.onTrainBegin(context);
        }
        if (options.stopOnNaN()) {
            lastFinite = new WeightSnapshot(model);
            candidate = new WeightSnapshot(model);
            lastFinite.capture();
        } else {
            lastFinite = null;
            candidate = null;
        }
    }

    private static INDArray rows(INDArray data, long from, long to) {
        return data.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
    }

    /** The rows to train on: all of x, or the part before the validation split. */
    INDArray trainInputs() {
        return trainInputs;
    }

    /** The targets of {@link #trainInputs()}. */
    INDArray trainTargets() {
        return trainTargets;
    }

    /** The History this fit fills. */
    History history() {
        return history;
    }

    /**
     * Ends an epoch: adds the validation scores to the training logs, records them all, then checks
     * for a non-finite loss or weight and runs the callbacks.
     *
     * @param trainLogs the epoch's {@code loss} and metrics, in compile order
     * @return every value of the epoch, for the progress line
     */
    Map<String, Double> endEpoch(int epoch, Map<String, Double> trainLogs) {
        Map<String, Double> logs = new LinkedHashMap<>(trainLogs);
        if (validationInputs != null) {
            model.scoresOn(validationInputs, validationTargets).forEach((key, value) -> logs.put("val_" + key, value));
        }
        logs.forEach(history::record);
        if (lastFinite != null && !guardAgainstNonFinite(epoch, logs.get("loss"))) {
            return logs;
        }
        Map<String, Double> view = Collections.unmodifiableMap(logs);
        for (Callback callback : callbacks) {
            callback.onEpochEnd(epoch, view);
        }
        if (context.stopRequest() != null && !stop) {
            stop = true;
            history.stopped(History.StopReason.CALLBACK, epoch, context.stopRequest());
        }
        return logs;
    }

    /**
     * Keeps the weights of the last finite epoch; on a non-finite loss or weight puts them back and
     * stops.
     *
     * @return true if training may go on
     */
    private boolean guardAgainstNonFinite(int epoch, double loss) {
        String problem;
        if (Double.isFinite(loss)) {
            candidate.capture();
            if (candidate.isFinite()) {
                lastFinite.swap(candidate);
                lastFiniteEpoch = epoch;
                return true;
            }
            problem = "a weight became NaN or infinite";
        } else {
            problem = "the loss is " + loss;
        }
        lastFinite.restore();
        String message = "Epoch " + epoch + ": " + problem + "; training stopped and the weights of "
                + (lastFiniteEpoch == 0 ? "the start of training" : "epoch " + lastFiniteEpoch)
                + " put back. Try a lower learning rate, or check the data's scale."
                + " (The optimizer's state may hold non-finite values: compile again before training on.)";
        Warnings.warn(FitSession.class, message);
        history.stopped(History.StopReason.NON_FINITE, epoch, message);
        stop = true;
        return false;
    }

    /** Prints what the callbacks had to say about the epoch ({@link TrainingContext#print}), after its progress line. */
    void printCallbackMessages() {
        context.flushMessages();
    }

    /** Whether training should end after the current epoch. */
    boolean stopRequested() {
        return stop;
    }

    /** Calls every callback's {@code onTrainEnd} and returns the History. */
    History finish() {
        for (Callback callback : callbacks) {
            callback.onTrainEnd(history);
        }
        return history;
    }
}
