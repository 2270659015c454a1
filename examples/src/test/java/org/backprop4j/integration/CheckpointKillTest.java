package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.stream.Stream;

import org.backprop4j.core.Callback;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.ModelCheckpoint;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Crash consistency of {@code ModelCheckpoint}, proven by killing: a child JVM trains a DOUBLE
 * model with Adam, checkpointing after every epoch, and is killed with SIGKILL at random moments
 * (half of them a few milliseconds after it announced a save), at least {@link #KILLS} times. After
 * each kill the checkpoint must load, must be a state the run really reached (its weights equal,
 * bit for bit, those the killed child's own computation gives: its starting checkpoint trained
 * on in-process for as many epochs as the new checkpoint is ahead), must not go back in time; and
 * the next child resumes training from it. (Why not compare with one uninterrupted run: a resumed
 * fit starts its shuffling from the identity order, while a running one shuffles the previous
 * epoch's order, so their batches differ after a resume.) (A killed save may leave its
 * temporary {@code .b4j-*.tmp} file beside the checkpoint; the checkpoint itself is never partial.)
 */
class CheckpointKillTest {

    static final int KILLS = 20;
    private static final int SAMPLES = 48;
    private static final int BATCH = 16;

    @TempDir
    Path dir;

    static INDArray[] data() {
        return Fixtures.classification(SAMPLES, 31);
    }

    /** 4-96-96-3: about 10,000 weights, with Adam's two slots a checkpoint of about 250 KB. */
    static Sequential fresh() {
        Sequential model = new Sequential(17, DataType.DOUBLE);
        model.add(new Dense(96, Fixtures.INPUTS, "relu")).add(new Dense(96, "tanh")).add(new Dense(Fixtures.CLASSES, "softmax"));
        model.compile("categorical_crossentropy", new Adam(0.001));
        return model;
    }

    static FitOptions options(int epochs, Callback... callbacks) {
        return new FitOptions().epochs(epochs).batchSize(BATCH).verbose(0).callbacks(callbacks);
    }

    /**
     * The child: resumes from {@code args[0]} if it exists (else starts fresh) and trains on,
     * checkpointing there after every epoch; prints "ready", and "saving N" before each save.
     */
    public static void main(String[] args) throws IOException {
        Path checkpoint = Path.of(args[0]);
        Sequential model = Files.exists(checkpoint) ? Sequential.load(checkpoint) : fresh();
        INDArray[] data = data();
        Callback announce = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                System.out.println("saving " + epoch);
                System.out.flush();
            }
        };
        System.out.println("ready " + model.optimizer().iterations());
        System.out.flush();
        model.fit(data[0], data[1], options(1_000_000, announce, new ModelCheckpoint(checkpoint)));
    }

    private static long[] bits(Sequential model) {
        List<Long> bits = new ArrayList<>();
        for (INDArray weight : model.getWeights()) {
            for (double value : weight.data().asDouble()) {
                bits.add(Double.doubleToRawLongBits(value));
            }
        }
        return bits.stream().mapToLong(Long::longValue).toArray();
    }

    /** A child's output lines, read on a thread of their own. */
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

    /** Waits for a line starting with {@code prefix}; fails on the child's end or after a minute. */
    private static String await(BlockingQueue<String> lines, String prefix, List<String> seen) throws InterruptedException {
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null || line.equals("<end>")) {
                throw new AssertionError("the child ended or went silent waiting for '" + prefix + "': " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Checks each kill's checkpoint against the computation the killed child really did. */
    private static final class Checker {
        private final INDArray[] data = data();
        private final long stepsPerEpoch = (SAMPLES + BATCH - 1) / BATCH;
        private long previousEpoch = -1;
        private final List<String> report = new ArrayList<>();

        /**
         * Checks {@code copy}, the checkpoint as kill {@code kill} left it, against the run of the child
         * that started from {@code start} (null: a fresh model): the checkpoint must equal, bit for
         * bit, that start trained on in one {@code fit} for as many epochs as the checkpoint is ahead
         * of it. Returns the checkpoint's step count (0 if there is none yet).
         */
        long check(int kill, Path copy, Path start) throws IOException {
            if (!Files.exists(copy)) {
                assertTrue(previousEpoch < 0, "kill " + kill + ": the checkpoint vanished");
                report.add("kill " + kill + ": no checkpoint yet");
                return 0;
            }
            Sequential loaded = Sequential.load(copy); // loads: never half-written
            long iterations = loaded.optimizer().iterations();
            assertEquals(0, iterations % stepsPerEpoch, "kill " + kill + ": a checkpoint between epochs");
            long epoch = iterations / stepsPerEpoch;
            assertTrue(epoch >= previousEpoch, "kill " + kill + ": the checkpoint went back from epoch " + previousEpoch
                    + " to " + epoch);
            Sequential replay = start == null || !Files.exists(start) ? fresh() : Sequential.load(start);
            long epochs = epoch - replay.optimizer().iterations() / stepsPerEpoch;
            assertTrue(epochs >= 0, "kill " + kill + ": the checkpoint is older than the child's start");
            if (epochs > 0) {
                replay.fit(data[0], data[1], options((int) epochs));
            }
            assertArrayEquals(bits(replay), bits(loaded), "kill " + kill + ": the checkpoint of epoch " + epoch
                    + " holds weights the run never had");
            previousEpoch = epoch;
            report.add("kill " + kill + ": epoch " + epoch + " (+" + epochs + ")");
            return iterations;
        }
    }

    @Test
    void everyKillLeavesTheNewestCheckpointLoadableReachedAndResumable() throws Exception {
        Path checkpoint = dir.resolve("checkpoint.b4j");
        Checker checker = new Checker();
        Random random = new Random(26);
        int duringSave = 0;
        long resumeAt = 0;
        Path start = null;   // the checkpoint the running child started from (a copy), null for a fresh model
        Path pending = null; // the checkpoint the last kill left (a copy), checked while the next child starts
        Path pendingStart = null;
        long began = System.nanoTime();
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = ChildJvm.start(System.getProperty("java.class.path"), List.of("-Dorg.nd4j.log.initialization=false",
                    "--add-modules", "jdk.incubator.vector", "-Dbackprop4j.blas.threads=1",
                    "-Dbackprop4j.openblas.coretype=" + System.getProperty("backprop4j.openblas.coretype", "avx2")),
                    CheckpointKillTest.class, checkpoint.toString());
            List<String> seen = new ArrayList<>();
            try {
                BlockingQueue<String> lines = lines(child);
                if (pending != null) {
                    resumeAt = checker.check(kill - 1, pending, pendingStart);
                }
                String ready = await(lines, "ready ", seen);
                assertEquals("ready " + resumeAt, ready, "the child resumed from the checkpoint");
                if (kill % 2 == 0) { // into a save: a few milliseconds after it began
                    await(lines, "saving ", seen);
                    await(lines, "saving ", seen); // the second save of this run, so that some training preceded it
                    Thread.sleep(random.nextInt(15));
                    duringSave++;
                } else {
                    Thread.sleep(random.nextInt(1000));
                }
            } finally {
                child.destroyForcibly(); // SIGKILL
                child.waitFor(60, TimeUnit.SECONDS);
            }
            pendingStart = start;
            pending = dir.resolve("after-kill-" + kill + ".b4j");
            if (Files.exists(checkpoint)) {
                Files.copy(checkpoint, pending);
            }
            start = pending; // the next child starts from what this kill left
        }
        checker.check(KILLS, pending, pendingStart);
        double seconds = (System.nanoTime() - began) / 1e9;
        assertTrue(checker.previousEpoch > 0, "training progressed across the kills: " + checker.report);
        assertEquals(KILLS / 2, duringSave);
        try (Stream<Path> files = Files.list(dir)) {
            long temporary = files.filter(file -> file.getFileName().toString().endsWith(".tmp")).count();
            System.out.printf("CheckpointKillTest: %d kills (%d during saves) in %.0f s, %d temporary files left; %s%n",
                    KILLS, duringSave, seconds, temporary, checker.report);
        }
    }
}
