package org.backprop4j.core.metrics;

import java.util.Map;

import org.backprop4j.core.Config;

/**
 * Keras' {@code top_k_categorical_accuracy}: 1 for a sample whose target class (the argmax of its
 * one-hot row) is among the k largest predictions, else 0; the (weighted) mean over the samples
 * ({@link MeanMetric}). Ties as TensorFlow's {@code in_top_k}: the class is in the top k when fewer
 * than k classes score strictly higher, and a row with a non-finite prediction counts 0.
 *
 * <p>Shapes: predictions {@code (batchSize, classes)}, targets {@code (batchSize, classes)} one-hot.
 */
public final class TopKCategoricalAccuracy extends MeanMetric {

    /** Keras' default k. */
    public static final int DEFAULT_K = 5;

    private final int k;

    /** k 5, reported as {@code "top_k_categorical_accuracy"}. */
    public TopKCategoricalAccuracy() {
        this(DEFAULT_K);
    }

    /**
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public TopKCategoricalAccuracy(int k) {
        this(k, "top_k_categorical_accuracy");
    }

    /**
     * @param name the History key
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public TopKCategoricalAccuracy(int k, String name) {
        super(name);
        this.k = requireK(k);
    }

    /** Reads {@link #config()}: "k" and an optional "name". */
    public static TopKCategoricalAccuracy fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "TopKCategoricalAccuracy", java.util.List.of(), java.util.List.of("k", "name"));
        int k = config.containsKey("k") ? (int) Config.integer(config, "k", 1, Integer.MAX_VALUE) : DEFAULT_K;
        return new TopKCategoricalAccuracy(k, AccumulatingMetric.name(config, "TopKCategoricalAccuracy", "top_k_categorical_accuracy"));
    }

    /** How many of the largest predictions count. */
    public int k() {
        return k;
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("k", k);
    }

    @Override
    protected void sampleValues(double[] p, double[] y, int rows, int columns, double[] values) {
        for (int row = 0; row < rows; row++) {
            int target = CategoricalAccuracy.argmax(y, row * columns, columns);
            values[row] = inTopK(p, row * columns, columns, target, k) ? 1 : 0;
        }
    }

    static int requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1 (how many of the largest predictions count), got " + k);
        }
        return k;
    }

    /**
     * TensorFlow's {@code in_top_k} for one row: whether fewer than k of the row's predictions are
     * strictly larger than the target's; false for a target outside the row or a non-finite prediction.
     */
    static boolean inTopK(double[] p, int start, int columns, long target, int k) {
        if (target < 0 || target >= columns) {
            return false;
        }
        double targetScore = p[start + (int) target];
        int larger = 0;
        for (int c = 0; c < columns; c++) {
            double score = p[start + c];
            if (!Double.isFinite(score)) {
                return false;
            }
            if (score > targetScore) {
                larger++;
            }
        }
        return larger < k;
    }
}
