/**
 * The loss functions, named as in Keras: {@code mean_squared_error} ({@code mse}),
 * {@code binary_crossentropy} and {@code categorical_crossentropy}, with their reductions, their
 * clipping and their gradients. {@code Registry.LOSSES.create(name)} finds one.
 *
 * <p>Loss <em>values</em> are summed in Java doubles (exact and cheap: they are only reported);
 * gradients are computed in place, on the training hot path.
 */
package org.backprop4j.core.losses;
