package org.backprop4j.examples.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three guided experiments of docs/playground.md, run as the page runs them (one-epoch fits on
 * the settings' data and model): what the page says they show, they show.
 */
class PlaygroundExperimentsTest {

    /** {train loss, train accuracy, test loss, test accuracy} after {@code epochs} epochs. */
    static double[] train(Map<String, String> parameters, int epochs) {
        return train(parameters, epochs, null);
    }

    /** As {@link #train(Map, int)}; the trained model goes to {@code trained[0]} when given. */
    static double[] train(Map<String, String> parameters, int epochs, Sequential[] trained) {
        Settings settings = Settings.parse(parameters);
        PlaneData data = settings.data();
        Sequential model = settings.model();
        INDArray x = Nd4j.create(data.trainX());
        INDArray y = Nd4j.create(data.trainY());
        FitOptions oneEpoch = new FitOptions().epochs(1).batchSize(settings.batchSize()).verbose(0);
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.fit(x, y, oneEpoch);
        }
        if (trained != null) {
            trained[0] = model;
        }
        Map<String, Double> train = model.evaluate(x, y);
        Map<String, Double> test = model.evaluate(Nd4j.create(data.testX()), Nd4j.create(data.testY()));
        return new double[] {train.get("loss"), train.get("accuracy"), test.get("loss"), test.get("accuracy")};
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void xorNeedsTwoHiddenUnitsAndOneLineIsNotEnough() {
        for (String seed : new String[] {"1", "2", "3"}) {
            double[] one = train(with("hidden", "1", "seed", seed), 300);
            assertTrue(one[0] > 0.17 && one[1] <= 0.75, "seed " + seed + ": one unit, one line: " + one[0] + ", " + one[1]);
        }
        double[] two = train(with("hidden", "2", "seed", "1"), 300);
        assertEquals(0.0699, two[0], 5e-5, "seed 1: two units, loss");
        assertEquals(0.92, two[1], 1e-9, "seed 1: two units, accuracy");
        double[] stuck = train(with("hidden", "2", "seed", "2"), 300);
        assertEquals(0.76, stuck[1], 1e-9, "seed 2: two units stuck in a local minimum");
    }

    @Test
    void spiralsNeedDepth() {
        Map<String, String> spirals = with("dataset", "spirals", "samples", "400", "optimizer", "adam",
                "learningRate", "0.01");
        spirals.put("hidden", "8");
        double[] shallow = train(spirals, 500);
        spirals.put("hidden", "8,8,8");
        double[] deep = train(spirals, 500);
        assertTrue(shallow[0] > 0.2 && shallow[1] < 0.6, "one layer of 8: " + shallow[0] + ", " + shallow[1]);
        assertTrue(deep[0] < 0.01 && deep[1] > 0.98 && deep[3] > 0.9, "three layers of 8: " + deep[0] + ", " + deep[1]
                + ", test " + deep[3]);
    }

    @Test
    void aLearningRateTooHighFreezesTheNetwork() {
        double[] good = train(with("hidden", "4", "optimizer", "momentum", "learningRate", "0.3"), 300);
        Sequential[] model = new Sequential[1];
        double[] tooHigh = train(with("hidden", "4", "optimizer", "momentum", "learningRate", "10"), 300, model);
        double[] sooner = train(with("hidden", "4", "optimizer", "momentum", "learningRate", "10"), 60);
        assertTrue(good[0] < 0.01, "momentum 0.9, learning rate 0.3: " + good[0]);
        assertEquals(0.58, tooHigh[0], 1e-4, "learning rate 10: the loss is the share of points on the wrong side");
        assertEquals(0.42, tooHigh[1], 1e-9);
        assertEquals(tooHigh[0], sooner[0], 1e-9, "and it has not changed since epoch 60");
        // the sigmoid output is saturated at 0 or 1 for every training point: its local derivative p (1 - p)
        // is at most 2e-10, so the output's delta, and everything the backward pass sends on, is about 0
        INDArray p = model[0].layerOutputs(Nd4j.create(Settings.parse(with()).data().trainX())).get(1);
        double outputSlope = p.mul(p.rsub(1.0)).maxNumber().doubleValue();
        assertTrue(outputSlope < 2e-10, "largest p (1 - p): " + outputSlope);
    }
}
