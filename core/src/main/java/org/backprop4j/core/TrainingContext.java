package org.backprop4j.core;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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
    private final PrintStream progressOutput;
    private final List<String> pendingMessages = new ArrayList<>();
    /** fit's row order, which each epoch shuffles on from (the live array), and the epoch a backup resumed at. */
    private int[] rowOrder;
    private int resumedEpoch;

    /** @param progressOutput where {@link #print} writes, or null when {@code fit} is silent (verbose 0) */
    TrainingContext(Sequential model, Set<String> logKeys, int epochs, PrintStream progressOutput) {
        this.model = model;
        this.logKeys = Collections.unmodifiableSet(new LinkedHashSet<>(logKeys));
        this.epochs = epochs;
        this.progressOutput = progressOutput;
    }

    /**
     * Prints a line where {@code fit}'s progress goes ({@link FitOptions#progressOutput}), after the
     * current epoch's progress line, as Keras' callbacks print theirs; nothing when {@code fit} runs
     * with {@code verbose(0)}. For messages about the training itself, such as
     * {@code "Epoch 12: early stopping ..."}.
     */
    public void print(String message) {
        if (progressOutput != null && message != null) {
            pendingMessages.add(message);
        }
    }

    /** Writes the lines {@link #print} collected during the epoch; called after its progress line. */
    void flushMessages() {
        for (String message : pendingMessages) {
            progressOutput.println(message);
        }
        if (!pendingMessages.isEmpty()) {
            progressOutput.flush();
            pendingMessages.clear();
        }
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
     * Asks {@code fit} to stop, as Keras' {@code model.stop_training = True}: asked in {@code onBatchEnd},
     * the epoch ends after that batch (its logs, validation and {@code onEpochEnd} cover the batches
     * done) and training with it; asked elsewhere, training ends after the current epoch. The reason
     * goes into {@link History#stopMessage()}. The first request wins.
     */
    public void stopTraining(String reason) {
        if (stopRequest == null) {
            stopRequest = reason == null || reason.isBlank() ? "a callback stopped training" : reason;
        }
    }

    /**
     * Checks that the model could be saved now, without writing anything: a callback that saves
     * ({@code ModelCheckpoint}, {@code BackupAndRestore}) calls it in {@code onTrainBegin}, so a model that
     * cannot be saved fails at the start of {@code fit} rather than after its first epoch.
     *
     * @param who the callback, for the message
     * @throws IllegalStateException naming what cannot be saved (an unregistered component, a config that is
     *         not JSON, a non-finite weight)
     */
    public void requireSavable(String who) {
        try {
            ModelIO.requireSavable(model);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(who + " could not save this model, so fit stops before training: "
                    + e.getMessage(), e);
        }
    }

    /** Gives the context fit's row order (the array each epoch shuffles on from), before {@code onTrainBegin}. */
    void rowOrder(int[] order) {
        this.rowOrder = order;
    }

    /** fit's live row order, or null outside fit. */
    int[] rowOrder() {
        return rowOrder;
    }

    /** The epoch a restored backup ended with (fit goes on with the next), 0 when none was restored. */
    int resumedEpoch() {
        return resumedEpoch;
    }

    /** Makes fit go on after {@code epoch}, shuffling on from {@code order} (as long as fit's own). */
    void resumeAfter(int epoch, int[] order) {
        System.arraycopy(order, 0, rowOrder, 0, rowOrder.length);
        resumedEpoch = epoch;
    }

    /** The reason given to {@link #stopTraining(String)}, or null if none was. */
    String stopRequest() {
        return stopRequest;
    }
}
