package org.backprop4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Sequential#fit} returns, as Keras' {@code History}: for every reported quantity
 * ({@code "loss"}, each metric) the list of its per-epoch values, in epoch order.
 *
 * <pre>{@code
 * History history = model.fit(x, y, 100, 4);
 * double last = history.get("loss").get(history.epochs() - 1);
 * }</pre>
 *
 * <p>With validation the keys {@code "val_loss"} and {@code "val_<metric>"} follow. When training
 * ends early, {@link #stopReason()}, {@link #stoppedEpoch()} and {@link #stopMessage()} say why.
 *
 * <p>Threads: not thread-safe: {@code fit} fills it on its own thread; read it once {@code fit} has
 * returned it.
 */
public final class History {

    /** Why {@code fit} ended. */
    public enum StopReason {
        /** Every requested epoch ran. */
        COMPLETED,
        /** A {@link Callback} (such as {@link org.backprop4j.core.callbacks.EarlyStopping}) stopped training. */
        CALLBACK,
        /**
         * The loss or a weight became NaN or infinite (see {@link FitOptions#stopOnNaN(boolean)}); the
         * weights are those at the end of the last epoch whose loss and weights were all finite. Also
         * when a learning-rate schedule gives a rate that is not finite: training stops before the
         * step that would use it (the weights are those after the last step; the epoch in progress
         * is not recorded).
         */
        NON_FINITE,
        /**
         * The thread was interrupted ({@link Thread#interrupt()}): {@code fit} stopped before the next
         * batch and left the interrupt flag set. The epoch in progress is not recorded.
         */
        INTERRUPTED
    }

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private StopReason stopReason = StopReason.COMPLETED;
    private int stoppedEpoch;
    private String stopMessage = "";

    /** Appends one epoch's value of {@code key}. */
    public void record(String key, double value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    /**
     * The per-epoch values of {@code key}.
     *
     * @throws IllegalArgumentException naming the recorded keys when {@code key} is not one
     */
    public List<Double> get(String key) {
        List<Double> list = values.get(key);
        if (list == null) {
            throw new IllegalArgumentException("History has no '" + key + "'; recorded: " + values.keySet());
        }
        return Collections.unmodifiableList(list);
    }

    /** Every key and its values, in the order first recorded (Keras' {@code history.history}). */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        return copy;
    }

    /** Number of epochs recorded. */
    public int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }

    /** Why training ended: {@link StopReason#COMPLETED} unless something stopped it early. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** The 1-based epoch after which training was stopped early, or 0 when every epoch ran. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** What stopped training, in words (empty when every epoch ran). */
    public String stopMessage() {
        return stopMessage;
    }

    /** Records that training stopped early after {@code epoch}. */
    void stopped(StopReason reason, int epoch, String message) {
        this.stopReason = reason;
        this.stoppedEpoch = epoch;
        this.stopMessage = message;
    }

    /**
     * One line: the number of epochs, why training ended if early, and each key's first and last
     * value, e.g. {@code History(5000 epochs: loss 0.2871 -> 6.8310e-04, accuracy 0.5000 -> 1.0000)}.
     * All values: {@link #history()}.
     */
    @Override
    public String toString() {
        int epochs = epochs();
        StringBuilder text = new StringBuilder("History(").append(epochs).append(epochs == 1 ? " epoch" : " epochs");
        if (stopReason == StopReason.CALLBACK) {
            text.append(", stopped early by a callback");
        } else if (stopReason == StopReason.NON_FINITE) {
            text.append(", stopped: the loss or a weight became NaN or infinite");
        }
        String separator = ": ";
        for (Map.Entry<String, List<Double>> entry : values.entrySet()) {
            List<Double> list = entry.getValue();
            text.append(separator).append(entry.getKey()).append(' ').append(MetricFormat.format(list.get(0)));
            if (list.size() > 1) {
                text.append(" -> ").append(MetricFormat.format(list.get(list.size() - 1)));
            }
            separator = ", ";
        }
        return text.append(')').toString();
    }
}
