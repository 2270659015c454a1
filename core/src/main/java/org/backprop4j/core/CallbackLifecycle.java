package org.backprop4j.core;

import java.util.List;

/**
 * The lifecycle promise of {@link Callback} within one {@code fit}: every callback whose
 * {@code onTrainBegin} returned gets {@code onTrainEnd} exactly once, however training ends:
 * completed, stopped, or failed with an exception (thrown by a callback, by the data, or an
 * error). So a callback that opens something in {@code onTrainBegin} (a file: {@code CSVLogger})
 * can always close it in {@code onTrainEnd}.
 *
 * <p>Failures while ending: every callback's {@code onTrainEnd} still runs; when training itself
 * failed, their exceptions are added to that failure as suppressed ones; otherwise the first is
 * thrown after all have run, with the others suppressed in it.
 */
final class CallbackLifecycle {

    private final List<Callback> callbacks;
    private int begun;

    CallbackLifecycle(List<Callback> callbacks) {
        this.callbacks = callbacks;
    }

    /** Calls {@code onTrainBegin} of each callback in order; one that throws stops the rest. */
    void begin(TrainingContext training) {
        for (Callback callback : callbacks) {
            callback.onTrainBegin(training);
            begun++;
        }
    }

    /**
     * Calls {@code onTrainEnd} of every callback whose {@code onTrainBegin} returned.
     *
     * @param failure what ended training abnormally, or null
     */
    void end(History history, Throwable failure) {
        RuntimeException first = null;
        for (Callback callback : callbacks.subList(0, begun)) {
            try {
                callback.onTrainEnd(history);
            } catch (RuntimeException | Error e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null && e instanceof RuntimeException runtime) {
                    first = runtime;
                } else if (first != null) {
                    first.addSuppressed(e);
                } else {
                    throw (Error) e;
                }
            }
        }
        begun = 0;
        if (first != null) {
            throw first;
        }
    }
}
