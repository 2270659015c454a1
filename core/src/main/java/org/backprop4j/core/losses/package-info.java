/**
 * The loss functions, named as in Keras: {@code mean_squared_error} ({@code mse}),
 * {@code mean_absolute_error} ({@code mae}), {@code huber}, {@code binary_crossentropy},
 * {@code categorical_crossentropy} and {@code sparse_categorical_crossentropy} (the cross-entropies
 * also from logits, stably, and the binary and categorical ones with label smoothing); and Keras' other
 * losses: {@code kl_divergence} ({@code kld}), {@code poisson}, {@code log_cosh}, {@code hinge},
 * {@code squared_hinge}, {@code categorical_hinge}, {@code mean_squared_logarithmic_error}
 * ({@code msle}), {@code mean_absolute_percentage_error} ({@code mape}), {@code cosine_similarity},
 * {@code binary_focal_crossentropy} and {@code categorical_focal_crossentropy}; each with its
 * reduction, Keras' epsilons and clipping, and its gradient.
 * {@code Registry.LOSSES.create(name)} finds one.
 *
 * <p>Loss <em>values</em> are summed in Java doubles (exact and cheap: they are only reported);
 * gradients are computed in place, on the training hot path.
 */
package org.backprop4j.core.losses;
