/**
 * The built-in activation functions: sigmoid, softmax, tanh, relu and linear, and Keras' elu, selu,
 * gelu, silu (swish), softplus, softsign, leaky_relu, hard_sigmoid, relu6, mish and exponential, each one class with
 * its forward pass, its backward pass (a vector-Jacobian product) and its materialised Jacobian side
 * by side. {@code Registry.ACTIVATIONS.create("relu")} finds one by its Keras name.
 */
package org.backprop4j.core.activations;
