package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** SGD steps worked by hand: plain, momentum and Nesterov (two steps each, so the velocity matters). */
class SGDTest {

    private static final double TOLERANCE = 1e-15;

    private static double[] values(INDArray array) {
        return array.dup('c').data().asDouble();
    }

    @Test
    void plainStepSubtractsLearningRateTimesGradient() {
        INDArray kernel = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray bias = Nd4j.create(new double[] {1, -1});
        SGD sgd = new SGD(0.1);
        sgd.step(List.of(kernel, bias),
                List.of(Nd4j.create(new double[][] {{0.5, -1}, {2, 0}}), Nd4j.create(new double[] {0.25, 0.5})));
        // kernel: 1 - 0.05, 2 + 0.1, 3 - 0.2, 4 - 0;  bias: 1 - 0.025, -1 - 0.05
        assertArrayEquals(new double[] {0.95, 2.1, 2.8, 4.0}, values(kernel), TOLERANCE);
        assertArrayEquals(new double[] {0.975, -1.05}, values(bias), TOLERANCE);
        assertTrue(sgd.velocities().isEmpty(), "plain SGD keeps no velocity");
    }

    @Test
    void momentumAccumulatesVelocity() {
        INDArray w = Nd4j.create(new double[] {1.0, -2.0});
        SGD sgd = new SGD(0.1, 0.9, false);
        sgd.step(List.of(w), List.of(Nd4j.create(new double[] {0.5, 1.0})));
        // v1 = -0.1 * [0.5, 1] = [-0.05, -0.1];  w1 = w0 + v1
        assertArrayEquals(new double[] {-0.05, -0.1}, values(sgd.velocities().get(0)), TOLERANCE);
        assertArrayEquals(new double[] {0.95, -2.1}, values(w), TOLERANCE);
        sgd.step(List.of(w), List.of(Nd4j.create(new double[] {-1.0, 2.0})));
        // v2 = 0.9 v1 - 0.1 [-1, 2] = [-0.045 + 0.1, -0.09 - 0.2] = [0.055, -0.29];  w2 = w1 + v2
        assertArrayEquals(new double[] {0.055, -0.29}, values(sgd.velocities().get(0)), TOLERANCE);
        assertArrayEquals(new double[] {1.005, -2.39}, values(w), 1e-14);
    }

    @Test
    void nesterovLooksAhead() {
        INDArray w = Nd4j.create(new double[] {1.0, -2.0});
        SGD sgd = new SGD(0.1, 0.9, true);
        sgd.step(List.of(w), List.of(Nd4j.create(new double[] {0.5, 1.0})));
        // v1 = [-0.05, -0.1];  w1 = w0 + 0.9 v1 - 0.1 g1 = [1 - 0.045 - 0.05, -2 - 0.09 - 0.1]
        assertArrayEquals(new double[] {0.905, -2.19}, values(w), TOLERANCE);
        sgd.step(List.of(w), List.of(Nd4j.create(new double[] {-1.0, 2.0})));
        // v2 = [0.055, -0.29];  w2 = w1 + 0.9 v2 - 0.1 g2 = [0.905 + 0.0495 + 0.1, -2.19 - 0.261 - 0.2]
        assertArrayEquals(new double[] {1.0545, -2.651}, values(w), 1e-14);
    }

    @Test
    void resetForgetsTheVelocity() {
        INDArray w = Nd4j.create(new double[] {1.0, -2.0});
        SGD sgd = new SGD(0.1, 0.9, false);
        sgd.step(List.of(w), List.of(Nd4j.create(new double[] {0.5, 1.0})));
        sgd.reset();
        assertTrue(sgd.velocities().isEmpty());
        INDArray fresh = Nd4j.create(new double[] {1.0, -2.0});
        sgd.step(List.of(fresh), List.of(Nd4j.create(new double[] {0.5, 1.0})));
        assertArrayEquals(new double[] {0.95, -2.1}, values(fresh), TOLERANCE);
    }

    @Test
    void floatWeightsStayFloat() {
        INDArray w = Nd4j.create(new float[] {1f, -2f});
        SGD sgd = new SGD(0.5, 0.5, true);
        sgd.step(List.of(w), List.of(Nd4j.create(new float[] {1f, 2f})));
        // v = [-0.5, -1];  w = [1 - 0.25 - 0.5, -2 - 0.5 - 1]
        assertEquals(DataType.FLOAT, w.dataType());
        assertEquals(DataType.FLOAT, sgd.velocities().get(0).dataType());
        assertArrayEquals(new double[] {0.25, -3.5}, values(w), 0);
    }

    @Test
    void defaultsAreKeras() {
        SGD sgd = new SGD();
        assertEquals(0.01, sgd.learningRate(), 0);
        assertEquals(0, sgd.momentum(), 0);
        assertFalse(sgd.nesterov());
        assertEquals("sgd", sgd.name());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void badLearningRatesAreRejected(double learningRate) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new SGD(learningRate));
        assertTrue(error.getMessage().contains("learning rate") && error.getMessage().contains(String.valueOf(learningRate)),
                error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void badMomentaAreRejected(double momentum) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SGD(0.1, momentum, false));
        assertTrue(error.getMessage().contains("momentum") && error.getMessage().contains(String.valueOf(momentum)),
                error.getMessage());
    }
}
