package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Non-trainable weights, with a BatchNormalization-shaped test layer ({@link MovingNormalization}):
 * Keras' counts in summary(), no optimizer slots for them, a gradient check on the trainable ones, a
 * save/load round trip, and moving statistics committed inside the model's write lock.
 */
class NonTrainableStateTest {

    static {
        if (!Registry.LAYERS.contains("MovingNormalization")) {
            Registry.LAYERS.register("MovingNormalization", MovingNormalization.class, MovingNormalization::fromConfig);
        }
    }

    private static INDArray data(long seed, int rows, int columns, double offset) {
        return Nd4j.rand(DataType.DOUBLE, rows, columns).muli(2).addi(offset).castTo(DataType.DOUBLE);
    }

    private static Sequential model(double momentum) {
        Sequential model = new Sequential(3L, DataType.DOUBLE);
        model.add(new Input(8)).add(new MovingNormalization(momentum)); // normalises the fixed input
        model.add(new Dense(3, 8, "tanh")).add(new Dense(2, "softmax"));
        return model;
    }

    @Test
    void summaryCountsTrainableAndNonTrainableAsKeras() {
        Sequential model = new Sequential(3L, DataType.DOUBLE);
        model.add(new Dense(8, 4, "relu")).add(new MovingNormalization(0.99)).add(new Dense(1, "sigmoid"));
        model.compile("binary_crossentropy", new Adam());
        String summary = model.summary();
        // Keras: Dense(4->8) 40, BatchNormalization(8) 32 of which 16 non-trainable, Dense(8->1) 9
        assertTrue(summary.contains("Total params: 81"), summary);
        assertTrue(summary.contains("Trainable params: 65"), summary);
        assertTrue(summary.contains("Non-trainable params: 16"), summary);
    }

    @Test
    void theOptimizerHasNoSlotsForTheStatisticsAndNeverChangesThem() {
        Sequential model = model(0.9);
        Adam adam = new Adam(0.01);
        model.compile("categorical_crossentropy", adam);
        long trainable = model.parameters().stream().filter(Parameter::trainable).count();
        assertEquals(2 * trainable, adam.state().size(), "momentum and velocity per trainable weight only");
        assertTrue(adam.state().keySet().stream().allMatch(key -> key.matches("(momentum|velocity)/[0-5]")),
                adam.state().keySet().toString());
        INDArray x = data(1, 16, 8, 3);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 2);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 2, 1);
        }
        model.fit(x, y, 1, 16);
        MovingNormalization norm = (MovingNormalization) model.getLayers().get(1);
        INDArray expectedMean = x.mean(0).muli(0.1);   // 0.9 * 0 + 0.1 * batch mean, after one step
        assertArrayEquals(expectedMean.toDoubleVector(), norm.movingMean.toDoubleVector(), 1e-12);
    }

    @Test
    void gradientCheckPassesOnTheTrainableWeights() {
        Sequential model = model(0.0); // momentum 0: after one step the moving statistics are the batch's
        model.compile("categorical_crossentropy", new SGD(1e-9));
        INDArray x = data(2, 6, 8, 1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 6, 2);
        for (int i = 0; i < 6; i++) {
            y.putScalar(i, i % 2, 1);
        }
        model.fit(x, y, 1, 6); // inference (the check's loss) now normalises x as training does
        GradientCheck.Result result = GradientCheck.check(model, x, y);
        assertTrue(result.maxRelativeError() < 1e-6, result.toString());
        assertTrue(result.worstRelativeErrors().containsKey("moving_normalization/gamma"), result.toString());
        assertTrue(!result.worstRelativeErrors().containsKey("moving_normalization/moving_mean"), result.toString());
    }

    @Test
    void saveAndLoadKeepTheStatistics(@TempDir Path dir) throws Exception {
        Sequential model = model(0.5);
        model.compile("categorical_crossentropy", new Adam(0.01));
        INDArray x = data(3, 10, 8, 2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 10, 2);
        for (int i = 0; i < 10; i++) {
            y.putScalar(i, i % 2, 1);
        }
        model.fit(x, y, 3, 5);
        Path file = dir.resolve("model.zip");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        List<INDArray> before = model.getWeights();
        List<INDArray> after = loaded.getWeights();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).data().asDouble(), after.get(i).data().asDouble(), 0, "weight " + i);
        }
        assertTrue(!loaded.parameters().get(2).trainable() && loaded.parameters().get(0).trainable());
        assertArrayEquals(model.predict(x).data().asDouble(), loaded.predict(x).data().asDouble(), 0);
        assertTrue(loaded.summary().contains("Non-trainable params: 16"), loaded.summary());
    }

    /** Commits the mean, waits, then the variance: a predict that could run in between would see half. */
    static final class SlowCommit extends MovingNormalization {
        SlowCommit() {
            super(0.0);
        }

        @Override
        void commit(INDArray batchMean, INDArray batchVariance) {
            movingMean.assign(batchMean);
            long until = System.nanoTime() + 300_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            movingVariance.assign(batchVariance);
        }
    }

    @Test
    void noPredictSeesHalfAnUpdateDuringFit() throws Exception {
        Sequential model = new Sequential(5L, DataType.DOUBLE);
        model.add(new Input(4)).add(new SlowCommit().setTrainable(false)); // gamma 1 and beta 0 stay: outputs show the statistics only
        model.compile("mse", new SGD(0.1));
        INDArray a = data(4, 8, 4, 0);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 8, 4).muli(20).addi(10);
        INDArray x = Nd4j.vstack(a, b);  // batches of 8 without shuffling: a, b, a, b, ...
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 4);
        INDArray probe = data(6, 3, 4, 5);
        List<INDArray> states = List.of(normalised(probe, Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.ones(DataType.DOUBLE, 4)),
                normalised(probe, a.mean(0), a.var(false, 0)), normalised(probe, b.mean(0), b.var(false, 0)));
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<INDArray> seen = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                seen.add(model.predict(probe));
            }
        });
        reader.start();
        try {
            model.fit(x, y, new org.backprop4j.core.FitOptions().epochs(40).batchSize(8).shuffle(false).verbose(0));
        } finally {
            done.set(true);
            reader.join();
        }
        assertTrue(seen.size() > 10, "the reader ran during fit: " + seen.size());
        int half = 0;
        for (INDArray output : seen) {
            if (states.stream().noneMatch(state -> state.equalsWithEps(output, 1e-9))) {
                half++;
            }
        }
        assertEquals(0, half, "predictions from half-updated statistics, of " + seen.size());
        MovingNormalization norm = (MovingNormalization) model.getLayers().get(1);
        assertArrayEquals(b.mean(0).toDoubleVector(), norm.movingMean.toDoubleVector(), 1e-12, "the last batch was b");
    }

    private static INDArray normalised(INDArray x, INDArray mean, INDArray variance) {
        return x.subRowVector(mean).diviRowVector(org.nd4j.linalg.ops.transforms.Transforms.sqrt(
                variance.add(MovingNormalization.EPSILON), false));
    }
}
