/**
 * Metrics reported during training and evaluation. {@code "accuracy"} picks binary or categorical
 * accuracy by Keras' rule: see {@link org.backprop4j.core.metrics.Metrics#resolve}.
 */
package org.backprop4j.core.metrics;
