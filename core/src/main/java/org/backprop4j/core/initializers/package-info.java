/**
 * Weight initialisers, named as in Keras: {@code glorot_uniform} (Dense's default kernel),
 * {@code zeros} (its default bias), {@code ones}, {@code constant}. Each draws from the model's
 * seeded random stream, so the same seed gives the same weights.
 */
package org.backprop4j.core.initializers;
