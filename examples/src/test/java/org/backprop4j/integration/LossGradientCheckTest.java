package org.backprop4j.integration;

import static org.backprop4j.core.TestArrays.oneHot;
import static org.backprop4j.core.TestArrays.uniform;
import static org.backprop4j.layers.ModelFixtures.assertGradientsMatch;
import static org.backprop4j.layers.ModelFixtures.withRandomBiases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every loss inside a model, against central differences: the fused pairs (sigmoid + binary
 * cross-entropy, softmax + categorical cross-entropy, as a Dense argument and as an Activation
 * layer) and the unfused paths through {@code Loss.gradient} and the layers' backward passes.
 */
class LossGradientCheckTest {

    private static Sequential compiled(Sequential model, String loss, boolean expectFused) {
        model.compile(loss, new SGD());
        List<Layer> layers = model.getLayers();
        Layer output = layers.get(layers.size() - 1);
        boolean fused = output.outputActivation() != null && model.loss().fusesWith(output.outputActivation());
        assertEquals(expectFused, fused, "fused path");
        return model;
    }

    @Test
    void meanSquaredErrorAfterTanh() {
        Random random = new Random(41);
        Sequential model = compiled(new Sequential(41).add(new Dense(3, 4, "tanh")), "mse", false);
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 4, -1, 1), uniform(random, 6, 3, -1, 1));
    }

    @Test
    void binaryCrossentropyFusedWithSigmoidActivationLayer() {
        Random random = new Random(42);
        Sequential model = compiled(new Sequential(42).add(new Dense(3, 4)).add(new Activation("sigmoid")),
                "binary_crossentropy", true);
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 4, -1, 1), oneHot(random, 6, 3));
    }

    @Test
    void binaryCrossentropyFusedWithSigmoidDenseArgument() {
        Random random = new Random(43);
        Sequential model = compiled(new Sequential(43).add(new Dense(4, 3, "tanh")).add(new Dense(2, "sigmoid")),
                "binary_crossentropy", true);
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 3, -1, 1), oneHot(random, 6, 2));
    }

    /** A linear output kept inside (0, 1) (small kernel, bias 0.5): BCE's own gradient, no fusion. */
    @Test
    void binaryCrossentropyAfterLinearOutputUnfused() {
        Random random = new Random(44);
        Sequential model = compiled(new Sequential(44).add(new Dense(3, 4)), "binary_crossentropy", false);
        model.setWeights(List.of(uniform(random, 4, 3, -0.1, 0.1), Nd4j.valueArrayOf(new long[] {3}, 0.5)));
        INDArray x = uniform(random, 6, 4, -1, 1);
        INDArray p = model.predict(x);
        assertTrue(p.minNumber().doubleValue() > 0.05 && p.maxNumber().doubleValue() < 0.95, "p stays in (0, 1): " + p);
        assertGradientsMatch(model, x, uniform(random, 6, 3, 0, 1));
    }

    @Test
    void categoricalCrossentropyFusedWithSoftmaxActivationLayer() {
        Random random = new Random(45);
        Sequential model = compiled(new Sequential(45).add(new Dense(3, 4)).add(new Activation("softmax")),
                "categorical_crossentropy", true);
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 4, -1, 1), oneHot(random, 6, 3));
    }

    @Test
    void categoricalCrossentropyFusedWithSoftmaxDenseArgument() {
        Random random = new Random(46);
        Sequential model = compiled(new Sequential(46).add(new Dense(4, 3, "relu")).add(new Dense(3, "softmax")),
                "categorical_crossentropy", true);
        withRandomBiases(model, random, 0.1, 0.5);
        INDArray x = uniform(random, 6, 3, 0.1, 1); // positive inputs and biases: relu stays clear of its kink
        assertGradientsMatch(model, x, oneHot(random, 6, 3));
    }

    /** Sigmoid outputs with categorical cross-entropy: dL/dp = -y / p / B, then sigmoid's backward pass. */
    @Test
    void categoricalCrossentropyAfterSigmoidUnfused() {
        Random random = new Random(47);
        Sequential model = compiled(new Sequential(47).add(new Dense(3, 4, "sigmoid")), "categorical_crossentropy", false);
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 4, -1, 1), oneHot(random, 6, 3));
    }

    /** A softmax Activation layer under MSE: the softmax Jacobian product in the backward pass. */
    @Test
    void softmaxActivationFollowedByMeanSquaredError() {
        Random random = new Random(48);
        Sequential model = compiled(new Sequential(48).add(new Dense(3, 4)).add(new Activation("softmax")), "mse", false);
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 4, -2, 2), oneHot(random, 6, 3));
    }
}
