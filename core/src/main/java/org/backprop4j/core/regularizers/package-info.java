/**
 * Weight regularisers, named as in Keras: {@code l1}, {@code l2} and {@code l1l2}
 * ({@link org.backprop4j.core.regularizers.L1}, {@link org.backprop4j.core.regularizers.L2},
 * {@link org.backprop4j.core.regularizers.L1L2}); made with {@link org.backprop4j.core.Regularizers}.
 * A layer adds each one's penalty to the loss and its gradient to the weight's gradient.
 */
package org.backprop4j.core.regularizers;
