package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A number reported during training and evaluation but not trained on, such as accuracy.
 * Built-ins live in {@code org.backprop4j.core.metrics}; a new one is one class plus
 * {@code Registry.METRICS.register("name", MyMetric.class, config -> new MyMetric("name"))}.
 *
 * <p>Threads: implementations must be immutable, because {@code evaluate} may call one metric from
 * several threads at once; the built-in metrics are.
 */
public interface Metric extends Component {

    /** The name used as the History key and in progress output, e.g. {@code "accuracy"}. */
    String name();

    /** The mean of the metric over the rows of a {@code (batchSize, k)} batch. */
    double value(INDArray predictions, INDArray targets);
}
