package org.backprop4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;

/**
 * Keras' {@code PiecewiseConstantDecay}: a constant learning rate per range of steps. With boundaries
 * {@code b_0 < b_1 < ...} and one more value than boundaries, the rate after {@code step} earlier
 * updates is {@code values[0]} while {@code step <= b_0}, {@code values[i]} while
 * {@code b_(i-1) < step <= b_i}, and the last value after the last boundary. E.g.
 * {@code new PiecewiseConstantDecay(new long[] {1000, 2000}, new double[] {0.1, 0.05, 0.01})}.
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {

    private final long[] boundaries;
    private final double[] values;

    /**
     * @throws IllegalArgumentException if there is not exactly one more value than boundaries, the
     *         boundaries do not increase, or a value is not a positive finite number
     */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (boundaries == null || values == null || values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay needs one more value than boundaries, got "
                    + (boundaries == null ? "null" : boundaries.length) + " boundaries and "
                    + (values == null ? "null" : values.length) + " values");
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("PiecewiseConstantDecay boundaries must increase, got "
                        + Arrays.toString(boundaries));
            }
        }
        for (double value : values) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("PiecewiseConstantDecay values must be positive finite learning rates, got "
                        + Arrays.toString(values));
            }
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    /** From {@code {"boundaries": [...], "values": [...]}}, as {@link #config()} writes it. */
    public static PiecewiseConstantDecay fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "PiecewiseConstantDecay", "boundaries", "values");
        List<?> boundaryList = list(config, "boundaries");
        List<?> valueList = list(config, "values");
        long[] boundaries = new long[boundaryList.size()];
        for (int i = 0; i < boundaries.length; i++) {
            boundaries[i] = Config.integer(Map.of("boundaries[" + i + "]", boundaryList.get(i)), "boundaries[" + i + "]",
                    Long.MIN_VALUE, Long.MAX_VALUE);
        }
        double[] values = new double[valueList.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Config.number(Map.of("values[" + i + "]", valueList.get(i)), "values[" + i + "]");
        }
        return new PiecewiseConstantDecay(boundaries, values);
    }

    private static List<?> list(Map<String, Object> config, String key) {
        Object value = config.get(key);
        if (!(value instanceof List<?> list) || list.contains(null)) {
            throw new IllegalArgumentException("PiecewiseConstantDecay '" + key + "' must be a list of numbers, got "
                    + Config.describe(value));
        }
        return list;
    }

    @Override
    public double rate(long step) {
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    @Override
    public Map<String, Object> config() {
        List<Long> boundaryList = new ArrayList<>();
        for (long boundary : boundaries) {
            boundaryList.add(boundary);
        }
        List<Double> valueList = new ArrayList<>();
        for (double value : values) {
            valueList.add(value);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("boundaries", boundaryList);
        config.put("values", valueList);
        return config;
    }

    @Override
    public String toString() {
        return "PiecewiseConstantDecay" + config();
    }
}
