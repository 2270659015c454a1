/**
 * Ready-made {@link org.backprop4j.core.Callback}s, as Keras' {@code keras.callbacks}:
 * {@link org.backprop4j.core.callbacks.EarlyStopping} ends training when a monitored quantity stops
 * improving; {@link org.backprop4j.core.callbacks.TrainingHealth} records, per layer and epoch, the
 * update-to-weight ratio, the gradient norm and the saturated or dead units
 * ({@link org.backprop4j.core.callbacks.LayerHealth}), and warns about the values of a sick network;
 * {@link org.backprop4j.core.callbacks.LearningRateScheduler} sets the learning rate
 * before each epoch; {@link org.backprop4j.core.callbacks.ReduceLROnPlateau} lowers it when progress
 * stalls; {@link org.backprop4j.core.callbacks.ModelCheckpoint} saves the model (every epoch or the
 * best one, atomically); {@link org.backprop4j.core.callbacks.CSVLogger} writes the epoch logs to a
 * CSV file; {@link org.backprop4j.core.callbacks.TerminateOnNaN} stops at the first non-finite batch
 * loss without restoring anything (fit's own guard, which restores the last finite weights, is
 * {@link org.backprop4j.core.FitOptions#stopOnNaN(boolean)}); {@link org.backprop4j.core.callbacks.LambdaCallback}
 * makes a callback out of lambdas; {@link org.backprop4j.core.callbacks.LiveDashboard} serves the logs,
 * per batch and epoch, with the learning rate and the training-health numbers, as a live page on
 * 127.0.0.1 (the JDK's {@code jdk.httpserver}).
 */
package org.backprop4j.core.callbacks;
