/**
 * Optimizers. {@link org.backprop4j.optim.SGD} implements Keras' stochastic gradient descent with
 * optional momentum and Nesterov momentum, and registers itself under the name {@code "sgd"}.
 */
package org.backprop4j.optim;
