/**
 * Optimizers, each one class on {@link org.backprop4j.core.Optimizer}'s base (which owns the learning
 * rate or schedule, the step count, the slots and saving them): {@link org.backprop4j.optim.SGD}
 * implements Keras' stochastic gradient descent with optional momentum and Nesterov momentum.
 * {@link org.backprop4j.optim.OptimModule} registers them by name ({@code "sgd"}).
 */
package org.backprop4j.optim;
