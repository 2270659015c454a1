package org.backprop4j.integration;

import static org.backprop4j.core.TestArrays.oneHot;
import static org.backprop4j.core.TestArrays.uniform;
import static org.backprop4j.layers.ModelFixtures.assertGradientsMatch;
import static org.backprop4j.layers.ModelFixtures.withRandomBiases;

import java.util.Random;

import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;

/** A 4-5-3-2 network (tanh, sigmoid, softmax) with categorical cross-entropy, against central differences. */
class DeepModelGradientCheckTest {

    @Test
    void threeDenseLayersWithActivationArguments() {
        Random random = new Random(51);
        Sequential model = new Sequential(51)
                .add(new Dense(5, 4, "tanh")).add(new Dense(3, "sigmoid")).add(new Dense(2, "softmax"))
                .compile("categorical_crossentropy", new SGD());
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 8, 4, -1, 1), oneHot(random, 8, 2));
    }

    @Test
    void threeDenseLayersWithActivationLayers() {
        Random random = new Random(52);
        Sequential model = new Sequential(52)
                .add(new Dense(5, 4)).add(new Activation("tanh"))
                .add(new Dense(3)).add(new Activation("sigmoid"))
                .add(new Dense(2)).add(new Activation("softmax"))
                .compile("categorical_crossentropy", new SGD());
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 8, 4, -1, 1), oneHot(random, 8, 2));
    }
}
