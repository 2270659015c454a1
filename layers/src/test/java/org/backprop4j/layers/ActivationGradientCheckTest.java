package org.backprop4j.layers;

import static org.backprop4j.core.TestArrays.uniform;
import static org.backprop4j.layers.ModelFixtures.assertGradientsMatch;
import static org.backprop4j.layers.ModelFixtures.withRandomBiases;

import java.util.Random;

import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Activation layer's backward pass against central differences, as an output and as a hidden layer. */
class ActivationGradientCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "softmax", "tanh", "relu", "linear"})
    void activationAsOutputLayer(String name) {
        Random random = new Random(31);
        Sequential model = new Sequential(31).add(new Dense(3, 4)).add(new Activation(name)).compile("mse", new SGD());
        withRandomBiases(model, random, 0.1, 0.5);
        INDArray x = uniform(random, 6, 4, -1, 1);
        if (name.equals("relu")) {
            DenseGradientCheckTest.assertAwayFromTheKink(firstDense(model), x);
        }
        assertGradientsMatch(model, x, uniform(random, 6, 3, 0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "softmax", "tanh", "relu", "linear"})
    void activationAsHiddenLayer(String name) {
        Random random = new Random(32);
        Sequential model = new Sequential(32).add(new Dense(4, 3)).add(new Activation(name)).add(new Dense(2))
                .compile("mse", new SGD());
        withRandomBiases(model, random, 0.1, 0.5);
        INDArray x = uniform(random, 5, 3, -1, 1);
        if (name.equals("relu")) {
            DenseGradientCheckTest.assertAwayFromTheKink(firstDense(model), x);
        }
        assertGradientsMatch(model, x, uniform(random, 5, 2, -1, 1));
    }

    /** A one-layer model holding a copy of the first Dense layer's weights, for the kink check. */
    private static Sequential firstDense(Sequential model) {
        Dense first = (Dense) model.getLayers().get(0);
        Sequential copy = new Sequential(0).add(new Dense(first.units(), (int) first.inputSize()));
        copy.setWeights(model.getWeights().subList(0, 2));
        return copy;
    }
}
