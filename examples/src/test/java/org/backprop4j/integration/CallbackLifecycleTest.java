package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.classification;
import static org.backprop4j.integration.Fixtures.classifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TrainingContext;
import org.backprop4j.core.callbacks.CSVLogger;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Callbacks that cannot hang or leak (issue 26): onTrainEnd runs however fit ends, CSVLogger
 * refuses what is not a regular file, and fit stops (not "completes") when a learning-rate
 * schedule yields a rate that is not finite; and classWeight must name the model's classes.
 */
class CallbackLifecycleTest {

    private static final INDArray[] DATA = classification(40, 4);

    @TempDir
    Path dir;

    private static FitOptions options(int epochs, Callback... callbacks) {
        return new FitOptions().epochs(epochs).batchSize(10).verbose(0).callbacks(callbacks);
    }

    /** Records the calls it gets; throws from onEpochEnd of {@code failAt}. */
    static final class Recorder implements Callback {
        final List<String> calls = new ArrayList<>();
        private final int failAt;

        Recorder(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void onTrainBegin(TrainingContext training) {
            calls.add("begin");
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            calls.add("epoch " + epoch);
            if (epoch == failAt) {
                throw new IllegalStateException("callback failure at epoch " + epoch);
            }
        }

        @Override
        public void onTrainEnd(History history) {
            calls.add("end");
        }
    }

    @Test
    void onTrainEndRunsWhenACallbackThrows() {
        Recorder first = new Recorder(0);
        Recorder failing = new Recorder(2);
        Recorder last = new Recorder(0);
        Sequential model = classifier(3, DataType.DOUBLE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.fit(DATA[0], DATA[1], options(4, first, failing, last)));
        assertEquals("callback failure at epoch 2", e.getMessage());
        assertEquals(List.of("begin", "epoch 1", "epoch 2", "end"), first.calls);
        assertEquals(List.of("begin", "epoch 1", "epoch 2", "end"), failing.calls);
        assertEquals(List.of("begin", "epoch 1", "end"), last.calls);
        model.fit(DATA[0], DATA[1], options(1)); // and the model is free to train again
    }

    private static long openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void fiftyFailedFitsLeakNoFileDescriptor() throws IOException {
        Path csv = dir.resolve("log.csv");
        Sequential model = classifier(4, DataType.DOUBLE);
        model.fit(DATA[0], DATA[1], options(1, new CSVLogger(csv))); // class loading, lazily opened files
        long before = openFileDescriptors();
        for (int i = 0; i < 50; i++) {
            assertThrows(IllegalStateException.class,
                    () -> model.fit(DATA[0], DATA[1], options(3, new CSVLogger(csv), new Recorder(1))));
        }
        long after = openFileDescriptors();
        assertTrue(after - before < 5, "open file descriptors went from " + before + " to " + after);
        assertEquals(2, Files.readAllLines(csv).size(), "the header and epoch 1's line, closed and complete");
    }

    @Test
    void csvLoggerRefusesAFifoInsteadOfWaitingForAReader() throws Exception {
        Path fifo = dir.resolve("log.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Sequential model = classifier(5, DataType.DOUBLE);
        try {
            UncheckedIOException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThrows(UncheckedIOException.class, () -> model.fit(DATA[0], DATA[1], options(1, new CSVLogger(fifo)))));
            assertTrue(e.getMessage().contains(fifo.toString()) && e.getMessage().contains("not a regular file"),
                    e.getMessage());
        } finally {
            // a writer stuck opening the FIFO (the old behaviour) is released by a reader
            Thread release = new Thread(() -> {
                try (FileInputStream reader = new FileInputStream(new File(fifo.toString()))) {
                    reader.readAllBytes();
                } catch (IOException ignored) {
                    // gone already
                }
            });
            release.setDaemon(true);
            release.start();
        }
    }

    @Test
    void aScheduleYieldingAnInfiniteRateStopsFitAsNonFinite() {
        Sequential model = new Sequential(6);
        model.add(new Dense(4, 4, "tanh")).add(new Dense(3, "softmax"));
        // a schedule that overflows at step 3 (as ExponentialDecay(0.01, 1, 1e300, false) does at step 2)
        LearningRateSchedule overflowing = step -> step < 3 ? 0.01 : 0.01 * Math.pow(1e300, step);
        model.compile("categorical_crossentropy", new SGD(overflowing, 0, false));
        History history = model.fit(DATA[0], DATA[1], options(3));
        assertEquals(History.StopReason.NON_FINITE, history.stopReason(), history.stopMessage());
        assertTrue(history.stopMessage().contains("Infinity") && history.stopMessage().contains("learning rate"),
                history.stopMessage());
        for (INDArray weight : model.getWeights()) {
            assertTrue(!weight.isNaN().any() && !weight.isInfinite().any(), "finite weights kept");
        }
        assertEquals(3, model.optimizer().iterations(), "no step taken with the infinite rate");
    }

    @Test
    void aClassWeightOutsideTheModelsClassesIsRefused() {
        Sequential model = classifier(7, DataType.DOUBLE); // 3 classes
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(DATA[0], DATA[1], options(1).classWeight(Map.of(0, 1.0, 7, 4.0))));
        assertTrue(e.getMessage().contains("class 7") && e.getMessage().contains("3 classes"), e.getMessage());
        Sequential binary = new Sequential(8);
        binary.add(new Dense(2, 4, "tanh")).add(new Dense(1, "sigmoid"));
        binary.compile("binary_crossentropy", "sgd");
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 40, 1);
        binary.fit(DATA[0], y, options(1).classWeight(Map.of(0, 1.0, 1, 2.0))); // one sigmoid column: classes 0 and 1
        assertThrows(IllegalArgumentException.class, () -> binary.fit(DATA[0], y, options(1).classWeight(Map.of(2, 1.0))));
    }
}
