/**
 * The heart of backprop4j: a Keras-style {@link org.backprop4j.core.Sequential} model, the contract
 * of every kind of component, and the machinery that trains with them. {@code docs/architecture.md}
 * draws the map.
 *
 * <ul>
 *   <li>The contracts: {@link org.backprop4j.core.Layer} (forward next to backward, per-call state in
 *       a {@link org.backprop4j.core.CallContext}), {@link org.backprop4j.core.ActivationFunction},
 *       {@link org.backprop4j.core.Loss}, {@link org.backprop4j.core.Metric},
 *       {@link org.backprop4j.core.Optimizer} (a base class owning slots, step count and learning
 *       rate), {@link org.backprop4j.core.Initializer}, {@link org.backprop4j.core.Regularizer},
 *       {@link org.backprop4j.core.LearningRateSchedule} and {@link org.backprop4j.core.Callback}.</li>
 *   <li>{@link org.backprop4j.core.Parameter}: a weight array and its gradient, the one list every
 *       part of the library works on.</li>
 *   <li>{@link org.backprop4j.core.Registry}: name to factory for every kind of component, used by
 *       compile-by-name, summary, save and load, and open to user code.</li>
 *   <li>Training: the package-private network, objective and training loop behind {@code fit};
 *       {@link org.backprop4j.core.History}, {@link org.backprop4j.core.FitOptions},
 *       {@link org.backprop4j.core.TrainingContext},
 *       {@link org.backprop4j.core.MetricFormat} (how losses and metrics are written for people).</li>
 *   <li>Teaching tools: {@link org.backprop4j.core.Jacobians}, {@link org.backprop4j.core.GradientCheck},
 *       {@link org.backprop4j.core.DataDiagnostics}, {@link org.backprop4j.core.Backprop}.</li>
 *   <li>Saving and loading ({@code Sequential.save}/{@code load}): one zip of {@code model.json} and
 *       numpy arrays ({@link org.backprop4j.core.Npy}); {@link org.backprop4j.core.Config} reads
 *       checked values from a saved config.</li>
 * </ul>
 *
 * <p>Shapes follow Keras: a batch is a matrix {@code (batchSize, features)}; a Dense kernel is
 * {@code (inputSize, units)}. This module depends only on ND4J and SLF4J and ships no logging
 * binding; its few warnings are printed on standard error when the application has no SLF4J
 * provider at all (see {@code docs/logging.md}).
 */
package org.backprop4j.core;
