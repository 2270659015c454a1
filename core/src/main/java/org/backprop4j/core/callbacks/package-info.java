/**
 * Ready-made {@link org.backprop4j.core.Callback}s, as Keras' {@code keras.callbacks}:
 * {@link org.backprop4j.core.callbacks.EarlyStopping} ends training when a monitored quantity stops
 * improving. (Stopping on a NaN loss is built into {@code fit}: see
 * {@link org.backprop4j.core.FitOptions#stopOnNaN(boolean)}.)
 */
package org.backprop4j.core.callbacks;
