/**
 * The loss functions, named as in Keras: {@code mean_squared_error} ({@code mse}),
 * {@code mean_absolute_error} ({@code mae}), {@code huber}, {@code binary_crossentropy},
 * {@code categorical_crossentropy} and {@code sparse_categorical_crossentropy} (the cross-entropies
 * also from logits, stably), with their reductions, their clipping and their gradients.
 * {@code Registry.LOSSES.create(name)} finds one.
 *
 * <p>Loss <em>values</em> are summed in Java doubles (exact and cheap: they are only reported);
 * gradients are computed in place, on the training hot path.
 */
package org.backprop4j.core.losses;
