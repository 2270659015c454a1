package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.Utils;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Input;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.Adam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The TensorFlow beginner tutorial's recipe on a small problem: Input, Dense relu, Dense logits,
 * Adam, sparse categorical cross-entropy from logits, "accuracy"; labels as a vector, bad labels
 * rejected before any weight changes.
 */
class SparseLabelsModelTest {

    private static Sequential tutorialModel() {
        Sequential model = new Sequential(21L);
        model.add(new Input(4)).add(new Dense(16, "relu")).add(new Dense(3));
        return model.compile(new SparseCategoricalCrossentropy(true), new Adam(), "accuracy");
    }

    private final Random random = new Random(30);
    private final INDArray x = TestArrays.uniform(random, 60, 4, -1, 1);
    private final INDArray labels = Nd4j.createFromArray(classes(x)); // INT32, shape (60)

    /** Class = which of the first three inputs is largest: learnable. */
    private static int[] classes(INDArray x) {
        int[] labels = new int[(int) x.rows()];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < 3; k++) {
                if (x.getDouble(i, k) > x.getDouble(i, best)) {
                    best = k;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    @Test
    void learnsWithIntegerVectorLabelsAndReportsSparseAccuracy() {
        Sequential model = tutorialModel();
        History history = model.fit(x, labels, new FitOptions().epochs(60).batchSize(8).verbose(0));
        List<Double> accuracy = history.get("accuracy");
        assertTrue(accuracy.get(59) > 0.85, "accuracy " + accuracy);
        assertTrue(history.get("loss").get(59) < history.get("loss").get(0));
        Map<String, Double> scores = model.evaluate(x, labels);
        assertEquals(List.of("loss", "accuracy"), List.copyOf(scores.keySet()));
        // the same numbers from one-hot labels and the categorical loss from logits
        INDArray y = Utils.toCategorical(labels, 3);
        Sequential categorical = new Sequential(21L);
        categorical.add(new Input(4)).add(new Dense(16, "relu")).add(new Dense(3));
        categorical.compile(new org.backprop4j.core.losses.CategoricalCrossentropy(true), new Adam(), "accuracy");
        categorical.setWeights(model.getWeights());
        Map<String, Double> same = categorical.evaluate(x, y);
        assertEquals(scores.get("loss"), same.get("loss"), 1e-12);
        assertEquals(scores.get("accuracy"), same.get("accuracy"), 0);
    }

    @Test
    void badLabelsFailBeforeAnyWeightChangesNamingTheRow() {
        Sequential model = tutorialModel();
        double[] before = ModelFixtures.flatWeights(model);
        INDArray bad = labels.castTo(DataType.DOUBLE).dup();
        bad.putScalar(17, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(x, bad, 1, 8));
        assertEquals("sparse_categorical_crossentropy needs integer class indices in [0, 2] (the model outputs 3 classes);"
                + " y at row 17 is 3.0", e.getMessage());
        bad.putScalar(17, 1.5);
        e = assertThrows(IllegalArgumentException.class, () -> model.fit(x, bad, 1, 8));
        assertTrue(e.getMessage().endsWith("y at row 17 is 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.fit(x, Utils.toCategorical(labels, 3), 1, 8));
        assertTrue(e.getMessage().contains("so sparse_categorical_crossentropy needs y with 1 column, got 3"), e.getMessage());
        assertArrayEquals(before, ModelFixtures.flatWeights(model), 0.0);
    }
}
