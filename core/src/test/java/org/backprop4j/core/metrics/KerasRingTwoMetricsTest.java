package org.backprop4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.backprop4j.core.Metric;
import org.backprop4j.core.Registry;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ring-2 metrics against the numbers of Keras' own tests ({@code keras/src/metrics/
 * confusion_metrics_test.py} AUCTest, {@code accuracy_metrics_test.py} top-k, {@code
 * regression_metrics_test.py} RootMeanSquaredErrorTest and R2ScoreTest, {@code f_score_metrics_test.py}),
 * to the precision those tests print, and their settings, names and errors.
 */
class KerasRingTwoMetricsTest {

    private static INDArray column(double... values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    private static INDArray rows(double[][] values) {
        return Nd4j.createFromArray(values);
    }

    private static double once(Metric metric, INDArray p, INDArray y, INDArray w) {
        metric.update(p, y, w);
        return metric.result();
    }

    // AUCTest: y_pred [0, 0.5, 0.3, 0.9], y_true [0, 0, 1, 1], sample_weight [1, 2, 3, 4], 3 thresholds
    private static final INDArray AUC_P = column(0, 0.5, 0.3, 0.9);
    private static final INDArray AUC_Y = column(0, 0, 1, 1);
    private static final INDArray AUC_W = Nd4j.createFromArray(1.0, 2, 3, 4);

    @Test
    void aucAsKerasTests() {
        assertEquals(0.75, once(new AUC(3), AUC_P, AUC_Y, null), 1e-12, "test_unweighted");
        assertEquals(1.0, once(new AUC(3), AUC_Y, AUC_Y, null), 1e-12, "test_unweighted_all_correct");
        assertEquals(0.7855, once(new AUC(3), AUC_P, AUC_Y, AUC_W), 1e-3, "test_weighted_roc_interpolation");
        assertEquals(1.0, once(new AUC(3, AUC.Curve.ROC, AUC.Summation.MAJORING, false, "auc"), AUC_P, AUC_Y, AUC_W), 1e-3);
        assertEquals(0.571, once(new AUC(3, AUC.Curve.ROC, AUC.Summation.MINORING, false, "auc"), AUC_P, AUC_Y, AUC_W), 1e-3);
        assertEquals(0.429 + 0.571, once(new AUC(3, AUC.Curve.PR, AUC.Summation.MAJORING, false, "auc"), AUC_P, AUC_Y, AUC_W), 1e-3);
        assertEquals(0.7 * 0.429, once(new AUC(3, AUC.Curve.PR, AUC.Summation.MINORING, false, "auc"), AUC_P, AUC_Y, AUC_W), 1e-3);
        assertEquals(2.416 / 7 + 4.0 / 7, once(new AUC(3, AUC.Curve.PR, AUC.Summation.INTERPOLATION, false, "auc"),
                AUC_P, AUC_Y, AUC_W), 1e-3, "test_weighted_pr_interpolation");
        // test_unweighted_from_logits: logits of the same probabilities (the test's -log(1/(p + 1e-12) - 1) in float32,
        // where p + 1e-12 == p; in double that would push 0.5 over its threshold, so the logit of 0.5 is written as 0)
        INDArray logits = column(-40, 0, Math.log(0.3 / 0.7), Math.log(9));
        assertEquals(0.75, once(new AUC(3, AUC.Curve.ROC, AUC.Summation.INTERPOLATION, true, "auc"), logits, AUC_Y, null),
                1e-12, "test_unweighted_from_logits");
    }

    @Test
    void aucThresholdsAndSettings() {
        double[] thresholds = new AUC(3).thresholds();
        assertEquals(-1e-7, thresholds[0], 0);
        assertEquals(0.5, thresholds[1], 0);
        assertEquals(1 + 1e-7, thresholds[2], 0);
        assertEquals(200, new AUC().thresholds().length);
        AUC auc = new AUC(50, AUC.Curve.PR, AUC.Summation.MAJORING, true, "pr_auc");
        Metric again = Registry.METRICS.create("auc", auc.config());
        assertEquals(auc.config(), again.config());
        assertEquals("pr_auc", again.name());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> new AUC(1));
        assertTrue(few.getMessage().contains("got 1"), few.getMessage());
        IllegalArgumentException curve = assertThrows(IllegalArgumentException.class,
                () -> Registry.METRICS.create("auc", Map.of("curve", "PRGAIN")));
        assertTrue(curve.getMessage().contains("PRGAIN"), curve.getMessage());
    }

    @Test
    void topKAsKerasTests() {
        INDArray p = rows(new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}});
        INDArray oneHot = rows(new double[][] {{0, 0, 1}, {0, 1, 0}});
        INDArray weights = Nd4j.createFromArray(0.7, 0.3);
        assertEquals(0.5, once(new TopKCategoricalAccuracy(1), p, oneHot, null), 1e-12);
        assertEquals(0.3, once(new TopKCategoricalAccuracy(1), p, oneHot, weights), 1e-12);
        assertEquals(1.0, once(new TopKCategoricalAccuracy(2), p, oneHot, null), 1e-12);
        INDArray labels = column(2, 1);
        assertEquals(0.5, once(new SparseTopKCategoricalAccuracy(1), p, labels, null), 1e-12);
        assertEquals(0.3, once(new SparseTopKCategoricalAccuracy(1), p, labels, weights), 1e-12);
        // ties straddling the boundary count as in the top k (TensorFlow's in_top_k)
        assertEquals(1.0, once(new TopKCategoricalAccuracy(1), rows(new double[][] {{0.4, 0.4, 0.2}}),
                rows(new double[][] {{0, 1, 0}}), null), 0);
        assertEquals(5, new TopKCategoricalAccuracy().k());
        assertEquals("top_k_categorical_accuracy", Registry.METRICS.create("top_k_categorical_accuracy").name());
        assertEquals(3, ((TopKCategoricalAccuracy) Registry.METRICS.create("top_k_categorical_accuracy",
                Map.of("k", 3))).k());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0));
        assertTrue(zero.getMessage().contains("got 0"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SparseTopKCategoricalAccuracy(-1));
    }

    @Test
    void rootMeanSquaredErrorAsKerasTests() {
        assertEquals(Math.sqrt(6), once(new RootMeanSquaredError(), column(1, 3, 2), column(2, 4, 6), null), 1e-12);
        assertEquals(Math.sqrt(13), once(new RootMeanSquaredError(), column(1, 3, 2, 3), column(2, 4, 6, 8),
                Nd4j.createFromArray(0.0, 1, 0, 1)), 1e-12);
        RootMeanSquaredError two = new RootMeanSquaredError();   // the root of the pooled mean, not a mean of roots
        two.update(column(1, 3, 2), column(2, 4, 6), null);
        two.update(column(3), column(8), null);
        assertEquals(Math.sqrt((1 + 1 + 16 + 25) / 4.0), two.result(), 1e-12);
    }

    @Test
    void r2AsKerasTests() {
        INDArray y = rows(new double[][] {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}});
        assertEquals(-0.12, once(new R2Score(), rows(new double[][] {{0.4, 0.5, 0.6}, {0.1, 0.2, 0.3}, {0.5, 0.8, 0.2}}),
                y, null), 1e-2, "test_r2_sklearn_comparison, uniform_average");
        assertEquals(-3.0615367889404297, once(new R2Score(),
                rows(new double[][] {{0.4, 0.9, 1.6}, {0.1, 1.2, 0.6}, {1.5, 0.8, 0.6}}), y,
                Nd4j.createFromArray(0.8, 0.1, 0.4)), 1e-6, "test_r2_tfa_comparison, uniform_average");
        assertTrue(Double.isNaN(new R2Score().result()), "no data: 0/0 as Keras");
        R2Score constant = new R2Score();   // a constant target column: its infinite score counts 0
        assertEquals(0.0, once(constant, column(0.5, 1.5), column(1, 1), null), 0);
    }

    private static final INDArray F1_Y = rows(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {1, 0, 0}, {0, 0, 1}});
    private static final INDArray F1_P = rows(new double[][] {{0.9, 0.1, 0}, {0.2, 0.6, 0.2}, {0, 0, 1}, {0.4, 0.3, 0.3},
            {0, 0.9, 0.1}, {0, 0, 1}});

    @Test
    void f1AsKerasTests() {
        assertEquals(0.833334, once(F1Score.micro(), F1_P, F1_Y, null), 1e-6, "test_fbeta_random_score_none micro");
        assertEquals(0.822222, once(F1Score.macro(), F1_P, F1_Y, null), 1e-6, "macro");
        assertEquals(0.844445, once(F1Score.weighted(), F1_P, F1_Y, null), 1e-6, "weighted");
        INDArray w = Nd4j.createFromArray(0.5, 1.0, 1.0, 1.0, 0.5, 1.0);
        assertEquals(0.9, once(F1Score.micro(), F1_P, F1_Y, w), 1e-6, "test_fbeta_weighted_random_score_none micro");
        assertEquals(0.885714, once(F1Score.macro(), F1_P, F1_Y, w), 1e-6);
        assertEquals(0.902857, once(F1Score.weighted(), F1_P, F1_Y, w), 1e-6);
        INDArray zeroed = Nd4j.createFromArray(1.0, 0.0, 1.0, 1.0, 0.0, 1.0);
        assertEquals(0.666667, once(F1Score.macro(), F1_P, F1_Y, zeroed), 1e-6);
        INDArray p = rows(new double[][] {{0.7, 0.7, 0.7}, {1, 0, 0}, {0.9, 0.8, 0}});
        INDArray y = rows(new double[][] {{0, 0, 1}, {1, 1, 0}, {1, 1, 1}});
        assertEquals(0.6555555, once(new F1Score(F1Score.Average.MACRO, 0.66, "f1_score"), p, y, null), 1e-6,
                "test_fbeta_random_score, threshold 0.66");
        assertEquals(1.0, once(new F1Score(F1Score.Average.MICRO, 0.66, "f1_score"), p,
                rows(new double[][] {{1, 1, 1}, {1, 0, 0}, {1, 1, 0}}), null), 1e-6, "test_fbeta_perfect_score");
        assertEquals(0.0, once(new F1Score(F1Score.Average.WEIGHTED, 0.66, "f1_score"), p,
                rows(new double[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 1}}), null), 1e-6, "test_fbeta_worst_score");
        assertEquals("f1_score", Registry.METRICS.create("f1_score").name());
        assertEquals(Map.of("name", "f1_score", "average", "macro"),
                withoutNull(Registry.METRICS.create("f1_score").config()));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Registry.METRICS.create("f1_score", Map.of("average", "none")));
        assertTrue(none.getMessage().contains("one number per class"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new F1Score(F1Score.Average.MACRO, 1.5, "f1"));
        assertThrows(IllegalArgumentException.class, () -> F1Score.macro(0.0));
    }

    private static Map<String, Object> withoutNull(Map<String, Object> config) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(config);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    @Test
    void sampleWeightsAreCheckedByEveryMetric() {
        INDArray p = column(0.2, 0.8);
        INDArray y = column(0, 1);
        for (Metric metric : new Metric[] {new AUC(), new BinaryAccuracy(), new Precision(), new R2Score(), F1Score.macro(0.5)}) {
            IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                    () -> metric.update(p, y, Nd4j.createFromArray(1.0, 2, 3)));
            assertTrue(length.getMessage().contains("[3]"), length.getMessage());
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> metric.update(p, y, Nd4j.createFromArray(1.0, -2)));
            assertTrue(negative.getMessage().contains("-2.0"), negative.getMessage());
            assertThrows(IllegalArgumentException.class, () -> metric.update(p, y, Nd4j.createFromArray(Double.NaN, 1)));
        }
    }

    @Test
    void freshCopiesShareNothing() {
        AUC auc = new AUC();
        auc.update(AUC_P, AUC_Y, null);
        Metric copy = auc.fresh();
        assertNotSame(auc, copy);
        copy.update(AUC_Y, AUC_Y, null);
        assertEquals(1.0, copy.result(), 0);
        assertEquals(0.75, auc.result(), 1e-2, "the original keeps its counts");
        assertEquals(auc.value(AUC_Y, AUC_Y), 1.0, 0, "value() is one batch alone");
        assertEquals(0.75, auc.result(), 1e-2, "value() leaves the state alone");
    }

    @Test
    void compileTakesNamesObjectsAndWeightedOnes() {
        BinaryCrossentropy loss = new BinaryCrossentropy();
        assertEquals("weighted_accuracy", Metrics.resolve(Metrics.weighted("accuracy"), 0, 1, loss).name());
        Metric weighted = Metrics.resolve(Metrics.weighted(new AUC()), 0, 1, loss);
        assertEquals("auc", weighted.name());
        assertTrue(weighted.usesSampleWeights());
        assertTrue(!new AUC().usesSampleWeights());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> Metrics.resolve(42, 3, 1, loss));
        assertTrue(number.getMessage().contains("metric 3") && number.getMessage().contains("java.lang.Integer (42)"),
                number.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.weighted(3.5));
        assertThrows(IllegalArgumentException.class, () -> Metrics.resolve(null, 0, 1, loss));
    }
}
