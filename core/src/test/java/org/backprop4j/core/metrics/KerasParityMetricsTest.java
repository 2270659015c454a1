package org.backprop4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.backprop4j.core.Metric;
import org.backprop4j.core.Registry;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The metrics added for Keras parity, worked by hand, and how "accuracy" resolves for each loss. */
class KerasParityMetricsTest {

    private static INDArray m(double[][] values) {
        return Nd4j.create(values);
    }

    @Test
    void sparseCategoricalAccuracyComparesArgmaxWithTheLabel() {
        INDArray p = m(new double[][] {{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}, {0.2, 0.2, 0.6}, {3, -1, 9}});
        INDArray labels = Nd4j.create(new double[] {1, 2, 2, 0}, new long[] {4, 1});
        assertEquals(0.5, new SparseCategoricalAccuracy().value(p, labels), 0); // rows 0 and 2
        assertEquals(0.5, Registry.METRICS.create("sparse_categorical_accuracy").value(p, labels), 0);
    }

    @Test
    void precisionAndRecallCountEveryElementAtThreshold05() {
        INDArray p = m(new double[][] {{0.9, 0.6, 0.2}, {0.4, 0.8, 0.51}});
        INDArray y = m(new double[][] {{1, 0, 1}, {1, 1, 0}});
        // predicted positive: (0,0) (0,1) (1,1) (1,2) -> TP (0,0) (1,1): precision 2/4
        // actual positive: (0,0) (0,2) (1,0) (1,1) -> found (0,0) (1,1): recall 2/4 ... make them differ:
        assertEquals(0.5, new Precision().value(p, y), 0);
        assertEquals(0.5, new Recall().value(p, y), 0);
        INDArray y2 = m(new double[][] {{1, 1, 0}, {0, 1, 0}});
        assertEquals(0.75, Registry.METRICS.create("precision").value(p, y2), 0);   // 3 of 4 predicted are positive
        assertEquals(1.0, Registry.METRICS.create("recall").value(p, y2), 0);       // all 3 positives found
        assertEquals(0.0, new Precision().value(m(new double[][] {{0.1}}), m(new double[][] {{1}})), 0); // none predicted
        assertEquals(0.0, new Recall().value(m(new double[][] {{0.9}}), m(new double[][] {{0}})), 0);    // no positives
    }

    @Test
    void maeAndMseAreMeansOverAllElementsUnderTheNameGiven() {
        INDArray p = m(new double[][] {{4, 8, 12}, {8, 1, 3}});
        INDArray y = m(new double[][] {{1, 9, 2}, {-5, -2, 6}});
        Metric mae = Registry.METRICS.create("mae");
        assertEquals("mae", mae.name());
        assertEquals(5.5, mae.value(p, y), 0);                       // Keras' MeanAbsoluteError test value
        assertEquals("mean_absolute_error", Registry.METRICS.create("mean_absolute_error").name());
        Metric mse = Registry.METRICS.create("mse");
        assertEquals((9 + 1 + 100 + 169 + 9 + 9) / 6.0, mse.value(p, y), 1e-15);
        assertEquals("mean_squared_error", Registry.METRICS.create("mean_squared_error").name());
    }

    @Test
    void accuracyResolvesByLossAsKeras() {
        Metric sparse = Metrics.resolve("accuracy", 10, new SparseCategoricalCrossentropy(true));
        assertInstanceOf(SparseCategoricalAccuracy.class, sparse);
        assertEquals("accuracy", sparse.name());
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("accuracy", 10, new CategoricalCrossentropy(true)));
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("acc", 3, new BinaryCrossentropy()));
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("accuracy", 1, new CategoricalCrossentropy()));
    }
}
