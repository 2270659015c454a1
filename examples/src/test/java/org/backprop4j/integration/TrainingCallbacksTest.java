package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.Callback;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.TrainingContext;
import org.backprop4j.core.callbacks.CSVLogger;
import org.backprop4j.core.callbacks.LearningRateScheduler;
import org.backprop4j.core.callbacks.ModelCheckpoint;
import org.backprop4j.core.callbacks.ReduceLROnPlateau;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** LearningRateScheduler, ReduceLROnPlateau, ModelCheckpoint and CSVLogger on small real fits. */
class TrainingCallbacksTest {

    @TempDir
    Path directory;

    private final Random random = new Random(8);
    private final INDArray x = TestArrays.uniform(random, 24, 3, -1, 1);
    private final INDArray y = TestArrays.oneHot(random, 24, 2);

    private static Sequential model(org.backprop4j.core.Optimizer optimizer) {
        Sequential model = new Sequential(3L);
        model.add(new Dense(4, 3, "tanh")).add(new Dense(2, "softmax"));
        return model.compile("categorical_crossentropy", optimizer, "accuracy");
    }

    /** Records the learning rate each epoch starts with (after the callbacks before it). */
    private static final class RateRecorder implements Callback {
        final List<Double> rates = new ArrayList<>();
        TrainingContext training;

        @Override
        public void onTrainBegin(TrainingContext training) {
            this.training = training;
        }

        @Override
        public void onEpochBegin(int epoch) {
            rates.add(training.model().optimizer().learningRate());
        }
    }

    @Test
    void learningRateSchedulerSetsTheRateBeforeEachEpochWithZeroBasedEpochs() {
        Sequential model = model(new SGD(0.1));
        RateRecorder recorder = new RateRecorder();
        model.fit(x, y, new FitOptions().epochs(4).batchSize(8).verbose(0).callbacks(
                new LearningRateScheduler((epoch, lr) -> epoch < 2 ? lr : lr * 0.5), recorder));
        assertEquals(List.of(0.1, 0.1, 0.05, 0.025), recorder.rates);
        RateRecorder second = new RateRecorder();
        model.fit(x, y, new FitOptions().epochs(2).batchSize(8).verbose(0).callbacks(
                new LearningRateScheduler(epoch -> 0.01 * (epoch + 1)), second));
        assertEquals(List.of(0.01, 0.02), second.rates);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.fit(x, y,
                new FitOptions().epochs(1).verbose(0).callbacks(new LearningRateScheduler((epoch, lr) -> -1.0))));
        assertTrue(e.getMessage().contains("the schedule returned -1.0 for epoch 0"), e.getMessage());
    }

    @Test
    void reduceLrOnPlateauMultipliesByFactorAfterPatienceThenCoolsDown() {
        // replay chosen epoch logs through the callback, bound to a real fit's context
        Sequential model = model(new SGD(0.1));
        ReduceLROnPlateau plateau = new ReduceLROnPlateau("loss", 0.5, 2).cooldown(1).minLr(0.02);
        List<Double> rates = new ArrayList<>();
        plateau.onTrainBegin(contextOf(model));
        double[] losses = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5};
        for (int epoch = 1; epoch <= losses.length; epoch++) {
            plateau.onEpochEnd(epoch, Map.of("loss", losses[epoch - 1], "accuracy", 0.5));
            rates.add(model.optimizer().learningRate());
        }
        // Keras' rule: epoch 1 sets the best; 2 waits 1; 3 waits 2 -> 0.05 and a cooldown of 1; 4 ends the
        // cooldown (wait reset) and, no longer cooling down, waits 1; 5 waits 2 -> 0.025; 6 ends the cooldown,
        // waits 1; 7 improves; 8 waits 1; 9 waits 2 -> max(0.0125, minLr 0.02) = 0.02; 10 waits 1
        assertEquals(List.of(0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025, 0.02, 0.02), rates);
    }

    private static TrainingContext contextOf(Sequential model) {
        TrainingContext[] captured = new TrainingContext[1];
        model.fit(TestArrays.uniform(new Random(1), 4, 3, -1, 1), TestArrays.oneHot(new Random(2), 4, 2),
                new FitOptions().epochs(1).verbose(0).callbacks(new Callback() {
                    @Override
                    public void onTrainBegin(TrainingContext training) {
                        captured[0] = training;
                    }
                }));
        return captured[0];
    }

    @Test
    void reduceLrOnPlateauInARealFitAndBadArguments() {
        Sequential model = model(new Adam(0.05));
        History history = model.fit(x, y, new FitOptions().epochs(30).batchSize(24).verbose(0).shuffle(false)
                .callbacks(new ReduceLROnPlateau("loss", 0.5, 0).minDelta(10)));   // nothing improves by 10: halve every epoch
        assertEquals(30, history.get("loss").size());
        assertEquals(0.05 * Math.pow(0.5, 29), model.optimizer().learningRate(), 1e-20);
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau("loss", 1.0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(x, y,
                new FitOptions().epochs(1).verbose(0).callbacks(new ReduceLROnPlateau())));
        assertTrue(e.getMessage().contains("ReduceLROnPlateau monitors 'val_loss', which this fit will not report"), e.getMessage());
    }

    @Test
    void modelCheckpointSavesTheBestEpochAtomically() throws IOException {
        Sequential model = model(new Adam(0.05));
        Path best = directory.resolve("best.bp4j");
        ModelCheckpoint checkpoint = new ModelCheckpoint(best, "val_loss", true);
        RecordingBest recorder = new RecordingBest();
        History history = model.fit(x, y, new FitOptions().epochs(12).batchSize(8).verbose(0).validationSplit(0.25)
                .callbacks(checkpoint, recorder));
        List<Double> valLoss = history.get("val_loss");
        int bestEpoch = 1 + valLoss.indexOf(valLoss.stream().min(Double::compare).orElseThrow());
        assertEquals(bestEpoch, checkpoint.savedEpoch());
        Sequential loaded = Sequential.load(best);
        assertArrayEquals(recorder.weightsAt.get(bestEpoch - 1), ModelFixtures.flatWeights(loaded), 0.0);
        try (var files = Files.list(directory)) {
            assertEquals(List.of(best), files.toList(), "no temporary files left");
        }
        ModelCheckpoint every = new ModelCheckpoint(directory.resolve("model-{epoch}.bp4j"));
        model.fit(x, y, new FitOptions().epochs(2).verbose(0).callbacks(every));
        assertTrue(Files.exists(directory.resolve("model-1.bp4j")) && Files.exists(directory.resolve("model-2.bp4j")));
    }

    /** The flat weights after each epoch. */
    private static final class RecordingBest implements Callback {
        final List<double[]> weightsAt = new ArrayList<>();
        TrainingContext training;

        @Override
        public void onTrainBegin(TrainingContext training) {
            this.training = training;
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            weightsAt.add(ModelFixtures.flatWeights(training.model()));
        }
    }

    @Test
    void csvLoggerWritesASortedHeaderAndOneLinePerEpoch() throws IOException {
        Sequential model = model(new SGD(0.1));
        Path file = directory.resolve("log.csv");
        History history = model.fit(x, y, new FitOptions().epochs(3).batchSize(8).verbose(0).validationSplit(0.25)
                .callbacks(new CSVLogger(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("epoch,accuracy,loss,val_accuracy,val_loss"), lines.subList(0, 1));
        assertEquals(4, lines.size());
        for (int epoch = 0; epoch < 3; epoch++) {
            String[] cells = lines.get(epoch + 1).split(",");
            assertEquals(String.valueOf(epoch), cells[0]);
            assertEquals(history.get("accuracy").get(epoch), Double.parseDouble(cells[1]), 0);
            assertEquals(history.get("loss").get(epoch), Double.parseDouble(cells[2]), 0);
            assertEquals(history.get("val_loss").get(epoch), Double.parseDouble(cells[4]), 0);
        }
        model.fit(x, y, new FitOptions().epochs(2).verbose(0).validationSplit(0.25).callbacks(new CSVLogger(file, ";", true)));
        List<String> appended = Files.readAllLines(file);
        assertEquals(6, appended.size());
        assertTrue(appended.get(5).startsWith("1;"), appended.get(5));
        assertFalse(appended.get(4).contains(","), "the appended lines use the new separator");
    }
}
