package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A number reported during training and evaluation but not trained on, such as accuracy: a stateful
 * accumulator, as Keras' metrics. {@link #update} adds a batch to the running state (sums, counts,
 * confusion counts at thresholds), {@link #result} is the metric of everything added since
 * {@link #reset}, so an epoch's value is the metric of the whole epoch (an AUC of all its
 * predictions, not a mean of per-batch AUCs).
 *
 * <p>Shapes: {@code predictions (batchSize, k)}; {@code targets} as the loss takes them
 * ({@code (batchSize, k)}, or {@code (batchSize, 1)} class indices for the sparse metrics);
 * {@code sampleWeights (batchSize)} or {@code (batchSize, 1)}, or null for weight 1 everywhere.
 *
 * <p>Built-ins live in {@code org.backprop4j.core.metrics}; most extend
 * {@code org.backprop4j.core.metrics.MeanMetric} (a weighted mean of one value per sample, written
 * as one method) or {@code AccumulatingMetric}. A new one is one class plus
 * {@code Registry.METRICS.register("name", MyMetric.class, MyMetric::fromConfig)}.
 *
 * <p>Two ways to write one: implement {@link #update}, {@link #result}, {@link #reset} and
 * {@link #fresh} (a metric of the whole epoch, such as AUC), or implement only {@link #value}, the
 * mean of the metric over one batch's rows, as metrics were written before the accumulator: the
 * model then averages the batches' values over the epoch, each weighted by its number of rows, and
 * passes no sample weights to it.
 *
 * <p>Threads: one object accumulates for one thread. The model never accumulates in the object given
 * to {@code compile}: each pass (an epoch, a validation, an {@code evaluate} call) works on its own
 * {@link #fresh()} copy, so threads may evaluate at once and the given object is left as it was.
 */
public interface Metric extends Component {

    /** The name used as the History key and in progress output, e.g. {@code "accuracy"}. */
    String name();

    /**
     * Adds a batch to the running state (Keras' {@code update_state}).
     *
     * @param sampleWeights one non-negative weight per row ({@code (batchSize)} or {@code (batchSize, 1)}),
     *        or null for all ones
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    default void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        throw new UnsupportedOperationException(BatchMeans.PER_BATCH.formatted(name()));
    }

    /** The metric of every batch added since the last {@link #reset} (Keras' {@code result}). */
    default double result() {
        throw new UnsupportedOperationException(BatchMeans.PER_BATCH.formatted(name()));
    }

    /** Forgets every batch added (Keras' {@code reset_state}). */
    default void reset() {
        throw new UnsupportedOperationException(BatchMeans.PER_BATCH.formatted(name()));
    }

    /**
     * A new metric with the same settings and name and an empty state. By default (a metric that
     * writes only {@link #value}) an accumulator of this metric's per-batch values, averaged over
     * the epoch's rows.
     *
     * @throws IllegalStateException if this metric implements neither {@link #value} nor this method
     */
    default Metric fresh() {
        return new BatchMeans(this);
    }

    /**
     * Whether the model passes the sample weights of {@code fit} and {@code evaluate} to this metric:
     * false for the metrics named in {@code compile} (Keras' {@code metrics=}, unweighted), true for
     * those wrapped by {@code Metrics.weighted} (Keras' {@code weighted_metrics=}).
     */
    default boolean usesSampleWeights() {
        return false;
    }

    /** The metric of this one batch alone, unweighted, leaving this object's state untouched. */
    default double value(INDArray predictions, INDArray targets) {
        Metric metric = fresh();
        metric.update(predictions, targets, null);
        return metric.result();
    }
}
