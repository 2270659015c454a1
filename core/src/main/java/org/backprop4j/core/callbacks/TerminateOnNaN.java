package org.backprop4j.core.callbacks;

import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.TrainingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras' {@code TerminateOnNaN}: after every batch, looks at the epoch's running {@code "loss"} and,
 * the first time it is NaN or infinite, stops training, printing {@code "Batch 3: Invalid loss,
 * terminating training"} where {@code fit}'s progress goes (as Keras prints it). It restores nothing:
 * the weights stay as the bad batch left them, as in Keras.
 *
 * <p>When the stop takes effect: right after the bad batch, as in Keras: {@code fit} runs no further
 * batch; the epoch's end still runs (its logs, over the batches done, go into the History with the
 * non-finite loss, and {@code onEpochEnd} is called), then training ends. With
 * {@code new TerminateOnNaN(true)} (Keras' {@code raise_error=True}) it throws an
 * {@link IllegalStateException} from the bad batch instead, which ends {@code fit} at once.
 *
 * <p>Beside {@link org.backprop4j.core.FitOptions#stopOnNaN(boolean)}, fit's own guard (on by
 * default), which checks at each epoch's end and puts back the last finite weights: with both, the
 * guard's restore runs at the end of that (shortened) epoch. For Keras' exact behaviour (stop, no rollback), pass
 * {@code stopOnNaN(false)}.
 *
 * <p>Threads: not thread-safe: it keeps one {@code fit}'s context; give each concurrent {@code fit}
 * its own instance.
 */
public final class TerminateOnNaN implements Callback {

    private static final Logger log = LoggerFactory.getLogger(TerminateOnNaN.class);

    private final boolean raiseError;
    private TrainingContext training;
    private boolean stopped;

    /** Stops training gracefully at the first non-finite loss (Keras' default). */
    public TerminateOnNaN() {
        this(false);
    }

    /** @param raiseError throw an {@link IllegalStateException} at once instead of stopping gracefully */
    public TerminateOnNaN(boolean raiseError) {
        this.raiseError = raiseError;
    }

    /** Whether it throws instead of stopping gracefully. */
    public boolean raiseError() {
        return raiseError;
    }

    /** Whether it stopped the last {@code fit} it watched. */
    public boolean stopped() {
        return stopped;
    }

    @Override
    public void onTrainBegin(TrainingContext training) {
        this.training = training;
        this.stopped = false;
    }

    /**
     * @throws IllegalStateException when the loss is not finite and {@code raiseError} is set
     */
    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss == null || Double.isFinite(loss) || stopped) {
            return;
        }
        if (raiseError) {
            throw new IllegalStateException("NaN or Inf loss encountered at batch " + batch + ". Loss value: " + loss
                    + ". Terminating training immediately.");
        }
        stopped = true;
        String message = "Batch " + batch + ": Invalid loss, terminating training";
        log.debug(message);
        training.print(message);
        training.stopTraining("TerminateOnNaN: the loss was " + loss + " after batch " + batch);
    }
}
