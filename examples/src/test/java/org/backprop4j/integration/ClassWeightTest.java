package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.Utils;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** FitOptions.classWeight: Keras' class_weight on the training loss and its gradient. */
class ClassWeightTest {

    private static Sequential model(double learningRate, String loss) {
        Sequential model = new Sequential(12L);
        model.add(new Dense(5, 3, "tanh")).add(new Dense(3, "softmax"));
        return model.compile(loss, new SGD(learningRate), "accuracy");
    }

    private final Random random = new Random(6);
    private final INDArray x = TestArrays.uniform(random, 12, 3, -1, 1);
    private final double[] labels = {0, 1, 2, 0, 1, 0, 2, 0, 1, 1, 0, 2};
    private final INDArray sparse = Nd4j.create(labels, new long[] {12, 1});

    private static FitOptions oneFullBatch() {
        return new FitOptions().epochs(1).batchSize(1000).shuffle(false).verbose(0);
    }

    @Test
    void weightOfZeroDropsSamplesAndAWeightScalesTheirGradient() {
        // class 0 weighs 3, the others 0: one full-batch SGD step equals a step on the class-0 rows alone
        // with the rate scaled by 3 * (class-0 rows) / (all rows), since the loss is a sum over the batch size
        Sequential weighted = model(0.1, "sparse_categorical_crossentropy");
        History history = weighted.fit(x, sparse, oneFullBatch().classWeight(Map.of(0, 3.0, 1, 0.0, 2, 0.0)));
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 0) {
                rows.add(i);
            }
        }
        int[] keep = rows.stream().mapToInt(Integer::intValue).toArray();
        INDArray x0 = Nd4j.pullRows(x, 1, keep);
        INDArray y0 = Nd4j.pullRows(sparse, 1, keep);
        Sequential subset = model(0.1 * 3 * keep.length / labels.length, "sparse_categorical_crossentropy");
        double subsetLoss = subset.evaluate(x0, y0).get("loss");
        subset.fit(x0, y0, oneFullBatch());
        assertArrayEquals(ModelFixtures.flatWeights(subset), ModelFixtures.flatWeights(weighted), 1e-15);
        assertEquals(3.0 * subsetLoss * keep.length / labels.length, history.get("loss").get(0), 1e-15);
    }

    @Test
    void uniformWeightsScaleLikeTheLearningRateAndOneHotTargetsUseTheArgmax() {
        INDArray oneHot = org.backprop4j.core.Utils.toCategorical(sparse, 3);
        Sequential doubled = model(0.1, "categorical_crossentropy");
        History history = doubled.fit(x, oneHot, oneFullBatch().classWeight(Map.of(0, 2.0, 1, 2.0, 2, 2.0)));
        Sequential faster = model(0.2, "categorical_crossentropy");
        double loss = faster.evaluate(x, oneHot).get("loss");
        faster.fit(x, oneHot, oneFullBatch());
        assertArrayEquals(ModelFixtures.flatWeights(faster), ModelFixtures.flatWeights(doubled), 1e-15);
        assertEquals(2 * loss, history.get("loss").get(0), 1e-14);
        Sequential missing = model(0.1, "categorical_crossentropy");
        Sequential plain = model(0.1, "categorical_crossentropy");
        INDArray firstTwo = oneHot.getRows(0, 1, 3, 4, 5, 7, 8, 9, 10); // no sample of class 2: all weigh 1
        INDArray xTwo = x.getRows(0, 1, 3, 4, 5, 7, 8, 9, 10);
        missing.fit(xTwo, firstTwo, oneFullBatch().classWeight(Map.of(2, 4.0)));
        plain.fit(xTwo, firstTwo, oneFullBatch());
        assertArrayEquals(ModelFixtures.flatWeights(plain), ModelFixtures.flatWeights(missing), 1e-15);
        // class 7 of a 3-class model is a mistake, not a class without samples
        assertThrows(IllegalArgumentException.class, () -> model(0.1, "categorical_crossentropy")
                .fit(x, oneHot, oneFullBatch().classWeight(Map.of(7, 4.0))));
    }

    @Test
    void badWeightsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FitOptions().classWeight(Map.of(0, -1.0)));
        assertEquals("classWeight for class 0 must be a finite number >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FitOptions().classWeight(Map.of(-2, 1.0)));
        assertTrue(e.getMessage().contains("class indices >= 0, got -2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FitOptions().classWeight(null));
    }
}
