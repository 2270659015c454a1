/**
 * Optimizers, each one class on {@link org.backprop4j.core.Optimizer}'s base (which owns the learning
 * rate or schedule, the step count, the slots and saving them), with Keras 3's update rules and
 * defaults: {@link org.backprop4j.optim.SGD} (momentum, Nesterov), {@link org.backprop4j.optim.Adam}
 * (amsgrad), {@link org.backprop4j.optim.RMSprop} (momentum, centered) and
 * {@link org.backprop4j.optim.Adagrad}; and the learning-rate schedules
 * {@link org.backprop4j.optim.ExponentialDecay}, {@link org.backprop4j.optim.PiecewiseConstantDecay},
 * {@link org.backprop4j.optim.InverseTimeDecay} and {@link org.backprop4j.optim.CosineDecay},
 * accepted by every optimizer in place of a learning rate. {@link org.backprop4j.optim.OptimModule}
 * registers them by name ({@code "sgd"}, {@code "adam"}, {@code "rmsprop"}, {@code "adagrad"};
 * schedules by class name).
 */
package org.backprop4j.optim;
