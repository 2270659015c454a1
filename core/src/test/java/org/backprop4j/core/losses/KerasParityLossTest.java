package org.backprop4j.core.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.Loss;
import org.backprop4j.core.Registry;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.activations.Softmax;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The losses added for Keras parity (sparse categorical cross-entropy, the from-logits forms, mean
 * absolute error, Huber) against Keras' own numbers (losses.py docstrings and losses_test.py), their
 * gradients against central differences, and their target checks.
 */
class KerasParityLossTest {

    private static final double EPSILON = 1e-5; // round-off ~1e-11 / 1e-5, truncation ~1e-10
    private static final double FLOOR = 1e-10;

    private static INDArray m(double[][] values) {
        return Nd4j.create(values);
    }

    private static INDArray column(double... values) {
        return Nd4j.create(values, new long[] {values.length, 1});
    }

    private static final INDArray EYE3 = m(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    private static final INDArray LOGITS = m(new double[][] {{8, 1, 1}, {0, 9, 1}, {2, 3, 5}});

    @Test
    void meanAbsoluteErrorMatchesKeras() {
        assertEquals(0.5666667, new MeanAbsoluteError().value(m(new double[][] {{1.9, 0.3, 1.8}}),
                m(new double[][] {{1.0, 0.3, 1.0}})), 1e-7);
        assertEquals(5.5, new MeanAbsoluteError().value(m(new double[][] {{4, 8, 12}, {8, 1, 3}}),
                m(new double[][] {{1, 9, 2}, {-5, -2, 6}})), 1e-15);
        assertInstanceOf(MeanAbsoluteError.class, Registry.LOSSES.create("mae"));
        assertEquals("mean_absolute_error", Registry.LOSSES.create("mae").name());
    }

    @Test
    void huberMatchesKeras() {
        assertEquals(0.155, new Huber().value(m(new double[][] {{0.6, 0.4}, {0.4, 0.6}}),
                m(new double[][] {{0, 1}, {0, 0}})), 1e-12);
        assertEquals(0.625 / 6, new Huber(1.0).value(m(new double[][] {{0.9, 0.2, 0.2}, {0.8, 0.4, 0.6}}),
                m(new double[][] {{1, 0, 1}, {1, 0, 0}})), 1e-15);
        // beyond delta the loss is linear: errors 3 and -0.5 with delta 2 give (2*3 - 2) and 0.125
        assertEquals((4.0 + 0.125) / 2, new Huber(2.0).value(m(new double[][] {{3, -0.5}}), m(new double[][] {{0, 0}})), 1e-15);
        Huber huber = assertInstanceOf(Huber.class, Registry.LOSSES.create("huber", Map.of("delta", 2.5)));
        assertEquals(2.5, huber.delta());
        assertEquals(Map.of("delta", 2.5), huber.config());
        assertEquals(1.0, ((Huber) Registry.LOSSES.create("huber")).delta());
    }

    @Test
    void crossentropiesFromLogitsMatchKeras() {
        assertEquals(0.0573, new CategoricalCrossentropy(true).value(LOGITS, EYE3), 1e-4);
        assertEquals(0.0573, new SparseCategoricalCrossentropy(true).value(LOGITS, column(0, 1, 2)), 1e-4);
        assertEquals(3.3333, new BinaryCrossentropy(true).value(m(new double[][] {{10, -10, 10}, {10, 10, -10}}),
                m(new double[][] {{1, 0, 1}, {0, 1, 1}})), 1e-4);
        assertEquals(0.8654, new BinaryCrossentropy(true).value(m(new double[][] {{-18.6, 0.51, 2.94, -12.8}}),
                m(new double[][] {{0, 1, 0, 0}})), 1e-4);
        // the logits forms are the probability forms after a softmax / sigmoid, where no clipping happens
        INDArray p = LOGITS.dup();
        new Softmax().forward(p, p);
        assertEquals(new CategoricalCrossentropy().value(p, EYE3), new CategoricalCrossentropy(true).value(LOGITS, EYE3), 1e-12);
    }

    @Test
    void crossentropiesOnProbabilitiesMatchKeras() {
        INDArray p = m(new double[][] {{0.05, 0.95, 0}, {0.1, 0.8, 0.1}});
        assertEquals(1.177, new SparseCategoricalCrossentropy().value(p, column(1, 2)), 1e-3);
        assertEquals(1.177, new CategoricalCrossentropy().value(p, m(new double[][] {{0, 1, 0}, {0, 0, 1}})), 1e-3);
        assertEquals(0.20046903, new BinaryCrossentropy().value(m(new double[][] {{0.9, 0.1, 0.2}, {0.3, 0.8, 0.1}, {0.1, 0.2, 0.7}}),
                EYE3), 1e-6); // Keras' rtol (it computes in float32)
        // rows that do not sum to 1: sparse gives exactly the categorical value of the one-hot labels
        // (clipped, not renormalised; Keras' non-TF backends renormalise and get 0.3239 here)
        INDArray unnormalised = m(new double[][] {{0.9, 0.05, 0.05}, {0.5, 0.89, 0.6}, {0.05, 0.01, 0.94}});
        assertEquals(new CategoricalCrossentropy().value(unnormalised, EYE3),
                new SparseCategoricalCrossentropy().value(unnormalised, column(0, 1, 2)), 1e-15);
    }

    @Test
    void logitsFormsStayFiniteForHugeLogits() {
        INDArray huge = m(new double[][] {{1000, -1000, 0}, {-1000, 1000, 500}});
        INDArray oneHot = m(new double[][] {{0, 1, 0}, {0, 0, 1}});
        for (Loss loss : List.<Loss>of(new CategoricalCrossentropy(true), new BinaryCrossentropy(true))) {
            INDArray targets = oneHot;
            double value = loss.value(huge, targets);
            INDArray gradient = huge.ulike();
            loss.gradient(huge, targets, gradient);
            assertTrue(Double.isFinite(value), loss + ": " + value);
            for (double g : gradient.data().asDouble()) {
                assertTrue(Double.isFinite(g) && Math.abs(g) <= 1, loss + ": " + gradient);
            }
        }
        // row 0: -(z_1 - logsumexp) = 2000; row 1: 1000 - 500 = 500
        assertEquals(1250, new SparseCategoricalCrossentropy(true).value(huge, column(1, 2)), 1e-9);
        assertEquals(1250, new CategoricalCrossentropy(true).value(huge, oneHot), 1e-9);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Random random = new Random(21);
        INDArray labels = column(2, 0, 1, 2, 1);
        INDArray oneHot = m(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
        INDArray probabilities = TestArrays.uniform(random, 5, 3, 0.05, 0.95);
        INDArray logits = TestArrays.uniform(random, 5, 3, -4, 4);
        INDArray regression = TestArrays.uniform(random, 5, 3, -2, 2);
        INDArray regressionTargets = TestArrays.uniform(random, 5, 3, -2, 2);
        INDArray binaryTargets = TestArrays.uniform(random, 5, 3, 0, 1);
        check(new SparseCategoricalCrossentropy(), probabilities, labels);
        check(new SparseCategoricalCrossentropy(true), logits, labels);
        check(new CategoricalCrossentropy(true), logits, oneHot);
        check(new CategoricalCrossentropy(true), logits, TestArrays.uniform(random, 5, 3, 0, 1)); // soft, rows not summing to 1
        check(new BinaryCrossentropy(true), logits, binaryTargets);
        check(new MeanAbsoluteError(), regression, regressionTargets);
        check(new Huber(), regression, regressionTargets);
        check(new Huber(0.3), regression, regressionTargets);
    }

    @Test
    void sparseFusedGradientMatchesTheOneHotCategoricalOne() {
        INDArray z = TestArrays.uniform(new Random(4), 4, 5, -3, 3);
        INDArray p = z.dup();
        new Softmax().forward(p, p);
        INDArray labels = column(4, 0, 2, 2);
        INDArray oneHot = Nd4j.zeros(4, 5);
        for (int b = 0; b < 4; b++) {
            oneHot.putScalar(b, labels.getInt(b, 0), 1);
        }
        SparseCategoricalCrossentropy sparse = new SparseCategoricalCrossentropy();
        assertTrue(sparse.fusesWith(new Softmax()));
        assertFalse(new SparseCategoricalCrossentropy(true).fusesWith(new Softmax()));
        assertFalse(new CategoricalCrossentropy(true).fusesWith(new Softmax()));
        assertFalse(new BinaryCrossentropy(true).fusesWith(new Sigmoid()));
        INDArray fused = p.ulike();
        sparse.gradientWrtPreActivation(p, labels, fused);
        INDArray expected = p.ulike();
        new CategoricalCrossentropy().gradientWrtPreActivation(p, oneHot, expected);
        assertEquals(0, TestArrays.maxRelativeError(expected, fused, 1e-15), 1e-15);
        // and the logits form's gradient at z equals the fused one at softmax(z)
        INDArray fromLogits = z.ulike();
        new SparseCategoricalCrossentropy(true).gradient(z, labels, fromLogits);
        assertTrue(TestArrays.maxRelativeError(expected, fromLogits, 1e-15) < 1e-12);
        assertEquals(1, sparse.targetColumns(5));
    }

    @Test
    void badTargetsAreRejectedNamingTheRow() {
        SparseCategoricalCrossentropy sparse = new SparseCategoricalCrossentropy();
        assertMessage("needs integer class indices in [0, 2] (the model outputs 3 classes); y at row 2 is 3.0",
                () -> sparse.validateTargets(column(0, 1, 3), 3));
        assertMessage("y at row 1 is 0.5", () -> sparse.validateTargets(column(0, 0.5, 1), 3));
        assertMessage("y at row 0 is -1.0", () -> sparse.validateTargets(column(-1), 3));
        assertMessage("binary_crossentropy needs targets in [0, 1] (0/1 labels or probabilities); y[1][0] = 2.0",
                () -> new BinaryCrossentropy().validateTargets(m(new double[][] {{0, 1}, {2, 0}})));
        assertMessage("y[0][1] = -0.5", () -> new BinaryCrossentropy(true).validateTargets(m(new double[][] {{0, -0.5}})));
        assertMessage("Huber delta must be a positive finite number, got 0.0", () -> new Huber(0));
        assertMessage("'fromLogits' must be true or false", () -> Registry.LOSSES.create("sparse_categorical_crossentropy",
                Map.of("fromLogits", "yes")));
    }

    @Test
    void configsRoundTripThroughTheRegistry() {
        for (Loss loss : List.<Loss>of(new SparseCategoricalCrossentropy(true), new SparseCategoricalCrossentropy(),
                new CategoricalCrossentropy(true), new BinaryCrossentropy(true), new Huber(0.7), new MeanAbsoluteError())) {
            Loss again = Registry.LOSSES.create(loss.name(), loss.config());
            assertEquals(loss.getClass(), again.getClass());
            assertEquals(loss.config(), again.config());
            assertEquals(loss.toString(), again.toString());
        }
        assertEquals(Map.of(), new CategoricalCrossentropy().config(), "the default saves as a bare name");
        assertTrue(((CategoricalCrossentropy) Registry.LOSSES.create("categorical_crossentropy",
                Map.of("fromLogits", true))).fromLogits());
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' should contain '" + expectedPart + "'");
    }

    private static void check(Loss loss, INDArray predictions, INDArray targets) {
        INDArray analytic = predictions.ulike();
        loss.gradient(predictions, targets, analytic);
        INDArray numeric = Nd4j.zeros(predictions.dataType(), predictions.shape());
        for (int i = 0; i < predictions.rows(); i++) {
            for (int j = 0; j < predictions.columns(); j++) {
                double original = predictions.getDouble(i, j);
                INDArray plus = predictions.dup();
                plus.putScalar(i, j, original + EPSILON);
                INDArray minus = predictions.dup();
                minus.putScalar(i, j, original - EPSILON);
                numeric.putScalar(i, j, (loss.value(plus, targets) - loss.value(minus, targets)) / (2 * EPSILON));
            }
        }
        double error = TestArrays.maxRelativeError(numeric, analytic, FLOOR);
        assertTrue(error <= 1e-6, loss + " relative error " + error);
    }
}
