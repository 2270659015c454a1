package org.backprop4j.core.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.History;
import org.backprop4j.core.TrainingContext;

/**
 * Keras' {@code CSVLogger}: one line per epoch with the epoch (0-based, as Keras writes it) and
 * every log value, under a header of the column names in alphabetical order (as Keras sorts them):
 * <pre>
 *   epoch,accuracy,loss,val_accuracy,val_loss
 *   0,0.5625,0.6931471805599453,0.5,0.69
 * </pre>
 * Each line is flushed as it is written, so the file can be watched while training. With
 * {@code append} a later fit adds lines (and writes the header only to an empty file).
 */
public final class CSVLogger implements Callback {

    private final Path path;
    private final String separator;
    private final boolean append;

    private List<String> keys;
    private BufferedWriter writer;

    /** Comma-separated, overwriting the file at each fit. */
    public CSVLogger(Path path) {
        this(path, ",", false);
    }

    /**
     * @throws IllegalArgumentException for a null path or an empty separator
     */
    public CSVLogger(Path path, String separator, boolean append) {
        if (path == null) {
            throw new IllegalArgumentException("CSVLogger needs a path, got null");
        }
        if (separator == null || separator.isEmpty()) {
            throw new IllegalArgumentException("CSVLogger needs a separator such as \",\"");
        }
        this.path = path;
        this.separator = separator;
        this.append = append;
    }

    /**
     * Opens the file (created if missing; links followed). Anything that exists but is not a
     * regular file is refused before opening: writing to a FIFO would wait for a reader forever, a
     * device or directory cannot hold a log. The file is closed in {@link #onTrainEnd}, which
     * {@code fit} calls however training ends.
     *
     * @throws UncheckedIOException naming the file when it cannot be opened or is not a regular file
     */
    @Override
    public void onTrainBegin(TrainingContext training) {
        keys = new ArrayList<>(training.logKeys());
        keys.sort(null);
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            String message = "CSVLogger could not open " + path + ": it is not a regular file (a directory, FIFO,"
                    + " socket or device); give the path of a file to write";
            throw new UncheckedIOException(message, new IOException(message));
        }
        try {
            boolean header = !append || !Files.exists(path) || Files.size(path) == 0;
            writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            if (header) {
                writer.write("epoch" + separator + String.join(separator, keys));
                writer.newLine();
                writer.flush();
            }
        } catch (IOException e) {
            if (writer != null) { // opened, but the header could not be written: close it here
                try {
                    writer.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                writer = null;
            }
            throw new UncheckedIOException("CSVLogger could not open " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        StringBuilder line = new StringBuilder().append(epoch - 1);
        for (String key : keys) {
            Double value = logs.get(key);
            line.append(separator).append(value == null ? "" : value.toString());
        }
        try {
            writer.write(line.toString());
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger could not write to " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(History history) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger could not close " + path + ": " + e.getMessage(), e);
        } finally {
            writer = null;
        }
    }
}
