package org.backprop4j.core;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a {@link Callback} sees of one {@code fit} call: the model being trained, the keys its
 * epoch logs hold, and a switch to stop after the current epoch (Keras'
 * {@code model.stop_training = True}).
 *
 * <p>Threads: used on the thread running {@code fit} only; not thread-safe.
 */
public final class TrainingContext {

    private final Sequential model;
    private final Set<String> logKeys;
    private final int epochs;
    private String stopRequest;

    TrainingContext(Sequential model, Set<String> logKeys, int epochs) {
        this.model = model;
        this.logKeys = Collections.unmodifiableSet(new LinkedHashSet<>(logKeys));
        this.epochs = epochs;
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    /** The keys every epoch's logs hold, in order: {@code loss}, each metric, then their {@code val_} versions. */
    public Set<String> logKeys() {
        return logKeys;
    }

    /** The number of epochs {@code fit} was asked for. */
    public int epochs() {
        return epochs;
    }

    /**
     * Asks {@code fit} to stop after the current epoch; the reason goes into
     * {@link History#stopMessage()}. The first request wins.
     */
    public void stopTraining(String reason) {
        if (stopRequest == null) {
            stopRequest = reason == null || reason.isBlank() ? "a callback stopped training" : reason;
        }
    }

    /** The reason given to {@link #stopTraining(String)}, or null if none was. */
    String stopRequest() {
        return stopRequest;
    }
}
