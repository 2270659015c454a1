package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.classification;
import static org.backprop4j.integration.Fixtures.classifier;
import static org.backprop4j.integration.Fixtures.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.LambdaCallback;
import org.backprop4j.core.callbacks.TerminateOnNaN;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** TerminateOnNaN and LambdaCallback (api.md, ring 2) inside real fits. */
class RingTwoCallbacksTest {

    /** 20 samples, targets of 1e200: the very first batch's squared error overflows to +infinity. */
    private static final INDArray X = Nd4j.rand(DataType.DOUBLE, 20, 2);
    private static final INDArray HUGE = Nd4j.valueArrayOf(new long[] {20, 1}, 1e200, DataType.DOUBLE);

    private static Sequential regression() {
        return new Sequential(5).add(new Dense(1, 2)).compile("mse", new SGD(0.01));
    }

    private static FitOptions options() {
        return new FitOptions().epochs(5).batchSize(5).shuffle(false).stopOnNaN(false);
    }

    @Test
    void terminateOnNaNStopsAtTheFirstNonFiniteLossWithoutRollback() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminateOnNaN terminate = new TerminateOnNaN();
        Sequential model = regression();
        List<INDArray> initial = model.getWeights();
        History history = model.fit(X, HUGE, options().verbose(2)
                .progressOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8)).callbacks(terminate));

        assertTrue(terminate.stopped());
        assertEquals(1, history.epochs(), "stopped in the first of 5 epochs");
        assertEquals(History.StopReason.CALLBACK, history.stopReason());
        assertTrue(history.stopMessage().startsWith("TerminateOnNaN: the loss was Infinity after batch 0"),
                history.stopMessage());
        assertFalse(Double.isFinite(history.get("loss").get(0)));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("Batch 0: Invalid loss, terminating training", lines.get(lines.size() - 1), lines.toString());

        // no rollback, and no batch after the bad one (as Keras): the weights are those the first batch of
        // 5 rows leaves, and the epoch's loss is that batch's
        Sequential twin = regression();
        twin.fit(X.getRows(0, 1, 2, 3, 4), HUGE.getRows(0, 1, 2, 3, 4), options().epochs(1).verbose(0));
        assertTrue(sameBits(twin.getWeights(), model.getWeights()));
        Sequential epoch = regression();
        epoch.fit(X, HUGE, options().epochs(1).verbose(0));
        assertFalse(sameBits(epoch.getWeights(), model.getWeights()), "a whole epoch would have gone further");
        assertFalse(sameBits(initial, model.getWeights()), "the weights the bad batches left");
        assertTrue(Math.abs(model.getWeights().get(0).getDouble(0, 0)) > 1e100, model.getWeights().toString());

        // fit's own guard (stopOnNaN, on by default) is the one that rolls back, at the epoch's end
        Sequential guarded = regression();
        History guardedHistory = guarded.fit(X, HUGE, options().stopOnNaN(true).verbose(0).callbacks(new TerminateOnNaN()));
        assertEquals(1, guardedHistory.epochs());
        assertTrue(sameBits(initial, guarded.getWeights()), "restored by the guard");
    }

    @Test
    void terminateOnNaNWithRaiseErrorThrowsFromTheBadBatch() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> regression().fit(X, HUGE, options().verbose(0).callbacks(new TerminateOnNaN(true))));
        assertTrue(e.getMessage().startsWith("NaN or Inf loss encountered at batch 0. Loss value: Infinity."), e.getMessage());
    }

    @Test
    void terminateOnNaNLeavesAFiniteTrainingAlone() {
        INDArray[] data = classification(40, 4);
        TerminateOnNaN terminate = new TerminateOnNaN();
        History history = classifier(7, DataType.DOUBLE).fit(data[0], data[1],
                new FitOptions().epochs(3).batchSize(10).verbose(0).callbacks(terminate));
        assertEquals(3, history.epochs());
        assertFalse(terminate.stopped());
        assertEquals(History.StopReason.COMPLETED, history.stopReason());
    }

    @Test
    void lambdaCallbackRunsEachHookInTheCallbackContractsOrder() {
        INDArray[] data = classification(40, 4);
        List<String> events = new ArrayList<>();
        List<Double> epochLosses = new ArrayList<>();
        LambdaCallback callback = LambdaCallback.onEpochEnd((epoch, logs) -> {
            events.add("epochEnd " + epoch);
            epochLosses.add(logs.get("loss"));
        }).andOnEpochBegin(epoch -> events.add("epochBegin " + epoch))
                .andOnBatchBegin(batch -> events.add("batchBegin " + batch))
                .andOnBatchEnd((batch, logs) -> events.add("batchEnd " + batch + (logs.containsKey("loss") ? " loss" : "")))
                .andOnTrainBegin(training -> events.add("trainBegin " + training.epochs()))
                .andOnTrainEnd(history -> events.add("trainEnd " + history.epochs()));
        History history = classifier(7, DataType.DOUBLE).fit(data[0], data[1],
                new FitOptions().epochs(2).batchSize(20).verbose(0).callbacks(callback));

        assertEquals(List.of("trainBegin 2",
                "epochBegin 1", "batchBegin 0", "batchEnd 0 loss", "batchBegin 1", "batchEnd 1 loss", "epochEnd 1",
                "epochBegin 2", "batchBegin 0", "batchEnd 0 loss", "batchBegin 1", "batchEnd 1 loss", "epochEnd 2",
                "trainEnd 2"), events);
        assertEquals(history.get("loss"), epochLosses);
    }

    @Test
    void lambdaCallbackFactoriesEachSetOneHook() {
        INDArray[] data = classification(40, 4);
        List<Integer> begun = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        List<History> ended = new ArrayList<>();
        FitOptions options = new FitOptions().epochs(3).batchSize(20).verbose(0).callbacks(
                LambdaCallback.onEpochBegin(begun::add),
                LambdaCallback.onBatchEnd((batch, logs) -> batches.add(batch)),
                LambdaCallback.onTrainEnd(ended::add));
        History history = classifier(7, DataType.DOUBLE).fit(data[0], data[1], options);
        assertEquals(List.of(1, 2, 3), begun, "epochs 1-based, as the Callback contract numbers them");
        assertEquals(List.of(0, 1, 0, 1, 0, 1), batches);
        assertEquals(List.of(history), ended);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LambdaCallback.onEpochEnd(null));
        assertEquals("LambdaCallback.onEpochEnd needs a function, got null", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LambdaCallback.onTrainEnd(h -> { }).andOnBatchEnd(null));
    }
}
