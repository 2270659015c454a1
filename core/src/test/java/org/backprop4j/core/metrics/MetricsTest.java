package org.backprop4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.core.Metric;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.MeanSquaredError;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Accuracy values by hand, and Keras' rule for what "accuracy" means. */
class MetricsTest {

    @Test
    void binaryAccuracyThresholdsAtOneHalf() {
        // 0.6 > 0.5 == (1 > 0.5) right; 0.4 wrong; 0.5 is not > 0.5, target 0: right; 0.9 vs 0: wrong
        double value = new BinaryAccuracy().value(Nd4j.create(new double[][] {{0.6}, {0.4}, {0.5}, {0.9}}),
                Nd4j.create(new double[][] {{1}, {1}, {0}, {0}}));
        assertEquals(0.5, value, 0);
    }

    @Test
    void binaryAccuracyAveragesOverEveryElement() {
        // 6 elements, 4 right: row 0 right, right, wrong; row 1 right, wrong, right
        double value = new BinaryAccuracy().value(Nd4j.create(new double[][] {{0.9, 0.1, 0.7}, {0.2, 0.3, 0.8}}),
                Nd4j.create(new double[][] {{1, 0, 0}, {0, 1, 1}}));
        assertEquals(4.0 / 6, value, 1e-15);
    }

    @Test
    void categoricalAccuracyComparesArgmaxes() {
        // row 0: argmax 1 == 1; row 1: argmax 0 != 2; row 2: argmax 2 == 2
        double value = new CategoricalAccuracy().value(
                Nd4j.create(new double[][] {{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}, {0.2, 0.3, 0.5}}),
                Nd4j.create(new double[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 1}}));
        assertEquals(2.0 / 3, value, 1e-15);
    }

    @Test
    void accuracyIsBinaryForOneColumnOrBinaryCrossentropyElseCategorical() {
        Metric oneColumn = Metrics.resolve("accuracy", 1, new MeanSquaredError());
        assertInstanceOf(BinaryAccuracy.class, oneColumn);
        assertEquals("accuracy", oneColumn.name());
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("accuracy", 3, new CategoricalCrossentropy()));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("accuracy", 3, new MeanSquaredError()));
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("accuracy", 3, new BinaryCrossentropy()));
        Metric acc = Metrics.resolve("acc", 3, new CategoricalCrossentropy());
        assertInstanceOf(CategoricalAccuracy.class, acc);
        assertEquals("acc", acc.name());
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("binary_accuracy", 3, new MeanSquaredError()));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("categorical_accuracy", 1, new MeanSquaredError()));
    }

    @Test
    void unknownMetricListsTheValidOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Metrics.resolve("f1", 1, new MeanSquaredError()));
        assertTrue(error.getMessage().contains("'f1'"), error.getMessage());
        for (String valid : java.util.List.of("accuracy", "acc", "binary_accuracy", "categorical_accuracy")) {
            assertTrue(error.getMessage().contains(valid), error.getMessage());
        }
    }
}
