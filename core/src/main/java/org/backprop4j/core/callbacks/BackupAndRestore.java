package org.backprop4j.core.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.History;
import org.backprop4j.core.TrainingBackup;
import org.backprop4j.core.TrainingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras' {@code BackupAndRestore(backup_dir)}: a fit that crashes (or is killed) and is started
 * again goes on where it stopped, as if it had never stopped.
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(100).callbacks(new BackupAndRestore(Path.of("backup"))));
 * }</pre>
 * At each epoch's end it saves, into the directory, the model (weights, non-trainable ones included),
 * the optimizer's state, the epoch, the row order the next epoch shuffles on from and the random
 * stream ({@link TrainingBackup}: atomically, so a crash at any moment leaves a complete backup).
 * A fit started while a backup is there restores it in {@code onTrainBegin} and resumes with the next
 * epoch: in DOUBLE, the weights, optimizer state and logs of the epochs that follow are bit-identical
 * to those of a fit that was never interrupted (what {@code BackupAndRestoreTest} checks, killing a child
 * JVM; FLOAT with one BLAS thread should be too, untested). The History of the
 * resumed fit holds the epochs it ran. When fit ends normally (completed, or stopped by a callback or
 * its NaN guard) the backup is deleted, as Keras' {@code delete_checkpoint=True}; an interrupted or
 * failed fit keeps it.
 *
 * <p>Give it the same model (same layers, loss and optimizer type) and the same data: a backup made by
 * another model, or on another number of rows, is refused with an {@link IllegalStateException} naming
 * the directory, before any weight changes. Put it first among the callbacks, so that the others
 * (an {@code EarlyStopping}, a {@code CSVLogger}) see the restored model. Those callbacks' own state
 * is not in the backup (nor is it in Keras').
 *
 * <p>Threads: not thread-safe: one instance per fit, as every callback.
 */
public final class BackupAndRestore implements Callback {

    private static final Logger log = LoggerFactory.getLogger(BackupAndRestore.class);

    private final Path directory;
    private TrainingContext training;
    private int restoredEpoch;
    private int lastEpoch;

    /**
     * @param directory where the backup lives (created when needed); use one directory per training run
     * @throws IllegalArgumentException for a null directory
     */
    public BackupAndRestore(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("BackupAndRestore needs a directory, got null");
        }
        this.directory = directory;
    }

    /** The backup directory. */
    public Path directory() {
        return directory;
    }

    /** The epoch the last fit resumed after (0 when it found no backup). */
    public int restoredEpoch() {
        return restoredEpoch;
    }

    /**
     * Restores the backup if there is one.
     *
     * @throws IllegalStateException when the model cannot be saved (checked first), or the backup is another
     *         model's or was made on other data
     * @throws UncheckedIOException when the backup cannot be read
     */
    @Override
    public void onTrainBegin(TrainingContext training) {
        this.training = training;
        training.requireSavable("BackupAndRestore");
        try {
            restoredEpoch = TrainingBackup.restore(training, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        lastEpoch = restoredEpoch;
        if (restoredEpoch > 0) {
            log.info("BackupAndRestore: restored the backup of epoch {} from {}; training goes on with epoch {}",
                    restoredEpoch, directory, restoredEpoch + 1);
            training.print("Restored the backup of epoch " + restoredEpoch + " from " + directory);
        }
    }

    /**
     * @throws UncheckedIOException naming the file when writing the backup fails
     */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            TrainingBackup.save(training, directory, epoch);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not write the backup of epoch " + epoch + " to "
                    + directory + ": " + e.getMessage(), e);
        }
        lastEpoch = epoch;
    }

    /** Deletes the backup when fit ended normally: completed, or stopped by a callback or the NaN guard. */
    @Override
    public void onTrainEnd(History history) {
        boolean normal = switch (history.stopReason()) {
            case COMPLETED -> lastEpoch >= training.epochs(); // not when an exception cut the fit short
            case INTERRUPTED -> false;
            default -> true;
        };
        if (!normal) {
            return;
        }
        try {
            TrainingBackup.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not delete the backup in " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}
