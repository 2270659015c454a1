package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Parameter;
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

    /** An optimizer bound to some weights, as compile binds it to a model's; each step sets the gradients first. */
    private static final class Bound {
        private final Optimizer optimizer;
        private final List<Parameter> parameters = new ArrayList<>();

        Bound(Optimizer optimizer, INDArray... weights) {
            this.optimizer = optimizer;
            bind(weights);
        }

        /** Binds to {@code weights}, as compiling the same model again does. */
        Bound bind(INDArray... weights) {
            parameters.clear();
            for (int i = 0; i < weights.length; i++) {
                parameters.add(new Parameter("w" + i, weights[i], weights[i].ulike()));
            }
            optimizer.bind(this, parameters);
            return this;
        }

        void step(INDArray... gradients) {
            for (int i = 0; i < gradients.length; i++) {
                parameters.get(i).gradient().assign(gradients[i]);
            }
            optimizer.apply();
        }
    }

    @Test
    void plainStepSubtractsLearningRateTimesGradient() {
        INDArray kernel = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray bias = Nd4j.create(new double[] {1, -1});
        SGD sgd = new SGD(0.1);
        new Bound(sgd, kernel, bias).step(Nd4j.create(new double[][] {{0.5, -1}, {2, 0}}), Nd4j.create(new double[] {0.25, 0.5}));
        // kernel: 1 - 0.05, 2 + 0.1, 3 - 0.2, 4 - 0;  bias: 1 - 0.025, -1 - 0.05
        assertArrayEquals(new double[] {0.95, 2.1, 2.8, 4.0}, values(kernel), TOLERANCE);
        assertArrayEquals(new double[] {0.975, -1.05}, values(bias), TOLERANCE);
        assertTrue(sgd.velocities().isEmpty(), "plain SGD keeps no velocity");
    }

    @Test
    void momentumAccumulatesVelocity() {
        INDArray w = Nd4j.create(new double[] {1.0, -2.0});
        SGD sgd = new SGD(0.1, 0.9, false);
        Bound bound = new Bound(sgd, w);
        bound.step(Nd4j.create(new double[] {0.5, 1.0}));
        // v1 = -0.1 * [0.5, 1] = [-0.05, -0.1];  w1 = w0 + v1
        assertArrayEquals(new double[] {-0.05, -0.1}, values(sgd.velocities().get(0)), TOLERANCE);
        assertArrayEquals(new double[] {0.95, -2.1}, values(w), TOLERANCE);
        bound.step(Nd4j.create(new double[] {-1.0, 2.0}));
        // v2 = 0.9 v1 - 0.1 [-1, 2] = [-0.045 + 0.1, -0.09 - 0.2] = [0.055, -0.29];  w2 = w1 + v2
        assertArrayEquals(new double[] {0.055, -0.29}, values(sgd.velocities().get(0)), TOLERANCE);
        assertArrayEquals(new double[] {1.005, -2.39}, values(w), 1e-14);
    }

    @Test
    void nesterovLooksAhead() {
        INDArray w = Nd4j.create(new double[] {1.0, -2.0});
        SGD sgd = new SGD(0.1, 0.9, true);
        Bound bound = new Bound(sgd, w);
        bound.step(Nd4j.create(new double[] {0.5, 1.0}));
        // v1 = [-0.05, -0.1];  w1 = w0 + 0.9 v1 - 0.1 g1 = [1 - 0.045 - 0.05, -2 - 0.09 - 0.1]
        assertArrayEquals(new double[] {0.905, -2.19}, values(w), TOLERANCE);
        bound.step(Nd4j.create(new double[] {-1.0, 2.0}));
        // v2 = [0.055, -0.29];  w2 = w1 + 0.9 v2 - 0.1 g2 = [0.905 + 0.0495 + 0.1, -2.19 - 0.261 - 0.2]
        assertArrayEquals(new double[] {1.0545, -2.651}, values(w), 1e-14);
    }

    @Test
    void resetForgetsTheVelocity() {
        INDArray w = Nd4j.create(new double[] {1.0, -2.0});
        SGD sgd = new SGD(0.1, 0.9, false);
        Bound bound = new Bound(sgd, w);
        bound.step(Nd4j.create(new double[] {0.5, 1.0}));
        INDArray fresh = Nd4j.create(new double[] {1.0, -2.0});
        Bound again = bound.bind(fresh); // compiling again binds again: fresh velocities, step count 0
        assertEquals(0, sgd.iterations());
        assertArrayEquals(new double[] {0, 0}, values(sgd.velocities().get(0)), 0);
        again.step(Nd4j.create(new double[] {0.5, 1.0}));
        assertArrayEquals(new double[] {0.95, -2.1}, values(fresh), TOLERANCE);
    }

    @Test
    void floatWeightsStayFloat() {
        INDArray w = Nd4j.create(new float[] {1f, -2f});
        SGD sgd = new SGD(0.5, 0.5, true);
        Bound bound = new Bound(sgd, w);
        bound.step(Nd4j.create(new float[] {1f, 2f}));
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
