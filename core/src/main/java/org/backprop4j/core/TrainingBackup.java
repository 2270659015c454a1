package org.backprop4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The files of {@code BackupAndRestore} (Keras' {@code BackupAndRestore(backup_dir)}): what a fit
 * needs to go on after a crash exactly as if it had not stopped. In the backup directory:
 * <pre>
 *   epoch-N.bp4j     the model after epoch N, as {@link Sequential#save} writes it: weights (non-trainable
 *                    ones included), the optimizer's slots, scalars and step count, the random stream
 *   progress.json    {"format": "backprop4j-backup", "formatVersion": 1, "epoch": N, "model": "epoch-N.bp4j",
 *                     "sha256": the model file's, "rows": n, "rowOrder": [the row order epoch N+1 shuffles on from],
 *                     "architecture": the model's {@link Sequential#toJson()} description}
 * </pre>
 * Each file is replaced atomically ({@link FileReplacement}); progress.json is written after the model
 * file it names, and older model files are deleted only then, so whatever moment a crash hits, the
 * directory holds one complete backup, the newest or the one before (and perhaps the temporary file of
 * a save cut short, removed with the backup). A restore checks the model file's
 * SHA-256 against progress.json and the architecture against the model being trained.
 *
 * <p>For callbacks: the methods take the {@link TrainingContext} of {@code onTrainBegin} and
 * {@code onEpochEnd}. Threads: on fit's thread, as callbacks are.
 */
public final class TrainingBackup {

    /** The value of progress.json's "format" field. */
    static final String FORMAT = "backprop4j-backup";
    static final int FORMAT_VERSION = 1;
    static final String PROGRESS = "progress.json";

    private TrainingBackup() {
    }

    /**
     * Writes the backup of the epoch just finished: the model file, then progress.json naming it, then
     * removes older model files.
     *
     * @throws IOException naming the file when writing fails
     * @throws IllegalStateException when the model cannot be saved (an unregistered component)
     */
    public static void save(TrainingContext training, Path directory, int epoch) throws IOException {
        Files.createDirectories(directory);
        String name = "epoch-" + epoch + ".bp4j";
        Path model = directory.resolve(name);
        training.model().save(model);
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("format", FORMAT);
        progress.put("formatVersion", FORMAT_VERSION);
        progress.put("epoch", epoch);
        progress.put("model", name);
        progress.put("sha256", sha256(model));
        progress.put("rows", training.rowOrder().length);
        progress.put("rowOrder", training.rowOrder());
        progress.put("architecture", ModelJson.describe(training.model()));
        byte[] bytes = ModelIO.JSON.writeValueAsBytes(progress);
        FileReplacement.write(directory.resolve(PROGRESS), out -> out.write(bytes), UnaryOperator.identity(),
                FileReplacement.ATOMIC_RENAME);
        for (Path stale : files(directory, "epoch-*.bp4j")) {
            if (!stale.getFileName().toString().equals(name)) {
                Files.deleteIfExists(stale);
            }
        }
    }

    /**
     * Restores the backup in {@code directory}, if there is one, into the model {@code training}
     * trains: its weights, optimizer state (slots, scalars, step count, learning rate) and random
     * stream; fit then goes on with the epoch after the backup's, shuffling on from its row order.
     *
     * @return the epoch the backup ended with, 0 when there is no backup
     * @throws IllegalStateException naming the directory when the backup was made by another model (other
     *         layers or configs, data type, loss or optimizer) or on other data (another number of rows)
     * @throws IOException when the backup cannot be read or is damaged
     */
    public static int restore(TrainingContext training, Path directory) throws IOException {
        Path progressFile = directory.resolve(PROGRESS);
        if (!Files.isRegularFile(progressFile)) {
            return 0;
        }
        String where = "The backup in " + directory + " ";
        Map<String, Object> progress;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = ModelIO.JSON.readValue(progressFile.toFile(), Map.class);
            progress = read;
        } catch (IOException e) {
            throw new IOException(where + "cannot be read: " + PROGRESS + " is not valid JSON (" + e.getMessage() + ")", e);
        }
        Sequential model = training.model();
        try {
            if (progress == null || !FORMAT.equals(progress.get("format"))) {
                throw new IllegalArgumentException(PROGRESS + " is not a backprop4j backup");
            }
            Config.requireKeys(progress, PROGRESS, "format", "formatVersion", "epoch", "model", "sha256", "rows",
                    "rowOrder", "architecture");
            Config.integer(progress, "formatVersion", 1, FORMAT_VERSION);
            Object architecture = progress.get("architecture");
            Object mine = ModelIO.JSON.readValue(ModelIO.JSON.writeValueAsBytes(ModelJson.describe(model)), Map.class);
            if (!mine.equals(architecture)) {
                throw new IllegalStateException(where + "was made by another model: its architecture is "
                        + ModelIO.JSON.writeValueAsString(architecture) + ", this model's is "
                        + ModelIO.JSON.writeValueAsString(mine) + "; delete the directory to start afresh");
            }
            int rows = training.rowOrder().length;
            long savedRows = Config.integer(progress, "rows", 1, Integer.MAX_VALUE);
            if (savedRows != rows) {
                throw new IllegalStateException(where + "was made training on " + savedRows + " rows; this fit trains on "
                        + rows + " (other data, or another validation split); delete the directory to start afresh");
            }
            int[] order = permutation(progress.get("rowOrder"), rows);
            int epoch = (int) Config.integer(progress, "epoch", 1, Integer.MAX_VALUE);
            String name = Config.string(progress, "model", false);
            if (!name.equals("epoch-" + epoch + ".bp4j")) {
                throw new IllegalArgumentException("\"model\" is '" + name + "', expected epoch-" + epoch + ".bp4j");
            }
            Path modelFile = directory.resolve(name);
            if (!Files.isRegularFile(modelFile) || !sha256(modelFile).equals(progress.get("sha256"))) {
                throw new IOException(where + "is damaged: " + name + " is missing or not the file " + PROGRESS
                        + " describes (its SHA-256 differs)");
            }
            Sequential saved = Sequential.load(modelFile);
            copy(saved, model, where);
            training.resumeAfter(epoch, order);
            return epoch;
        } catch (IllegalArgumentException e) {
            throw new IOException(where + "cannot be used: " + e.getMessage(), e);
        }
    }

    /** Deletes the backup's files, then the directory if nothing else is left in it. */
    public static void delete(Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(PROGRESS)); // first: without it, nothing is restored
        for (Path file : files(directory, "epoch-*.bp4j")) {
            Files.deleteIfExists(file);
        }
        for (Path file : files(directory, ".b4j-*.tmp")) {
            Files.deleteIfExists(file); // what a save killed half-way left (FileReplacement's temporary files)
        }
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(directory)) {
                if (!left.iterator().hasNext()) {
                    Files.delete(directory);
                }
            }
        }
    }

    /** The saved model's state into the model being trained, after checking they train alike. */
    private static void copy(Sequential saved, Sequential model, String where) {
        Optimizer from = saved.optimizer();
        Optimizer to = model.optimizer();
        if (from == null || !from.name().equals(to.name()) || !saved.loss().name().equals(model.loss().name())
                || saved.dataType() != model.dataType()) {
            throw new IllegalStateException(where + "was made by another model: it trains with " + (from == null
                    ? "no optimizer" : "loss " + saved.loss().name() + ", optimizer " + from.name()) + " in "
                    + saved.dataType() + ", this model with loss " + model.loss().name() + ", optimizer " + to.name()
                    + " in " + model.dataType() + "; delete the directory to start afresh");
        }
        model.setWeights(saved.getWeights());
        if (from.schedule() == null) {
            to.setLearningRate(from.learningRate()); // as a callback such as ReduceLROnPlateau left it
        }
        to.restoreState(from.iterations(), from.state());
        model.random().restore(saved.random().state());
    }

    /** {@code value} as a permutation of 0 .. rows-1. */
    private static int[] permutation(Object value, int rows) {
        if (!(value instanceof List<?> list) || list.size() != rows) {
            throw new IllegalArgumentException("\"rowOrder\" is not a list of " + rows + " row numbers");
        }
        int[] order = new int[rows];
        boolean[] seen = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            if (!(list.get(i) instanceof Integer row) || row < 0 || row >= rows || seen[row]) {
                throw new IllegalArgumentException("\"rowOrder\" is not a permutation of the " + rows + " rows");
            }
            seen[row] = true;
            order[i] = row;
        }
        return order;
    }

    private static List<Path> files(Path directory, String glob) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
            java.util.ArrayList<Path> list = new java.util.ArrayList<>();
            files.forEach(list::add);
            return list;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
