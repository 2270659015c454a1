package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Regularizers;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.Adagrad;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.ExponentialDecay;
import org.backprop4j.optim.RMSprop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model trained with an adaptive optimizer, saved and loaded, trains on bit-identically: the
 * slots, the step count (and so the bias correction and the schedule), the regularisers and the
 * loss's settings all come back.
 */
class AdaptiveSaveLoadTest {

    @TempDir
    Path directory;

    private static Sequential model(Optimizer optimizer) {
        Sequential model = new Sequential(7L);
        model.add(new Dense(6, 4, "relu").kernelRegularizer(Regularizers.l2(0.01)).biasRegularizer(Regularizers.l1(0.001)));
        model.add(new Dense(3));
        return model.compile(new SparseCategoricalCrossentropy(true), optimizer, "accuracy");
    }

    @Test
    void adamAmsgradWithScheduleContinuesBitIdenticallyAfterLoad() throws IOException {
        checkContinues(new Adam(new ExponentialDecay(0.01, 5, 0.9, false), 0.9, 0.999, 1e-7, true), "adam");
    }

    @Test
    void rmspropAndAdagradContinueBitIdenticallyAfterLoad() throws IOException {
        checkContinues(new RMSprop(0.01, 0.9, 0.5, 1e-7, true), "rmsprop");
        checkContinues(new Adagrad(0.05), "adagrad");
    }

    private void checkContinues(Optimizer optimizer, String name) throws IOException {
        Random random = new Random(3);
        INDArray x = TestArrays.uniform(random, 40, 4, -1, 1);
        double[] labels = new double[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(3);
        }
        INDArray y = Nd4j.create(labels, new long[] {40}); // rank-1 class indices, as Keras accepts
        FitOptions options = new FitOptions().epochs(3).batchSize(8).verbose(0); // shuffled
        Sequential original = model(optimizer);
        original.fit(x, y, options);
        Path file = directory.resolve(name + ".bp4j");
        original.save(file);
        Sequential loaded = Sequential.load(file);

        assertEquals(original.optimizer().getClass(), loaded.optimizer().getClass());
        assertEquals(original.optimizer().config(), loaded.optimizer().config());
        assertEquals(15, loaded.optimizer().iterations());
        assertEquals(original.optimizer().learningRate(), loaded.optimizer().learningRate(), 0);
        assertInstanceOf(SparseCategoricalCrossentropy.class, loaded.loss());
        assertTrue(((SparseCategoricalCrossentropy) loaded.loss()).fromLogits());
        assertEquals(original.evaluate(x, y), loaded.evaluate(x, y), "loss with penalty and accuracy");
        Dense dense = (Dense) loaded.getLayers().get(0);
        assertEquals(Regularizers.l2(0.01).toString(), dense.kernelRegularizer().toString());
        assertEquals(Regularizers.l1(0.001).toString(), dense.biasRegularizer().toString());

        History continued = original.fit(x, y, options);
        History resumed = loaded.fit(x, y, options);
        assertEquals(continued.get("loss"), resumed.get("loss"));
        assertArrayEquals(ModelFixtures.flatWeights(original), ModelFixtures.flatWeights(loaded), 0.0);
        List<INDArray> slots = List.copyOf(original.optimizer().state().values());
        List<INDArray> loadedSlots = List.copyOf(loaded.optimizer().state().values());
        assertEquals(slots, loadedSlots);
        assertEquals(30, loaded.optimizer().iterations());
    }

    @Test
    void penaltyIsInTheReportedLossAsKerasDocstring() {
        // Keras: Dense(5, input_dim=5, kernel_initializer="ones", kernel_regularizer=L1(0.01)) has penalty 0.25
        Sequential model = new Sequential(1L);
        model.add(new Dense(5, 5).kernelInitializer("ones").kernelRegularizer(Regularizers.l1(0.01)));
        model.compile("mse", new Adam());
        INDArray x = Nd4j.ones(2, 5);
        INDArray y = Nd4j.zeros(2, 5).addi(5); // outputs are exactly 5: data loss 0
        assertEquals(0.25, model.evaluate(x, y).get("loss"), 1e-15);
        assertEquals(0.25, model.getLayers().get(0).penalty(), 1e-15);
    }
}
