package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.classification;
import static org.backprop4j.integration.Fixtures.classifier;
import static org.backprop4j.integration.Fixtures.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.backprop4j.core.Callback;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.MetricFormat;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TrainingContext;
import org.backprop4j.core.callbacks.EarlyStopping;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

class CallbacksTest {

    private static final INDArray[] DATA = classification(40, 4);

    private static FitOptions options(int epochs) {
        return new FitOptions().epochs(epochs).batchSize(10).verbose(0);
    }

    /** The weights a model of seed 7 has after {@code epochs} epochs of {@link #options(int)} with a split of 0.25. */
    private static List<INDArray> weightsAfter(int epochs) {
        Sequential twin = classifier(7, DataType.DOUBLE);
        twin.fit(DATA[0], DATA[1], options(epochs).validationSplit(0.25));
        return twin.getWeights();
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() {
        // a min delta no epoch can beat: epoch 1 is the best (it beats +infinity), 2 and 3 wait
        Sequential model = classifier(7, DataType.DOUBLE);
        EarlyStopping stopping = new EarlyStopping("val_loss", 2).minDelta(1e9).restoreBestWeights(true);
        History history = model.fit(DATA[0], DATA[1], options(10).validationSplit(0.25).callbacks(stopping));

        assertEquals(3, history.epochs());
        assertEquals(History.StopReason.CALLBACK, history.stopReason());
        assertEquals(3, history.stoppedEpoch());
        assertEquals(3, stopping.stoppedEpoch());
        assertEquals(1, stopping.bestEpoch());
        assertEquals(history.get("val_loss").get(0), stopping.best());
        assertTrue(history.stopMessage().contains("EarlyStopping: val_loss did not improve"), history.stopMessage());
        assertTrue(history.stopMessage().contains("restored the weights of epoch 1"), history.stopMessage());
        assertTrue(sameBits(weightsAfter(1), model.getWeights()), "the weights of the best epoch (1)");
    }

    @Test
    void earlyStoppingSaysSoWhereTheProgressGoesAfterTheEpochsLine() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        EarlyStopping stopping = new EarlyStopping("val_loss", 2).minDelta(1e9);
        History history = classifier(7, DataType.DOUBLE).fit(DATA[0], DATA[1],
                options(10).verbose(2).progressOutput(out).validationSplit(0.25).callbacks(stopping));

        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals("Epoch 3: EarlyStopping: val_loss did not improve by more than 1.0E9 for 2 epoch(s); best "
                + org.backprop4j.core.MetricFormat.format(stopping.best()) + " at epoch 1; the model keeps the weights "
                + "of epoch 3 (restoreBestWeights(true) would put back those of epoch 1)", lines.get(lines.size() - 1));
        assertTrue(lines.get(lines.size() - 2).startsWith("3/3 - "), "after an epoch's progress line: " + lines);
        assertEquals(lines.get(lines.size() - 1).substring("Epoch 3: ".length()), history.stopMessage());

        bytes.reset();
        classifier(7, DataType.DOUBLE).fit(DATA[0], DATA[1], options(10).verbose(0).progressOutput(out)
                .validationSplit(0.25).callbacks(new EarlyStopping("val_loss", 2).minDelta(1e9)));
        assertEquals(0, bytes.size(), "verbose 0: silent");
    }

    @Test
    void withoutRestoreBestWeightsTheLastWeightsStay() {
        Sequential model = classifier(7, DataType.DOUBLE);
        model.fit(DATA[0], DATA[1], options(10).validationSplit(0.25)
                .callbacks(new EarlyStopping("val_loss", 1).minDelta(1e9)));
        assertTrue(sameBits(weightsAfter(2), model.getWeights()));
    }

    @Test
    void anImprovingMonitorNeverStopsTrainingEvenWithPatienceZero() {
        Sequential model = new Sequential(3);
        model.add(new Dense(1, 1));
        model.compile("mse", new SGD(0.01));
        INDArray x = Nd4j.create(new double[][] {{1}, {2}, {3}});
        INDArray y = Nd4j.create(new double[][] {{2}, {4}, {6}});
        EarlyStopping stopping = new EarlyStopping("loss", 0);
        History history = model.fit(x, y, new FitOptions().epochs(6).batchSize(3).verbose(0).callbacks(stopping));
        assertEquals(6, history.epochs());
        assertEquals(History.StopReason.COMPLETED, history.stopReason());
        assertEquals(0, history.stoppedEpoch());
        assertEquals("", history.stopMessage());
        assertEquals(6, stopping.bestEpoch());
    }

    @Test
    void accuracyIsMaximisedInAutoMode() {
        Sequential model = classifier(7, DataType.DOUBLE);
        EarlyStopping stopping = new EarlyStopping("accuracy", 1).minDelta(2.0); // accuracy cannot rise by 2
        History history = model.fit(DATA[0], DATA[1], options(10).callbacks(stopping));
        assertEquals(2, history.epochs());
        assertEquals(1, stopping.bestEpoch());

        EarlyStopping asMin = new EarlyStopping("accuracy", 1).mode("min").minDelta(2.0);
        classifier(7, DataType.DOUBLE).fit(DATA[0], DATA[1], options(10).callbacks(asMin));
        assertEquals(2, asMin.stoppedEpoch());
    }

    @Test
    void callbacksSeeTheTrainingInOrderWithEveryKey() {
        List<String> calls = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext training) {
                calls.add("begin " + training.logKeys() + " " + training.epochs());
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                calls.add("epoch " + epoch + " " + logs.keySet());
            }

            @Override
            public void onTrainEnd(History history) {
                calls.add("end " + history.epochs());
            }
        };
        classifier(7, DataType.DOUBLE).fit(DATA[0], DATA[1], options(2).validationSplit(0.25).callbacks(recorder));
        String keys = "[loss, accuracy, val_loss, val_accuracy]";
        assertEquals(List.of("begin " + keys + " 2", "epoch 1 " + keys, "epoch 2 " + keys, "end 2"), calls);
    }

    @Test
    void aCallbackCanStopTraining() {
        Callback stopAtTwo = new Callback() {
            private TrainingContext training;

            @Override
            public void onTrainBegin(TrainingContext training) {
                this.training = training;
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (epoch == 2) {
                    training.stopTraining("enough");
                }
            }
        };
        History history = classifier(7, DataType.DOUBLE).fit(DATA[0], DATA[1], options(9).callbacks(stopAtTwo));
        assertEquals(2, history.epochs());
        assertEquals(History.StopReason.CALLBACK, history.stopReason());
        assertEquals("enough", history.stopMessage());
    }

    /** Linear regression with a learning rate so high that every step multiplies the error: it overflows. */
    private static Sequential diverging() {
        Sequential model = new Sequential(5);
        model.add(new Dense(1, 1));
        model.compile("mse", new SGD(1e6));
        return model;
    }

    private static final INDArray X = Nd4j.create(new double[][] {{10}, {20}, {30}});
    private static final INDArray Y = Nd4j.create(new double[][] {{20}, {40}, {60}});

    @Test
    void aDivergingFitStopsAtTheFirstNonFiniteLossWithTheLastFiniteWeights() {
        Logger logger = (Logger) LoggerFactory.getLogger("org.backprop4j.core.NaNGuard");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false); // the warning is expected: checked here, not printed on the console
        try {
            Sequential model = diverging();
            History history = model.fit(X, Y, new FitOptions().epochs(100).batchSize(3).verbose(0));

            int stopped = history.stoppedEpoch();
            assertEquals(History.StopReason.NON_FINITE, history.stopReason());
            assertTrue(stopped > 2 && stopped < 100, "stopped at " + stopped);
            assertEquals(stopped, history.epochs());
            List<Double> losses = history.get("loss");
            assertFalse(Double.isFinite(losses.get(stopped - 1)), "the last recorded loss is the non-finite one");
            assertTrue(Double.isFinite(losses.get(stopped - 2)));
            assertTrue(history.stopMessage().contains("weights of epoch " + (stopped - 1) + " put back"),
                    history.stopMessage());

            Sequential twin = diverging();
            twin.fit(X, Y, new FitOptions().epochs(stopped - 1).batchSize(3).verbose(0));
            assertTrue(sameBits(twin.getWeights(), model.getWeights()), "weights of the last finite epoch");
            for (double w : model.getWeights().get(0).data().asDouble()) {
                assertTrue(Double.isFinite(w));
            }
            assertEquals(1, appender.list.size());
            assertTrue(appender.list.get(0).getFormattedMessage().contains("Epoch " + stopped + ": the loss is"),
                    appender.list.get(0).getFormattedMessage());
        } finally {
            logger.detachAppender(appender);
            logger.setAdditive(true);
        }
    }

    @Test
    void withStopOnNaNOffADivergingFitRunsEveryEpoch() {
        Sequential model = diverging();
        History history = model.fit(X, Y, new FitOptions().epochs(60).batchSize(3).verbose(0).stopOnNaN(false));
        assertEquals(60, history.epochs());
        assertEquals(History.StopReason.COMPLETED, history.stopReason());
        assertFalse(Double.isFinite(history.get("loss").get(59)));
    }
}
