package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A number reported during training and evaluation but not trained on, such as accuracy.
 * Implementations live in {@code org.backprop4j.core.metrics}.
 */
public interface Metric {

    /** The name used as the History key and in progress output, e.g. {@code "accuracy"}. */
    String name();

    /** The mean of the metric over the rows of a {@code (batchSize, k)} batch. */
    double value(INDArray predictions, INDArray targets);
}
