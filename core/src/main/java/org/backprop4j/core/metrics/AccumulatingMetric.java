package org.backprop4j.core.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Metric;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The common part of the built-in metrics: the name, {@link #fresh()} (a copy of the settings with a
 * new state), the {@code config()} that carries the name, and the checks of a batch's shapes and
 * sample weights.
 *
 * <p>A subclass keeps its state in fields and sets them to new values in {@link #reset()} (assign
 * new arrays, never fill the old ones: a {@link #fresh()} copy starts from the same fields and then
 * calls {@code reset()}).
 */
public abstract class AccumulatingMetric implements Metric, Cloneable {

    private final String name;

    /**
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    protected AccumulatingMetric(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A metric needs a name (the History key), got " + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public Metric fresh() {
        try {
            AccumulatingMetric copy = (AccumulatingMetric) clone();
            copy.reset();
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code {"name": name}} plus {@link #settings()}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.putAll(settings());
        return config;
    }

    /** The settings besides the name, for {@code config()}; none by default. */
    protected Map<String, Object> settings() {
        return Map.of();
    }

    /**
     * The weights of a batch of {@code rows} as an array, or null for null; checked: one per row,
     * shape {@code (rows)} or {@code (rows, 1)}, finite and non-negative.
     *
     * @throws IllegalArgumentException naming this metric, the shapes or the bad value
     */
    protected double[] weights(INDArray sampleWeights, long rows) {
        if (sampleWeights == null) {
            return null;
        }
        boolean vector = sampleWeights.rank() == 1 || (sampleWeights.rank() == 2 && sampleWeights.columns() == 1);
        if (!vector || sampleWeights.length() != rows) {
            throw new IllegalArgumentException("Metric '" + name + "': sample weights must have shape (" + rows
                    + ") or (" + rows + ", 1), one per row, got " + Arrays.toString(sampleWeights.shape()));
        }
        double[] weights = Arrays2D.rowMajor(sampleWeights);
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("Metric '" + name + "': sample weight " + i + " is " + weights[i]
                        + "; weights must be finite and >= 0");
            }
        }
        return weights;
    }

    /**
     * Checks that {@code targets} has the rows of {@code predictions} and {@code columns} columns.
     *
     * @throws IllegalArgumentException naming this metric and both shapes
     */
    protected void requireShapes(INDArray predictions, INDArray targets, long columns) {
        if (predictions.rank() != 2 || targets.rank() != 2 || targets.rows() != predictions.rows()
                || targets.columns() != columns) {
            throw new IllegalArgumentException("Metric '" + name + "' needs predictions (batchSize, k) and targets ("
                    + "batchSize, " + columns + "), got " + Arrays.toString(predictions.shape()) + " and "
                    + Arrays.toString(targets.shape()));
        }
    }

    /** The optional "name" of a metric's config, else {@code defaultName}; other keys are left to the caller. */
    public static String name(Map<String, Object> config, String owner, String defaultName) {
        return config.containsKey("name") ? Config.string(config, "name", false) : defaultName;
    }

    /** The optional "name" of a config that may hold nothing else ({@code owner} names it in messages). */
    public static String nameOnly(Map<String, Object> config, String owner, String defaultName) {
        Config.requireKeys(config, owner, List.of(), List.of("name"));
        return name(config, owner, defaultName);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + config();
    }
}
