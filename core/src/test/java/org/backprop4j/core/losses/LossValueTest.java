package org.backprop4j.core.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.core.Loss;
import org.backprop4j.core.Registry;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Loss values on small batches against hand computation, including Keras' clipping to [1e-7, 1 - 1e-7]. */
class LossValueTest {

    private static final double EPSILON = 1e-7;

    private static INDArray m(double[][] values) {
        return Nd4j.create(values);
    }

    @Test
    void meanSquaredErrorIsTheMeanOverAllElements() {
        // differences 0.1, -0.1, -0.2, 0.4; squares 0.01 + 0.01 + 0.04 + 0.16 = 0.22; over 4 elements: 0.055
        double value = new MeanSquaredError().value(m(new double[][] {{0.1, 0.9}, {0.8, 0.4}}),
                m(new double[][] {{0, 1}, {1, 0}}));
        assertEquals(0.055, value, 1e-15);
    }

    @Test
    void binaryCrossentropyIsTheMeanOverAllElements() {
        // -(1/4) [log 0.9 + log(1 - 0.2) + log 0.6 + log(1 - 0.3)]
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.7)) / 4;
        double value = new BinaryCrossentropy().value(m(new double[][] {{0.9, 0.2}, {0.6, 0.3}}),
                m(new double[][] {{1, 0}, {1, 0}}));
        assertEquals(expected, value, 1e-15);
    }

    @Test
    void binaryCrossentropyWithSoftTargetsUsesBothTerms() {
        // y = 0.25: -(0.25 log 0.4 + 0.75 log 0.6)
        double expected = -(0.25 * Math.log(0.4) + 0.75 * Math.log(0.6));
        assertEquals(expected, new BinaryCrossentropy().value(m(new double[][] {{0.4}}), m(new double[][] {{0.25}})), 1e-15);
    }

    @Test
    void binaryCrossentropyOfCertainWrongAnswersIsClippedAndFinite() {
        // p = 0 with y = 1 and p = 1 with y = 0: both clipped, each -log(1e-7)
        double wrong = new BinaryCrossentropy().value(m(new double[][] {{0}, {1}}), m(new double[][] {{1}, {0}}));
        assertEquals(-Math.log(EPSILON), wrong, 1e-7);
        assertTrue(Double.isFinite(wrong));
        // p = 0 with y = 0 and p = 1 with y = 1: each -log(1 - 1e-7), about 1e-7
        double right = new BinaryCrossentropy().value(m(new double[][] {{0}, {1}}), m(new double[][] {{0}, {1}}));
        assertEquals(-Math.log(1 - EPSILON), right, 1e-15);
    }

    @Test
    void categoricalCrossentropySumsOverClassesAndAveragesOverSamples() {
        // sample 0: -log 0.7; sample 1: -log 0.3; mean of the two
        double expected = -(Math.log(0.7) + Math.log(0.3)) / 2;
        double value = new CategoricalCrossentropy().value(
                m(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}}), m(new double[][] {{1, 0, 0}, {0, 0, 1}}));
        assertEquals(expected, value, 1e-15);
    }

    @Test
    void categoricalCrossentropyOfAZeroProbabilityIsClippedAndFinite() {
        // sample 0 gives its class probability 0: -log(1e-7); sample 1: -log 0.5
        double value = new CategoricalCrossentropy().value(
                m(new double[][] {{0, 0.5, 0.5}, {0.5, 0.5, 0}}), m(new double[][] {{1, 0, 0}, {0, 1, 0}}));
        assertEquals((-Math.log(EPSILON) - Math.log(0.5)) / 2, value, 1e-12);
        assertTrue(Double.isFinite(value));
    }

    @Test
    void categoricalCrossentropyRejectsTargetsThatAreNotDistributions() {
        CategoricalCrossentropy loss = new CategoricalCrossentropy();
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> loss.validateTargets(m(new double[][] {{1, 0}, {0.5, 0}})));
        assertTrue(sum.getMessage().contains("row 1") && sum.getMessage().contains("0.5"), sum.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> loss.validateTargets(m(new double[][] {{2, -1}})));
        assertTrue(range.getMessage().contains("y[0][0] = 2.0"), range.getMessage());
        loss.validateTargets(m(new double[][] {{0.25, 0.75}, {0, 1}}));
    }

    @Test
    void namesAndAliasesFindTheLosses() {
        assertInstanceOf(MeanSquaredError.class, Registry.LOSSES.create("mean_squared_error"));
        assertInstanceOf(MeanSquaredError.class, Registry.LOSSES.create("mse"));
        assertInstanceOf(BinaryCrossentropy.class, Registry.LOSSES.create("binary_crossentropy"));
        assertInstanceOf(CategoricalCrossentropy.class, Registry.LOSSES.create("Categorical_Crossentropy"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Registry.LOSSES.create("hinge_typo"));
        assertTrue(error.getMessage().contains("'hinge_typo'"), error.getMessage());
        for (String valid : java.util.List.of("mean_squared_error", "mse", "binary_crossentropy", "categorical_crossentropy")) {
            assertTrue(error.getMessage().contains(valid), error.getMessage());
        }
        Loss mse = Registry.LOSSES.create("mse");
        assertEquals("mean_squared_error", mse.name());
    }
}
