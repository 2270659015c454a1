/**
 * The activation functions: sigmoid, softmax, tanh, relu and linear, each with its forward pass,
 * its backward pass (a vector-Jacobian product) and its materialised Jacobian side by side.
 * {@link org.backprop4j.core.activations.Activations#byName(String)} finds one by its Keras name.
 */
package org.backprop4j.core.activations;
