package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.ModelCheckpoint;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ModelCheckpoint that cannot save fails at fit's start, before any weight changes or epoch runs. */
class CheckpointAtStartTest {

    @TempDir
    Path dir;

    @Test
    void anUnregisteredLayerFailsFitBeforeTheFirstEpoch() {
        Sequential model = new Sequential(3L).add(new Dense(2, 2, "tanh")).add(new ModelJsonTest.Unregistered())
                .add(new Dense(1, "sigmoid"));
        model.compile("mse", new SGD(0.1));
        double[] before = ModelFixtures.flatWeights(model);
        List<Integer> epochs = new ArrayList<>();
        Callback counter = new Callback() {
            @Override
            public void onEpochBegin(int epoch) {
                epochs.add(epoch);
            }
        };
        Path file = dir.resolve("model.bp4j");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.fit(ModelFixtures.xorX(),
                ModelFixtures.xorY(), new FitOptions().epochs(3).verbose(0).callbacks(counter, new ModelCheckpoint(file))));
        assertTrue(error.getMessage().startsWith("ModelCheckpoint could not save this model, so fit stops before training:"
                + " Cannot save the model: Unregistered 'unregistered' cannot be loaded back"), error.getMessage());
        assertEquals(List.of(), epochs, "no epoch ran");
        assertArrayEquals(before, ModelFixtures.flatWeights(model), 0.0);
        assertFalse(Files.exists(file));
    }

    @Test
    void aSavableModelStillCheckpointsEveryEpoch() throws Exception {
        Sequential model = ModelFixtures.xorModel(4L, 0.5);
        Path file = dir.resolve("model-{epoch}.bp4j");
        model.fit(ModelFixtures.xorX(), ModelFixtures.xorY(),
                new FitOptions().epochs(2).verbose(0).callbacks(new ModelCheckpoint(file)));
        assertTrue(Files.exists(dir.resolve("model-1.bp4j")) && Files.exists(dir.resolve("model-2.bp4j")));
        assertArrayEquals(ModelFixtures.flatWeights(model),
                ModelFixtures.flatWeights(Sequential.load(dir.resolve("model-2.bp4j"))), 0.0);
    }

    @Test
    void aStopRequestedAfterABatchEndsTheEpochThere() {
        Sequential model = ModelFixtures.xorModel(4L, 0.5);
        List<String> events = new ArrayList<>();
        Callback stopper = new Callback() {
            private org.backprop4j.core.TrainingContext training;

            @Override
            public void onTrainBegin(org.backprop4j.core.TrainingContext context) {
                training = context;
            }

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                events.add("batch " + batch);
                if (batch == 1) {
                    training.stopTraining("enough");
                }
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                events.add("epoch " + epoch);
            }
        };
        var history = model.fit(ModelFixtures.xorX(), ModelFixtures.xorY(),
                new FitOptions().epochs(3).batchSize(1).shuffle(false).verbose(0).callbacks(stopper));
        assertEquals(List.of("batch 0", "batch 1", "epoch 1"), events);
        assertEquals(1, history.epochs());
        assertEquals("enough", history.stopMessage());
        // the epoch's loss is the mean over the two batches done, measured before each update
        Sequential twin = ModelFixtures.xorModel(4L, 0.5);
        double first = twin.trainOnBatch(ModelFixtures.xorX().getRows(0), ModelFixtures.xorY().getRows(0)).get("loss");
        double second = twin.trainOnBatch(ModelFixtures.xorX().getRows(1), ModelFixtures.xorY().getRows(1)).get("loss");
        assertEquals((first + second) / 2, history.get("loss").get(0), 1e-15);
        assertArrayEquals(ModelFixtures.flatWeights(twin), ModelFixtures.flatWeights(model), 0.0);
    }
}
