/**
 * Metrics reported during training and evaluation, named as in Keras, each a stateful accumulator
 * as Keras' metrics are ({@code update}, {@code result}, {@code reset}): {@code binary_accuracy},
 * {@code categorical_accuracy}, {@code sparse_categorical_accuracy}, {@code mae}, {@code mse},
 * {@code precision}, {@code recall}, {@code auc}, {@code top_k_categorical_accuracy},
 * {@code sparse_top_k_categorical_accuracy}, {@code root_mean_squared_error}, {@code r2_score},
 * {@code f1_score}. {@code "accuracy"} picks binary, categorical or sparse categorical accuracy by
 * Keras' rule: see {@link org.backprop4j.core.metrics.Metrics#resolve}. {@link
 * org.backprop4j.core.metrics.MeanMetric} and {@link org.backprop4j.core.metrics.AccumulatingMetric}
 * are the bases for new ones; {@link org.backprop4j.core.metrics.Metrics#weighted} marks a metric as
 * Keras' {@code weighted_metrics}.
 */
package org.backprop4j.core.metrics;
