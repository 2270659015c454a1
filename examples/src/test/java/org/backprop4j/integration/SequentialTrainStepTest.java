package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One full training step of a tiny model, worked by hand: forward, loss, gradient, SGD update.
 * (Model-level tests of core's {@link Sequential} live in the layers module because they need Dense
 * and SGD, which core cannot depend on.)
 */
class SequentialTrainStepTest {

    private static final double LEARNING_RATE = 0.1;

    @Test
    void linearDenseMeanSquaredErrorStep() {
        Sequential model = new Sequential(1).add(new Dense(1, 2)).compile("mse", new SGD(LEARNING_RATE));
        double w0 = 0.5;
        double w1 = -0.25;
        double b = 0.1;
        model.setWeights(List.of(Nd4j.create(new double[][] {{w0}, {w1}}), Nd4j.create(new double[] {b})));
        INDArray x = Nd4j.create(new double[][] {{1, 2}, {3, -1}});
        INDArray y = Nd4j.create(new double[][] {{1}, {0}});

        // forward: z_i = x_i . w + b = 0.1 and 1.85
        double z0 = 1 * w0 + 2 * w1 + b;
        double z1 = 3 * w0 - 1 * w1 + b;
        // loss: mean of (z - y)^2 over B = 2 samples, K = 1 column: (0.81 + 3.4225) / 2 = 2.11625
        double loss = ((z0 - 1) * (z0 - 1) + z1 * z1) / 2;
        // dL/dz_i = 2 (z_i - y_i) / (B K) = -0.9 and 1.85
        double d0 = 2 * (z0 - 1) / 2;
        double d1 = 2 * z1 / 2;
        // dL/dw_j = sum_i x_ij dL/dz_i = 4.65 and -3.65;  dL/db = sum_i dL/dz_i = 0.95
        double gradientW0 = 1 * d0 + 3 * d1;
        double gradientW1 = 2 * d0 - 1 * d1;
        double gradientB = d0 + d1;

        Map<String, Double> scores = model.trainOnBatch(x, y);

        assertEquals(2.11625, loss, 1e-15);
        assertEquals(loss, scores.get("loss"), 1e-15, "trainOnBatch reports the loss before the update");
        List<INDArray> weights = model.getWeights();
        // 0.5 - 0.465 = 0.035, -0.25 + 0.365 = 0.115, 0.1 - 0.095 = 0.005
        assertArrayEquals(new double[] {w0 - LEARNING_RATE * gradientW0, w1 - LEARNING_RATE * gradientW1},
                Arrays2D.rowMajor(weights.get(0)), 1e-15);
        assertArrayEquals(new double[] {0.035, 0.115}, Arrays2D.rowMajor(weights.get(0)), 1e-15);
        assertArrayEquals(new double[] {b - LEARNING_RATE * gradientB}, Arrays2D.rowMajor(weights.get(1)), 1e-15);
    }

    /** The fused sigmoid + binary cross-entropy gradient, dL/dz = (p - y) / (B K), in one step. */
    @Test
    void sigmoidBinaryCrossentropyStep() {
        Sequential model = new Sequential(1).add(new Dense(1, 2, "sigmoid"))
                .compile("binary_crossentropy", new SGD(LEARNING_RATE));
        model.setWeights(List.of(Nd4j.create(new double[][] {{0.2}, {0.4}}), Nd4j.create(new double[] {0.0})));
        INDArray x = Nd4j.create(new double[][] {{1, -1}, {0.5, 2}});
        INDArray y = Nd4j.create(new double[][] {{1}, {0}});

        double p0 = 1 / (1 + Math.exp(-(0.2 * 1 + 0.4 * -1)));   // sigmoid(-0.2)
        double p1 = 1 / (1 + Math.exp(-(0.2 * 0.5 + 0.4 * 2))); // sigmoid(0.9)
        double loss = -(Math.log(p0) + Math.log(1 - p1)) / 2;
        double d0 = (p0 - 1) / 2;
        double d1 = (p1 - 0) / 2;

        Map<String, Double> scores = model.trainOnBatch(x, y);

        assertEquals(loss, scores.get("loss"), 1e-15);
        List<INDArray> weights = model.getWeights();
        assertArrayEquals(new double[] {0.2 - LEARNING_RATE * (1 * d0 + 0.5 * d1), 0.4 - LEARNING_RATE * (-1 * d0 + 2 * d1)},
                Arrays2D.rowMajor(weights.get(0)), 1e-15);
        assertArrayEquals(new double[] {-LEARNING_RATE * (d0 + d1)}, Arrays2D.rowMajor(weights.get(1)), 1e-15);
    }

    @Test
    void gradientsLeaveTheWeightsAlone() {
        Sequential model = ModelFixtures.xorModel(3, 1.0);
        double[] before = ModelFixtures.flatWeights(model);
        List<INDArray> gradients = model.gradients(ModelFixtures.xorX(), ModelFixtures.xorY());
        assertEquals(4, gradients.size());
        assertArrayEquals(before, ModelFixtures.flatWeights(model));
        gradients.get(0).addi(1000);   // copies: changing them changes nothing in the model
        assertArrayEquals(before, ModelFixtures.flatWeights(model));
    }
}
