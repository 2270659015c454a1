package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.metrics.AUC;
import org.backprop4j.core.metrics.Metrics;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code FitOptions.sampleWeight} and {@code evaluate(x, y, w)}: Keras' weighted loss
 * {@code sum_i w_i l_i / B}, the weighted gradient (checked against central differences of the
 * weighted loss in DOUBLE), weights that follow their rows through shuffling and the validation
 * split, weighted against unweighted metrics, and the errors for bad weights (before any weight changes).
 */
class SampleWeightTest {

    private static final INDArray X = Nd4j.createFromArray(new double[][] {
        {0.5, -1.2, 0.3}, {1.5, 0.2, -0.7}, {-0.3, 0.8, 1.1}, {0.9, -0.4, 0.0}, {-1.1, 0.6, -0.5}, {0.2, 1.3, 0.7}});
    private static final INDArray Y = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {0}, {0}, {1}});
    private static final INDArray W = Nd4j.createFromArray(0.5, 2.0, 0.0, 1.25, 0.75, 1.5);

    private static Sequential model(double learningRate) {
        return new Sequential(7L).add(new Dense(4, 3, "tanh")).add(new Dense(1, "sigmoid"))
                .compile("binary_crossentropy", new SGD(learningRate));
    }

    @Test
    void theLossIsTheWeightedSumOverTheBatchSize() {
        Sequential model = model(0.1);
        INDArray p = model.predict(X);
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            double pi = p.getDouble(i, 0);
            double yi = Y.getDouble(i, 0);
            sum += W.getDouble(i) * -(yi * Math.log(pi) + (1 - yi) * Math.log(1 - pi));
        }
        assertEquals(sum / 6, model.evaluate(X, Y, W).get("loss"), 1e-14, "sum w l / B, the zero weight counted in B");
        assertEquals(model.evaluate(X, Y).get("loss"), model.evaluate(X, Y, Nd4j.ones(DataType.DOUBLE, 6, 1)).get("loss"),
                1e-15, "weights of 1 change nothing; (samples, 1) is accepted");
    }

    /** One full-batch SGD(1) step moves each weight by -dL/dw: compared with central differences of evaluate's weighted loss. */
    @Test
    void theGradientIsTheWeightedOne() {
        Sequential model = model(1.0);
        List<INDArray> before = model.getWeights();
        model.fit(X, Y, new FitOptions().epochs(1).batchSize(6).shuffle(false).verbose(0).sampleWeight(W));
        List<INDArray> after = model.getWeights();
        double h = 1e-6;
        double worst = 0;
        for (int a = 0; a < before.size(); a++) {
            INDArray gradient = before.get(a).sub(after.get(a));
            for (long j = 0; j < before.get(a).length(); j++) {
                double numeric = central(model, before, a, j, h);
                double exact = gradient.getDouble(j);
                worst = Math.max(worst, Math.abs(numeric - exact) / Math.max(1e-8, Math.abs(numeric) + Math.abs(exact)));
            }
        }
        assertTrue(worst < 1e-7, "worst relative error " + worst);
        Sequential unweighted = model(1.0);
        unweighted.fit(X, Y, new FitOptions().epochs(1).batchSize(6).shuffle(false).verbose(0));
        assertTrue(unweighted.getWeights().get(0).sub(after.get(0)).amaxNumber().doubleValue() > 1e-4,
                "the weighted step differs from the unweighted one");
    }

    private static double central(Sequential model, List<INDArray> weights, int array, long element, double h) {
        List<INDArray> plus = copies(weights);
        plus.get(array).putScalar(element, plus.get(array).getDouble(element) + h);
        model.setWeights(plus);
        double up = model.evaluate(X, Y, W).get("loss");
        List<INDArray> minus = copies(weights);
        minus.get(array).putScalar(element, minus.get(array).getDouble(element) - h);
        model.setWeights(minus);
        double down = model.evaluate(X, Y, W).get("loss");
        return (up - down) / (2 * h);
    }

    private static List<INDArray> copies(List<INDArray> arrays) {
        return arrays.stream().map(INDArray::dup).toList();
    }

    @Test
    void weightsFollowTheirRowsThroughShuffling() {
        Sequential ordered = model(0.5);
        Sequential shuffled = model(0.5);
        ordered.fit(X, Y, new FitOptions().epochs(3).batchSize(6).shuffle(false).verbose(0).sampleWeight(W));
        shuffled.fit(X, Y, new FitOptions().epochs(3).batchSize(6).shuffle(true).verbose(0).sampleWeight(W));
        for (int i = 0; i < 4; i++) {   // one full batch per epoch: the order of the rows does not matter
            assertTrue(ordered.getWeights().get(i).sub(shuffled.getWeights().get(i)).amaxNumber().doubleValue() < 1e-12);
        }
    }

    @Test
    void theValidationSplitKeepsItsWeightsAndMetricsAreWeightedOnlyWhenAsked() {
        Sequential model = new Sequential(7L).add(new Dense(4, 3, "tanh")).add(new Dense(1, "sigmoid"))
                .compile("binary_crossentropy", new SGD(1e-300), "accuracy", Metrics.weighted("accuracy"), new AUC(),
                        Metrics.weighted(new AUC(200, AUC.Curve.ROC, AUC.Summation.INTERPOLATION, false, "weighted_auc")));
        History history = model.fit(X, Y, new FitOptions().epochs(1).batchSize(2).shuffle(false).verbose(0)
                .validationSplit(0.5).sampleWeight(W));
        INDArray xVal = X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray yVal = Y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray wVal = W.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6));
        Map<String, Double> weighted = model.evaluate(xVal, yVal, wVal);   // learning rate 1e-300: no weight moves
        assertEquals(weighted.get("loss"), history.get("val_loss").get(0), 1e-14);
        assertEquals(weighted.get("weighted_accuracy"), history.get("val_weighted_accuracy").get(0), 1e-14);
        assertEquals(weighted.get("weighted_auc"), history.get("val_weighted_auc").get(0), 1e-14);
        Map<String, Double> plain = model.evaluate(xVal, yVal);
        assertEquals(plain.get("accuracy"), weighted.get("accuracy"), 0, "compile's metrics ignore the weights");
        assertEquals(plain.get("auc"), weighted.get("auc"), 0);
        assertEquals(plain.get("accuracy"), plain.get("weighted_accuracy"), 0, "no weights given: the same");
    }

    @Test
    void badWeightsFailBeforeAnyWeightChanges() {
        Sequential model = model(0.1);
        List<INDArray> before = model.getWeights();
        assertMessage(() -> fit(model, Nd4j.createFromArray(1.0, 2.0, 3.0)), "3 weights, but x has 6 samples");
        assertMessage(() -> fit(model, Nd4j.createFromArray(1.0, 1, -0.5, 1, 1, 1)), "sampleWeight[2] is -0.5");
        assertMessage(() -> fit(model, Nd4j.createFromArray(1.0, 1, 1, Double.NaN, 1, 1)), "sampleWeight[3] is NaN");
        assertMessage(() -> fit(model, Nd4j.ones(DataType.DOUBLE, 6, 2)), "shape (6) or (6, 1)");
        assertMessage(() -> model.evaluate(X, Y, Nd4j.createFromArray(1.0, Double.POSITIVE_INFINITY, 1, 1, 1, 1)),
                "sampleWeight[1] is Infinity");
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), model.getWeights().get(i));
        }
    }

    private static void fit(Sequential model, INDArray weights) {
        model.fit(X, Y, new FitOptions().epochs(1).batchSize(2).verbose(0).sampleWeight(weights));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
