package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.Callback;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.TrainingContext;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model, several threads: concurrent predict is exactly the single-threaded result; predict
 * during fit sees whole optimizer steps only and leaves fit's result bit-identical; a second
 * training call, a structural change from a callback, and an interrupt are handled.
 */
class SequentialThreadsTest {

    private static final int THREADS = 8;
    private static final Random DATA = new Random(7);
    private static final INDArray X = TestArrays.uniform(DATA, 64, 6, -1, 1);
    private static final INDArray Y = TestArrays.oneHot(DATA, 64, 3);

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        Thread.interrupted(); // no test leaves the JUnit thread interrupted
    }

    /** A 6-16-8-3 classifier; small enough that every call stays on the Java kernels or ND4J alike. */
    private static Sequential model(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Dense(16, 6, "tanh")).add(new Dense(8, "relu")).add(new Dense(3, "softmax"));
        model.compile("categorical_crossentropy", new SGD(0.1, 0.9, false), "accuracy");
        return model;
    }

    private static FitOptions quiet(int epochs, Callback... callbacks) {
        return new FitOptions().epochs(epochs).batchSize(16).verbose(0).callbacks(callbacks);
    }

    /** The exact bits of an array, for equality without tolerance. */
    private static String bits(INDArray array) {
        return Arrays.toString(array.shape()) + Arrays.toString(array.dup('c').data().asDouble());
    }

    @Test
    void eightThreadsPredictExactlyWhatOneThreadPredicts() throws Exception {
        Sequential model = model(1);
        model.fit(X, Y, quiet(5));
        // each thread its own input, with its own number of rows (1 to 64), so a mix-up shows
        List<INDArray> inputs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            INDArray input = TestArrays.uniform(new Random(100 + t), 1 + 9 * t, 6, -2, 2);
            inputs.add(input);
            expected.add(bits(model.predict(input)));
        }
        int calls = 300;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> wrong = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            wrong.add(pool.submit(() -> {
                start.await();
                int mismatches = 0;
                for (int call = 0; call < calls; call++) {
                    if (!bits(model.predict(inputs.get(thread))).equals(expected.get(thread))) {
                        mismatches++;
                    }
                }
                return mismatches;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> result : wrong) {
            total += result.get(60, TimeUnit.SECONDS);
        }
        assertEquals(0, total, "wrong results among " + THREADS * calls + " concurrent predict calls");
    }

    @Test
    void evaluateAndLayerOutputsAreThreadSafeToo() throws Exception {
        Sequential model = model(2);
        model.fit(X, Y, quiet(3));
        Map<String, Double> scores = model.evaluate(X, Y);
        String outputs = model.layerOutputs(X).stream().map(SequentialThreadsTest::bits).toList().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                boolean same = true;
                for (int call = 0; call < 40; call++) {
                    same &= thread % 2 == 0 ? model.evaluate(X, Y).equals(scores)
                            : model.layerOutputs(X).stream().map(SequentialThreadsTest::bits).toList().toString().equals(outputs);
                }
                return same;
            }));
        }
        start.countDown();
        for (Future<Boolean> result : results) {
            assertTrue(result.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void predictDuringFitSeesWholeStepsAndLeavesFitBitIdentical() throws Exception {
        INDArray probe = X.getRows(0, 1, 2, 3, 4);
        // every state the weights pass through, as predict on the fit thread sees it after each step
        Set<String> states = ConcurrentHashMap.newKeySet();
        Callback recordStates = new Callback() {
            private Sequential model;

            @Override
            public void onTrainBegin(TrainingContext training) {
                model = training.model();
                states.add(bits(model.predict(probe)));
            }

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                states.add(bits(model.predict(probe)));
            }
        };
        int epochs = 80;
        Sequential alone = model(3);
        History aloneHistory = alone.fit(X, Y, quiet(epochs, recordStates));
        int stateCount = states.size();

        Sequential shared = model(3);
        AtomicBoolean training = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        List<Future<List<String>>> predictors = new ArrayList<>();
        CountDownLatch predicting = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            predictors.add(pool.submit(() -> {
                List<String> outputs = new ArrayList<>();
                while (training.get()) {
                    outputs.add(bits(shared.predict(probe)));
                    shared.evaluate(X, Y);
                    predicting.countDown();
                }
                return outputs;
            }));
        }
        assertTrue(predicting.await(30, TimeUnit.SECONDS));
        History sharedHistory;
        try {
            sharedHistory = shared.fit(X, Y, quiet(epochs, recordStates));
        } finally {
            training.set(false);
        }
        for (Future<List<String>> predictor : predictors) {
            seen.addAll(predictor.get(60, TimeUnit.SECONDS));
        }

        assertEquals(stateCount, states.size(), "the shared model went through other states than the model alone");
        for (int i = 0; i < alone.getWeights().size(); i++) {
            assertEquals(bits(alone.getWeights().get(i)), bits(shared.getWeights().get(i)), "weight " + i);
        }
        assertEquals(aloneHistory.history(), sharedHistory.history());
        assertTrue(seen.size() > 4 * 10, "the predictors ran only " + seen.size() + " times");
        long torn = seen.stream().filter(output -> !states.contains(output)).count();
        assertEquals(0, torn, torn + " of " + seen.size() + " predictions during fit match no state before or after a step");
    }

    @Test
    void aSecondTrainingCallIsRefusedWhileFitRuns() throws Exception {
        Sequential model = model(4);
        CountDownLatch inFit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Callback pause = new Callback() {
            @Override
            public void onBatchBegin(int batch) {
                inFit.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Future<History> first = pool.submit(() -> model.fit(X, Y, quiet(1, pause)));
        assertTrue(inFit.await(30, TimeUnit.SECONDS));
        try {
            IllegalStateException fit = assertThrows(IllegalStateException.class, () -> model.fit(X, Y, quiet(1)));
            assertTrue(fit.getMessage().contains("already training"), fit.getMessage());
            IllegalStateException batch = assertThrows(IllegalStateException.class, () -> model.trainOnBatch(X, Y));
            assertTrue(batch.getMessage().contains("already training"), batch.getMessage());
            assertThrows(IllegalStateException.class, () -> model.gradients(X, Y));
            assertThrows(IllegalStateException.class, () -> model.compile("mse", new SGD(0.1)));
        } finally {
            release.countDown();
        }
        assertEquals(History.StopReason.COMPLETED, first.get(60, TimeUnit.SECONDS).stopReason());
        assertEquals(4, model.optimizer().iterations(), "only the first fit trained: 64 rows / 16 = 4 steps");
        model.trainOnBatch(X, Y); // free again afterwards
        assertEquals(5, model.optimizer().iterations());
    }

    @Test
    void aCallbackCannotChangeTheModelOrTrainItAgainDuringFit() {
        for (String misuse : List.of("add", "compile", "trainOnBatch", "fit", "setBackprop")) {
            Sequential model = model(5);
            List<INDArray> before = model.getWeights();
            AtomicReference<RuntimeException> caught = new AtomicReference<>();
            Callback meddle = new Callback() {
                private Sequential model;

                @Override
                public void onTrainBegin(TrainingContext training) {
                    model = training.model();
                }

                @Override
                public void onBatchBegin(int batch) {
                    try {
                        switch (misuse) {
                            case "add" -> model.add(new Dense(2));
                            case "compile" -> model.compile("mse", new SGD(0.1));
                            case "trainOnBatch" -> model.trainOnBatch(X, Y);
                            case "fit" -> model.fit(X, Y, quiet(1));
                            default -> model.setBackprop(Backprop.EXPLICIT_JACOBIAN);
                        }
                    } catch (RuntimeException e) {
                        caught.compareAndSet(null, e);
                    }
                }
            };
            History history = model.fit(X, Y, quiet(1, meddle));
            assertTrue(caught.get() instanceof IllegalStateException, misuse + ": " + caught.get());
            assertTrue(caught.get().getMessage().contains("training"), caught.get().getMessage());
            assertEquals(3, model.getLayers().size(), misuse);
            assertEquals(Backprop.FUSED, model.backprop(), misuse);
            assertEquals(4, model.optimizer().iterations(), misuse + ": the callback's call must not train");
            assertEquals(1, history.epochs());
            assertFalse(Arrays.equals(before.get(0).data().asDouble(), model.getWeights().get(0).data().asDouble()));
        }
    }

    @Test
    void fitStopsBetweenBatchesOnInterruptAndKeepsTheFlag() {
        Sequential model = model(6);
        AtomicInteger batches = new AtomicInteger();
        Callback interruptInEpochTwo = new Callback() {
            private int epoch;

            @Override
            public void onEpochBegin(int epoch) {
                this.epoch = epoch;
            }

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                batches.incrementAndGet();
                if (epoch == 2 && batch == 1) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        History history = model.fit(X, Y, quiet(10, interruptInEpochTwo));
        assertTrue(Thread.interrupted(), "fit must leave the interrupt flag set");
        assertEquals(History.StopReason.INTERRUPTED, history.stopReason());
        assertEquals(2, history.stoppedEpoch());
        assertEquals(1, history.epochs(), "only the completed epoch is recorded");
        assertTrue(history.stopMessage().contains("interrupted in epoch 2 after 2 of 4 batches"), history.stopMessage());
        assertEquals(6, batches.get());
        assertEquals(6, model.optimizer().iterations(), "4 steps in epoch 1, 2 in epoch 2, none after the interrupt");
        assertEquals(History.StopReason.COMPLETED, model.fit(X, Y, quiet(1)).stopReason(), "the model trains on");
    }

    @Test
    void anInterruptedThreadTrainsNothing() {
        Sequential model = model(7);
        List<INDArray> before = model.getWeights();
        Thread.currentThread().interrupt();
        History history = model.fit(X, Y, quiet(3));
        assertTrue(Thread.interrupted());
        assertEquals(History.StopReason.INTERRUPTED, history.stopReason());
        assertEquals(0, model.optimizer().iterations());
        assertArrayEquals(before.get(0).data().asDouble(), model.getWeights().get(0).data().asDouble());
    }
}
