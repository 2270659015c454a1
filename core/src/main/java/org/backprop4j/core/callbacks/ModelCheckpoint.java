package org.backprop4j.core.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.TrainingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras' {@code ModelCheckpoint}: saves the model ({@code Sequential.save}, with its optimizer
 * state) after each epoch, or with {@code saveBestOnly} only when the monitored quantity improved.
 *
 * <pre>{@code
 * new ModelCheckpoint(Path.of("best.bp4j"), "val_loss", true)
 * }</pre>
 *
 * <p>Each save is atomic (written to a temporary file in the same directory, then moved over the
 * target), so an interrupted run never leaves a half-written file. A path containing
 * {@code {epoch}} gets the 1-based epoch number there ({@code "model-{epoch}.bp4j"}).
 */
public final class ModelCheckpoint implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ModelCheckpoint.class);

    private final Path path;
    private Monitor monitor;
    private final boolean saveBestOnly;

    private TrainingContext training;
    private double best;
    private int savedEpoch;

    /** Saves after every epoch. */
    public ModelCheckpoint(Path path) {
        this(path, "val_loss", false);
    }

    /**
     * @param path the file to save to; {@code {epoch}} in its name is replaced by the epoch number
     * @param monitor the log key compared when {@code saveBestOnly}
     * @param saveBestOnly save only when the monitored value improves on the best so far
     * @throws IllegalArgumentException for a null path or a blank monitor
     */
    public ModelCheckpoint(Path path, String monitor, boolean saveBestOnly) {
        if (path == null) {
            throw new IllegalArgumentException("ModelCheckpoint needs a path, got null");
        }
        this.path = path;
        this.monitor = new Monitor("ModelCheckpoint", monitor, "auto");
        this.saveBestOnly = saveBestOnly;
    }

    /** "min", "max" or "auto" (the default: "max" when the monitor contains "acc"). */
    public ModelCheckpoint mode(String mode) {
        this.monitor = monitor.withMode(mode);
        return this;
    }

    /**
     * @throws IllegalArgumentException when {@code saveBestOnly} monitors a key fit will not report
     * @throws IllegalStateException when the model cannot be saved (an unregistered layer, loss or
     *         optimizer): fit fails at its start, not after the first epoch's training
     */
    @Override
    public void onTrainBegin(TrainingContext training) {
        if (saveBestOnly) {
            monitor.requireIn(training.logKeys());
        }
        training.requireSavable("ModelCheckpoint");
        this.training = training;
        best = monitor.worst();
    }

    /**
     * @throws UncheckedIOException naming the file when saving fails
     */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            double current = logs.get(monitor.key());
            if (!monitor.improves(current, best, 0)) {
                return;
            }
            log.info("ModelCheckpoint: epoch {}: {} improved from {} to {}; saving", epoch, monitor.key(), best, current);
            best = current;
        }
        Path target = pathFor(epoch);
        try {
            training.model().save(target);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not save the model to " + target + ": " + e.getMessage(), e);
        }
        savedEpoch = epoch;
    }

    /** The file for {@code epoch}: the path with {@code {epoch}} replaced. */
    public Path pathFor(int epoch) {
        String name = path.toString();
        return name.contains("{epoch}") ? Path.of(name.replace("{epoch}", String.valueOf(epoch))) : path;
    }

    /** The best monitored value so far (with saveBestOnly). */
    public double best() {
        return best;
    }

    /** The last epoch saved, 0 if none. */
    public int savedEpoch() {
        return savedEpoch;
    }
}
