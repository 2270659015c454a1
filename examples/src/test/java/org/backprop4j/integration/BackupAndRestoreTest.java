package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.backprop4j.core.Callback;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TrainingContext;
import org.backprop4j.core.callbacks.BackupAndRestore;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BackupAndRestore: a fit stopped mid-run (an exception in-process; SIGKILL in a child JVM) and started
 * again resumes at the next epoch, bit-identical in DOUBLE to a fit never interrupted: weights,
 * optimizer state, and the logs of the epochs after the resume. Dropout makes the random stream
 * matter, shuffling the row order.
 */
class BackupAndRestoreTest {

    private static final int SAMPLES = 40;
    private static final int BATCH = 16; // 3 batches, the last one short

    @TempDir
    Path dir;

    static INDArray[] data() {
        return Fixtures.classification(SAMPLES, 12);
    }

    static Sequential fresh() {
        Sequential model = new Sequential(23, DataType.DOUBLE);
        model.add(new Dense(24, Fixtures.INPUTS, "relu")).add(new Dropout(0.3)).add(new Dense(16, "tanh"))
                .add(new Dense(Fixtures.CLASSES, "softmax"));
        return model.compile("categorical_crossentropy", new Adam(0.01), "accuracy");
    }

    static FitOptions options(int epochs, Callback... callbacks) {
        return new FitOptions().epochs(epochs).batchSize(BATCH).verbose(0).validationSplit(0.2).callbacks(callbacks);
    }

    static long[] bits(Sequential model) {
        List<Long> bits = new ArrayList<>();
        List<INDArray> arrays = new ArrayList<>(model.getWeights());
        arrays.addAll(model.optimizer().state().values());
        for (INDArray array : arrays) {
            for (double value : array.data().asDouble()) {
                bits.add(Double.doubleToRawLongBits(value));
            }
        }
        bits.add(model.optimizer().iterations());
        return bits.stream().mapToLong(Long::longValue).toArray();
    }

    /** Throws at the end of epoch {@code epoch}: a crash after that epoch's backup was written. */
    private static Callback crashAfter(int epoch) {
        return new Callback() {
            @Override
            public void onEpochEnd(int finished, Map<String, Double> logs) {
                if (finished == epoch) {
                    throw new IllegalStateException("crash after epoch " + epoch);
                }
            }
        };
    }

    @Test
    void aFitStartedAgainResumesAtTheNextEpochBitIdentically() throws IOException {
        INDArray[] data = data();
        Sequential reference = fresh();
        History whole = reference.fit(data[0], data[1], options(7));

        Path backup = dir.resolve("backup");
        BackupAndRestore first = new BackupAndRestore(backup);
        IllegalStateException crash = assertThrows(IllegalStateException.class,
                () -> fresh().fit(data[0], data[1], options(7, first, crashAfter(3))));
        assertEquals("crash after epoch 3", crash.getMessage());
        assertTrue(Files.exists(backup.resolve("progress.json")) && Files.exists(backup.resolve("epoch-3.bp4j")),
                "a failed fit keeps its backup");

        Sequential again = fresh(); // a new process would build the model anew, with its seed
        BackupAndRestore second = new BackupAndRestore(backup);
        History resumed = again.fit(data[0], data[1], options(7, second));
        assertEquals(3, second.restoredEpoch());
        assertEquals(4, resumed.epochs(), "epochs 4 to 7");
        assertArrayEquals(bits(reference), bits(again), "weights, optimizer state and step count");
        for (String key : whole.history().keySet()) {
            assertEquals(whole.get(key).subList(3, 7), resumed.get(key), key);
        }
        assertFalse(Files.exists(backup), "deleted once fit completed");
    }

    @Test
    void withoutTheRestoredRowOrderAndRandomStreamTheRunWouldDiffer() {
        // the test above can fail: resuming from the saved weights and optimizer state alone, with a fresh
        // shuffle order and random stream, gives other weights
        INDArray[] data = data();
        Sequential reference = fresh();
        reference.fit(data[0], data[1], options(5));
        Sequential partial = fresh();
        partial.fit(data[0], data[1], options(3));
        Sequential naive = fresh();
        naive.setWeights(partial.getWeights());
        naive.optimizer().restoreState(partial.optimizer().iterations(), partial.optimizer().state());
        naive.fit(data[0], data[1], options(2));
        assertFalse(java.util.Arrays.equals(bits(reference), bits(naive)));
    }

    @Test
    void aBackupFromAnotherModelOrOtherDataIsRefusedBeforeAnyWeightChanges() {
        INDArray[] data = data();
        Path backup = dir.resolve("backup");
        assertThrows(IllegalStateException.class,
                () -> fresh().fit(data[0], data[1], options(5, new BackupAndRestore(backup), crashAfter(2))));

        Sequential other = new Sequential(23, DataType.DOUBLE);
        other.add(new Dense(8, Fixtures.INPUTS, "relu")).add(new Dense(Fixtures.CLASSES, "softmax"));
        other.compile("categorical_crossentropy", new Adam(0.01));
        double[] before = ModelFixtures.flatWeights(other);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> other.fit(data[0], data[1], options(5, new BackupAndRestore(backup))));
        assertTrue(error.getMessage().startsWith("The backup in " + backup + " was made by another model: its architecture"),
                error.getMessage());
        assertArrayEquals(before, ModelFixtures.flatWeights(other), 0.0);

        Sequential sgd = fresh().compile("categorical_crossentropy", new SGD(0.1));
        error = assertThrows(IllegalStateException.class,
                () -> sgd.fit(data[0], data[1], options(5, new BackupAndRestore(backup))));
        assertTrue(error.getMessage().contains("optimizer adam") && error.getMessage().contains("optimizer sgd"),
                error.getMessage());

        INDArray[] more = Fixtures.classification(SAMPLES + 10, 12);
        error = assertThrows(IllegalStateException.class,
                () -> fresh().fit(more[0], more[1], options(5, new BackupAndRestore(backup))));
        assertEquals("The backup in " + backup + " was made training on 32 rows; this fit trains on 40 (other data, or"
                + " another validation split); delete the directory to start afresh", error.getMessage());
        assertTrue(Files.exists(backup.resolve("progress.json")), "a refused backup stays for the right model");
    }

    @Test
    void aDamagedBackupIsReportedNotUsed() throws IOException {
        INDArray[] data = data();
        Path backup = dir.resolve("backup");
        assertThrows(IllegalStateException.class,
                () -> fresh().fit(data[0], data[1], options(5, new BackupAndRestore(backup), crashAfter(2))));
        byte[] model = Files.readAllBytes(backup.resolve("epoch-2.bp4j"));
        model[model.length / 2] ^= 1;
        Files.write(backup.resolve("epoch-2.bp4j"), model);
        java.io.UncheckedIOException error = assertThrows(java.io.UncheckedIOException.class,
                () -> fresh().fit(data[0], data[1], options(5, new BackupAndRestore(backup))));
        assertTrue(error.getMessage().contains("is damaged: epoch-2.bp4j is missing or not the file progress.json"
                + " describes"), error.getMessage());
    }

    // ---- killed in a child JVM ----------------------------------------------------------------------

    static final int CHILD_EPOCHS = 400;

    /**
     * The child: {@code args[0]} the backup directory, {@code args[1]} where to save the finished model.
     * Prints "ready N" (the optimizer's step count after a restore), "saved E" after each epoch's backup,
     * and "done" when it finished.
     */
    public static void main(String[] args) throws IOException {
        Sequential model = fresh();
        INDArray[] data = data();
        Callback announce = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext training) {
                System.out.println("ready " + training.model().optimizer().iterations());
                System.out.flush();
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                System.out.println("saved " + epoch);
                System.out.flush();
            }
        };
        model.fit(data[0], data[1], options(CHILD_EPOCHS, new BackupAndRestore(Path.of(args[0])), announce));
        model.save(Path.of(args[1]));
        System.out.println("done");
        System.out.flush();
    }

    private static BlockingQueue<String> lines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // killed
            }
            lines.add("<end>");
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String await(BlockingQueue<String> lines, String prefix, List<String> seen) throws InterruptedException {
        while (true) {
            String line = lines.poll(120, TimeUnit.SECONDS);
            if (line == null || line.equals("<end>")) {
                throw new AssertionError("the child ended or went silent waiting for '" + prefix + "': " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private static Process child(Path backup, Path result) throws IOException {
        return ChildJvm.start(System.getProperty("java.class.path"), List.of("-Dorg.nd4j.log.initialization=false",
                "--add-modules", "jdk.incubator.vector", "-Dbackprop4j.blas.threads=1",
                "-Dbackprop4j.openblas.coretype=" + System.getProperty("backprop4j.openblas.coretype", "avx2")),
                BackupAndRestoreTest.class, backup.toString(), result.toString());
    }

    @Test
    void aFitKilledMidRunAndStartedAgainEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        Path backup = dir.resolve("backup");
        Path result = dir.resolve("result.bp4j");
        Random random = new Random(21);
        List<Long> resumedAt = new ArrayList<>();
        for (int kill = 1; kill <= 3; kill++) {
            Process child = child(backup, result);
            List<String> seen = new ArrayList<>();
            try {
                BlockingQueue<String> lines = lines(child);
                resumedAt.add(Long.parseLong(await(lines, "ready ", seen).substring(6)));
                for (int saves = 2 + random.nextInt(20); saves > 0; saves--) {
                    await(lines, "saved ", seen);
                }
                Thread.sleep(random.nextInt(5)); // within the next epoch, or its backup
            } finally {
                child.destroyForcibly(); // SIGKILL
                child.waitFor(60, TimeUnit.SECONDS);
            }
        }
        Process last = child(backup, result);
        List<String> seen = new ArrayList<>();
        BlockingQueue<String> lines = lines(last);
        resumedAt.add(Long.parseLong(await(lines, "ready ", seen).substring(6)));
        await(lines, "done", seen);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue());

        for (int i = 1; i < resumedAt.size(); i++) {
            assertTrue(resumedAt.get(i) > resumedAt.get(i - 1), "each start resumed further: " + resumedAt);
        }
        INDArray[] data = data();
        Sequential reference = fresh();
        reference.fit(data[0], data[1], options(CHILD_EPOCHS));
        assertArrayEquals(bits(reference), bits(Sequential.load(result)),
                "killed 3 times, resumed at steps " + resumedAt + ": the same weights and optimizer state");
        assertFalse(Files.exists(backup), "the backup is deleted once the fit completed");
        System.out.println("BackupAndRestoreTest: killed 3 times, resumed at optimizer steps " + resumedAt);
    }
}
