/**
 * The layers a Keras Sequential script uses: {@link org.backprop4j.layers.Dense} (a weighted sum
 * plus bias, optionally followed by an activation, with initialisers and regularisers),
 * {@link org.backprop4j.layers.Activation}, {@link org.backprop4j.layers.Dropout} (inverted dropout
 * while training) and {@link org.backprop4j.layers.Input} (declares the input size). Each layer's
 * forward pass sits next to its backward pass.
 */
package org.backprop4j.layers;
