package org.backprop4j.core.metrics;

import java.util.Map;

import org.backprop4j.core.Config;

/**
 * Keras' {@code sparse_top_k_categorical_accuracy}: 1 for a sample whose class index is among its
 * k largest predictions, else 0; the (weighted) mean over the samples ({@link MeanMetric}). Ties
 * as {@link TopKCategoricalAccuracy} (TensorFlow's {@code in_top_k}).
 *
 * <p>Shapes: predictions {@code (batchSize, classes)}, targets {@code (batchSize, 1)} class indices.
 */
public final class SparseTopKCategoricalAccuracy extends MeanMetric {

    private final int k;

    /** k 5, reported as {@code "sparse_top_k_categorical_accuracy"}. */
    public SparseTopKCategoricalAccuracy() {
        this(TopKCategoricalAccuracy.DEFAULT_K);
    }

    /**
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public SparseTopKCategoricalAccuracy(int k) {
        this(k, "sparse_top_k_categorical_accuracy");
    }

    /**
     * @param name the History key
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public SparseTopKCategoricalAccuracy(int k, String name) {
        super(name);
        this.k = TopKCategoricalAccuracy.requireK(k);
    }

    /** Reads {@link #config()}: "k" and an optional "name". */
    public static SparseTopKCategoricalAccuracy fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "SparseTopKCategoricalAccuracy", java.util.List.of(), java.util.List.of("k", "name"));
        int k = config.containsKey("k") ? (int) Config.integer(config, "k", 1, Integer.MAX_VALUE)
                : TopKCategoricalAccuracy.DEFAULT_K;
        return new SparseTopKCategoricalAccuracy(k, AccumulatingMetric.name(config, "SparseTopKCategoricalAccuracy",
                "sparse_top_k_categorical_accuracy"));
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
    protected long targetColumns(long outputColumns) {
        return 1;
    }

    @Override
    protected void sampleValues(double[] p, double[] labels, int rows, int columns, double[] values) {
        for (int row = 0; row < rows; row++) {
            long target = (long) labels[row]; // Keras casts the label to an integer
            values[row] = TopKCategoricalAccuracy.inTopK(p, row * columns, columns, target, k) ? 1 : 0;
        }
    }
}
