/**
 * The built-in activation functions: sigmoid, softmax, tanh, relu and linear, each one class with
 * its forward pass, its backward pass (a vector-Jacobian product) and its materialised Jacobian side
 * by side. {@code Registry.ACTIVATIONS.create("relu")} finds one by its Keras name.
 */
package org.backprop4j.core.activations;
