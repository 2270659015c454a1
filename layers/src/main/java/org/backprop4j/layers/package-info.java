/**
 * The layers a Keras Sequential script uses: {@link org.backprop4j.layers.Dense} (a weighted sum
 * plus bias, optionally followed by an activation) and {@link org.backprop4j.layers.Activation}.
 * Each layer's forward pass sits next to its backward pass.
 */
package org.backprop4j.layers;
