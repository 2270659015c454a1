/**
 * Weight initialisers, named as in Keras: {@code glorot_uniform} (Dense's default kernel),
 * {@code zeros} (its default bias), {@code ones}, {@code constant}, the variance-scaling family
 * ({@code glorot_normal}, {@code he_uniform}, {@code he_normal}, {@code lecun_uniform},
 * {@code lecun_normal}, {@code variance_scaling}; the normal ones are Keras' truncated normals), and
 * {@code random_uniform}, {@code random_normal}. Each draws from the model's
 * seeded random stream, so the same seed gives the same weights.
 */
package org.backprop4j.core.initializers;
