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
 */
public final class History {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

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

    @Override
    public String toString() {
        return "History" + values;
    }
}
