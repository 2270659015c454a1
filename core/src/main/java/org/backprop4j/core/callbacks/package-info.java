/**
 * Ready-made {@link org.backprop4j.core.Callback}s, as Keras' {@code keras.callbacks}:
 * {@link org.backprop4j.core.callbacks.EarlyStopping} ends training when a monitored quantity stops
 * improving; {@link org.backprop4j.core.callbacks.TrainingHealth} records, per layer and epoch, the
 * update-to-weight ratio, the gradient norm and the saturated or dead units
 * ({@link org.backprop4j.core.callbacks.LayerHealth}), and warns about the values of a sick network. (Stopping on a NaN loss is built into {@code fit}: see
 * {@link org.backprop4j.core.FitOptions#stopOnNaN(boolean)}.)
 */
package org.backprop4j.core.callbacks;
