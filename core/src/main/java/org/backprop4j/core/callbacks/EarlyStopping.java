package org.backprop4j.core.callbacks;

import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.MetricFormat;
import org.backprop4j.core.TrainingContext;
import org.backprop4j.core.WeightSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras' {@code EarlyStopping}: stops training when a monitored quantity has not improved for
 * {@code patience} epochs.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(500).validationSplit(0.2)
 *         .callbacks(new EarlyStopping("val_loss", 5).minDelta(1e-4).restoreBestWeights(true)));
 * }</pre>
 *
 * <p>The rule, after each epoch with monitored value {@code v}: it improves on the best value so far
 * if {@code v < best - minDelta} (mode "min") or {@code v > best + minDelta} (mode "max"). An
 * improvement resets the wait; otherwise the wait grows by one, and when it reaches
 * {@code patience} (and at least two epochs have run) training stops. Mode "auto", the default,
 * is "max" for a key containing "acc" and "min" otherwise. With {@code restoreBestWeights(true)},
 * stopping puts back the weights of the best epoch (as Keras, only when this callback stops
 * training).
 *
 * <p>A monitor that training will not report (e.g. "val_loss" without validation data) fails at
 * the start of {@code fit}, before any weight changes, listing the keys that exist.
 *
 * <p>When it stops training it says so where {@code fit}'s progress goes (unless {@code fit} runs
 * with {@code verbose(0)}), after that epoch's progress line, as Keras does:
 * {@code Epoch 17: EarlyStopping: val_loss did not improve by more than 0.0 for 5 epoch(s); best
 * 0.1043 at epoch 12; ...}. The same sentence is {@link org.backprop4j.core.History#stopMessage()},
 * and it is logged at DEBUG.
 *
 * <p>Threads: not thread-safe: it keeps the state of one {@code fit} (best value, patience, best
 * weights), so give each model and each concurrent {@code fit} its own instance.
 */
public final class EarlyStopping implements Callback {

    private static final Logger log = LoggerFactory.getLogger(EarlyStopping.class);

    private final String monitor;
    private final int patience;
    private double minDelta;
    private String mode = "auto";
    private boolean restoreBestWeights;

    private TrainingContext training;
    private boolean maximise;
    private double best;
    private int bestEpoch;
    private int wait;
    private int stoppedEpoch;
    private WeightSnapshot bestWeights;
    private int weightsEpoch;

    /** Keras' defaults: monitor "val_loss", patience 0. */
    public EarlyStopping() {
        this("val_loss", 0);
    }

    /**
     * @param monitor the log key to watch, e.g. "val_loss", "loss", "val_accuracy"
     * @param patience epochs without improvement to tolerate before stopping (0 or more)
     * @throws IllegalArgumentException for a blank monitor or a negative patience
     */
    public EarlyStopping(String monitor, int patience) {
        if (monitor == null || monitor.isBlank()) {
            throw new IllegalArgumentException("EarlyStopping needs a monitor such as \"val_loss\", got "
                    + (monitor == null ? "null" : "'" + monitor + "'"));
        }
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping patience must be 0 or more, got " + patience);
        }
        this.monitor = monitor;
        this.patience = patience;
    }

    /**
     * The smallest change that counts as an improvement (default 0).
     *
     * @throws IllegalArgumentException unless {@code minDelta} is finite and not negative
     */
    public EarlyStopping minDelta(double minDelta) {
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("EarlyStopping minDelta must be a finite number >= 0, got " + minDelta);
        }
        this.minDelta = minDelta;
        return this;
    }

    /**
     * "min" (lower is better), "max" (higher is better) or "auto" (the default: "max" when the
     * monitor's name contains "acc").
     */
    public EarlyStopping mode(String mode) {
        String key = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        if (!key.equals("auto") && !key.equals("min") && !key.equals("max")) {
            throw new IllegalArgumentException("EarlyStopping mode must be \"auto\", \"min\" or \"max\", got '" + mode + "'");
        }
        this.mode = key;
        return this;
    }

    /** Whether stopping restores the weights of the best epoch (default false, as Keras). */
    public EarlyStopping restoreBestWeights(boolean restoreBestWeights) {
        this.restoreBestWeights = restoreBestWeights;
        return this;
    }

    @Override
    public void onTrainBegin(TrainingContext training) {
        if (!training.logKeys().contains(monitor)) {
            throw new IllegalArgumentException("EarlyStopping monitors '" + monitor + "', which this fit will not report;"
                    + " available: " + training.logKeys()
                    + (monitor.startsWith("val_") ? " (val_ keys need validationSplit or validationData)" : ""));
        }
        this.training = training;
        maximise = mode.equals("max") || (mode.equals("auto") && monitor.contains("acc"));
        best = maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        wait = 0;
        stoppedEpoch = 0;
        weightsEpoch = 0;
        bestWeights = restoreBestWeights ? new WeightSnapshot(training.model()) : null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double current = logs.get(monitor);
        if (bestWeights != null && weightsEpoch == 0) {
            bestWeights.capture(); // as Keras: without any improvement, the first epoch's weights
            weightsEpoch = epoch;
        }
        wait++;
        if (isImprovement(current)) {
            best = current;
            bestEpoch = epoch;
            wait = 0;
            if (bestWeights != null) {
                bestWeights.capture();
                weightsEpoch = epoch;
            }
            return;
        }
        if (wait >= patience && epoch > 1) {
            stoppedEpoch = epoch;
            String message = String.format(Locale.ROOT,
                    "EarlyStopping: %s did not improve by more than %s for %d epoch(s); best %s at epoch %d",
                    monitor, minDelta, wait, MetricFormat.format(best), bestEpoch);
            if (bestWeights != null) {
                bestWeights.restore();
                message += "; restored the weights of epoch " + weightsEpoch;
            } else if (bestEpoch > 0 && bestEpoch < epoch) {
                message += "; the model keeps the weights of epoch " + epoch
                        + " (restoreBestWeights(true) would put back those of epoch " + bestEpoch + ")";
            }
            log.debug(message);
            training.print("Epoch " + epoch + ": " + message); // where the progress goes, as Keras prints it
            training.stopTraining(message);
        }
    }

    private boolean isImprovement(double current) {
        return maximise ? current - minDelta > best : current + minDelta < best;
    }

    /** The monitored key. */
    public String monitor() {
        return monitor;
    }

    /** The best monitored value of the last fit. */
    public double best() {
        return best;
    }

    /** The 1-based epoch of {@link #best()}, 0 if no epoch improved. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The epoch after which this callback stopped the last fit, 0 if it did not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }
}
