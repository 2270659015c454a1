package org.backprop4j.core;

import java.util.Map;

/**
 * Code that {@code fit} calls around the epochs, as Keras' callbacks: give them with
 * {@link FitOptions#callbacks(Callback...)}.
 *
 * <p>Order within one {@code fit}: {@link #onTrainBegin} once, before any weight changes; then for
 * each epoch {@link #onEpochBegin}, around each batch {@link #onBatchBegin} and
 * {@link #onBatchEnd}, and after the epoch {@link #onEpochEnd} with its logs; then
 * {@link #onTrainEnd} once, also when training stopped early, and also when {@code fit} fails with
 * an exception (from a callback, the data or anything else): every callback whose
 * {@code onTrainBegin} returned gets its {@code onTrainEnd}, so what it opened there it can close
 * there. Epochs are 1-based (as the progress
 * output counts) and batches 0-based within their epoch. To stop training, call {@link TrainingContext#stopTraining(String)}
 * on the context given to {@code onTrainBegin}.
 *
 * <p>Threads: called only on the thread running {@code fit}, one call at a time; an instance may
 * keep per-fit state, so give each concurrent {@code fit} its own.
 */
public interface Callback {

    /**
     * Called once at the start of {@code fit}, before the first epoch and before any weight changes.
     * Throw {@link IllegalArgumentException} here for a configuration that cannot work (such as a
     * monitored key that training will not report): {@code fit} then fails without training.
     *
     * @param training the model, the keys every epoch's logs will hold, and the stop switch
     */
    default void onTrainBegin(TrainingContext training) {
    }

    /** Called before every epoch, before its first batch. */
    default void onEpochBegin(int epoch) {
    }

    /** Called before each batch's forward pass. */
    default void onBatchBegin(int batch) {
    }

    /**
     * Called after each batch's update.
     *
     * @param logs the running means of {@code "loss"} and each metric over the epoch so far (unmodifiable)
     */
    default void onBatchEnd(int batch, Map<String, Double> logs) {
    }

    /**
     * Called after every epoch.
     *
     * @param epoch the epoch just finished, 1-based as the progress output counts
     * @param logs {@code "loss"}, each metric, then {@code "val_loss"} and {@code "val_<metric>"}
     *             when validating (unmodifiable)
     */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /**
     * Called once when {@code fit} ends, however it ends, with everything it recorded. When
     * {@code fit} is failing, an exception thrown here is added to that failure as a suppressed one.
     */
    default void onTrainEnd(History history) {
    }
}
