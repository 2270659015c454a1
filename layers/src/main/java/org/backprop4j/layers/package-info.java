/**
 * The layers a Keras Sequential script uses: {@link org.backprop4j.layers.Dense} (a weighted sum
 * plus bias, optionally followed by an activation, with initialisers and regularisers),
 * {@link org.backprop4j.layers.Activation}, {@link org.backprop4j.layers.Dropout} (inverted dropout
 * while training), {@link org.backprop4j.layers.Input} (declares the input size), and Keras'
 * activation layers {@link org.backprop4j.layers.LeakyReLU} and {@link org.backprop4j.layers.ELU}. Each layer's
 * forward pass sits next to its backward pass.
 */
package org.backprop4j.layers;
