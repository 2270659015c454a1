package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Same seed, same data, same settings: bit-identical weights, before and after training with shuffling. */
class SequentialSeedTest {

    private static final Random DATA = new Random(99);
    private static final INDArray X = TestArrays.uniform(DATA, 10, 3, -1, 1);
    private static final INDArray Y = TestArrays.oneHot(DATA, 10, 2);

    private static Sequential model(long seed) {
        return new Sequential(seed).add(new Dense(5, 3, "tanh")).add(new Dense(2, "softmax"))
                .compile("categorical_crossentropy", new SGD(0.1, 0.9, true), "accuracy");
    }

    private static History train(Sequential model) {
        return model.fit(X, Y, new FitOptions().epochs(15).batchSize(3).verbose(0).shuffle(true));
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsBeforeAndAfterTraining() {
        Sequential a = model(7);
        Sequential b = model(7);
        double[] initial = ModelFixtures.flatWeights(a);
        assertArrayEquals(initial, ModelFixtures.flatWeights(b));

        History historyA = train(a);
        History historyB = train(b);

        assertArrayEquals(ModelFixtures.flatWeights(a), ModelFixtures.flatWeights(b));
        assertEquals(historyA.history(), historyB.history());
        assertFalse(Arrays.equals(initial, ModelFixtures.flatWeights(a)), "training changed the weights");
    }

    @Test
    void differentSeedGivesDifferentWeights() {
        Sequential a = model(7);
        Sequential b = model(8);
        assertFalse(Arrays.equals(ModelFixtures.flatWeights(a), ModelFixtures.flatWeights(b)));
        train(a);
        train(b);
        assertFalse(Arrays.equals(ModelFixtures.flatWeights(a), ModelFixtures.flatWeights(b)));
    }

    @Test
    void aRandomSeedIsReportedAndReproducesTheModel() {
        Sequential random = model(new Sequential().seed());
        Sequential again = model(random.seed());
        assertArrayEquals(ModelFixtures.flatWeights(random), ModelFixtures.flatWeights(again));
    }

    @Test
    void everyKernelRespectsTheGlorotBoundForManySeeds() {
        for (long seed = 0; seed < 20; seed++) {
            Sequential model = new Sequential(seed).add(new Dense(6, 3)).add(new Dense(4)).add(new Dense(1));
            for (Layer layer : model.getLayers()) {
                Dense dense = (Dense) layer;
                double limit = Math.sqrt(6.0 / (dense.inputSize() + dense.units()));
                for (double w : Arrays2D.rowMajor(dense.kernel())) {
                    assertTrue(w >= -limit && w <= limit, "seed " + seed + " " + dense.describe() + ": " + w);
                }
                assertEquals(0, Arrays2D.rowMajor(dense.bias())[0], 0);
            }
        }
    }
}
