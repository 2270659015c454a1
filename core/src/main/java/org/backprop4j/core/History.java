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
         * weights are those at the end of the last epoch whose loss and weights were all finite.
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

    @Override
    public String toString() {
        return "History" + values;
    }
}
