/**
 * The heart of backprop4j: a Keras-style {@link org.backprop4j.core.Sequential} model and the
 * abstractions it is built from.
 *
 * <ul>
 *   <li>{@link org.backprop4j.core.Layer}: one step of the network, forward next to backward.</li>
 *   <li>{@link org.backprop4j.core.Loss}: what training minimises, with its gradient
 *       (implementations in {@code org.backprop4j.core.losses}).</li>
 *   <li>{@link org.backprop4j.core.Optimizer}: how gradients become weight updates
 *       (SGD lives in the {@code optim} module).</li>
 *   <li>{@link org.backprop4j.core.ActivationFunction}: element-wise and softmax non-linearities
 *       (implementations in {@code org.backprop4j.core.activations}).</li>
 *   <li>{@link org.backprop4j.core.History}, {@link org.backprop4j.core.FitOptions},
 *       {@link org.backprop4j.core.GradientCheck}, {@link org.backprop4j.core.GlorotUniform},
 *       {@link org.backprop4j.core.MetricFormat} (how losses and metrics are written for people).</li>
 *   <li>{@link org.backprop4j.core.Callback} and {@link org.backprop4j.core.TrainingContext}: code run
 *       around the epochs (ready-made ones in {@code org.backprop4j.core.callbacks}).</li>
 *   <li>Saving and loading ({@code Sequential.save}/{@code load}): {@link org.backprop4j.core.LayerFactory}
 *       describes layer types, {@link org.backprop4j.core.Npy} reads and writes numpy arrays,
 *       {@link org.backprop4j.core.Config} reads checked values from a saved config.</li>
 * </ul>
 *
 * <p>Shapes follow Keras: a batch is a matrix {@code (batchSize, features)}; a Dense kernel is
 * {@code (inputSize, units)}. This module depends only on ND4J and SLF4J and ships no logging
 * binding; its few warnings are printed on standard error when the application has no SLF4J
 * provider at all (see {@code docs/logging.md}).
 */
package org.backprop4j.core;
