/**
 * Metrics reported during training and evaluation, named as in Keras: {@code binary_accuracy},
 * {@code categorical_accuracy}, {@code sparse_categorical_accuracy}, {@code mae}, {@code mse},
 * {@code precision}, {@code recall}. {@code "accuracy"} picks binary, categorical or sparse
 * categorical accuracy by Keras' rule: see {@link org.backprop4j.core.metrics.Metrics#resolve}.
 */
package org.backprop4j.core.metrics;
