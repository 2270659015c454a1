package org.backprop4j.layers;

import static org.backprop4j.core.TestArrays.uniform;
import static org.backprop4j.layers.ModelFixtures.assertGradientsMatch;
import static org.backprop4j.layers.ModelFixtures.withRandomBiases;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Dense's backward pass against central differences: alone (linear) and with each activation argument. */
class DenseGradientCheckTest {

    @Test
    void linearDenseAlone() {
        Random random = new Random(21);
        Sequential model = new Sequential(21).add(new Dense(3, 4)).compile("mse", new SGD());
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 4, -1, 1), uniform(random, 6, 3, -1, 1));
    }

    @Test
    void twoLinearDensesPropagateThroughTheKernel() {
        Random random = new Random(22);
        Sequential model = new Sequential(22).add(new Dense(5, 4)).add(new Dense(3)).compile("mse", new SGD());
        withRandomBiases(model, random, -0.5, 0.5);
        assertGradientsMatch(model, uniform(random, 6, 4, -1, 1), uniform(random, 6, 3, -1, 1));
    }

    /** The degenerate shapes: one sample, one input, one unit (row and column vectors inside the GEMMs). */
    @Test
    void singleSampleSingleInputSingleUnit() {
        Random random = new Random(24);
        Sequential tiny = new Sequential(24).add(new Dense(1, 1, "tanh")).compile("mse", new SGD());
        withRandomBiases(tiny, random, -0.5, 0.5);
        assertGradientsMatch(tiny, uniform(random, 1, 1, -1, 1), uniform(random, 1, 1, -1, 1));
        Sequential oneSample = new Sequential(25).add(new Dense(3, 4, "sigmoid")).add(new Dense(1)).compile("mse", new SGD());
        withRandomBiases(oneSample, random, -0.5, 0.5);
        assertGradientsMatch(oneSample, uniform(random, 1, 4, -1, 1), uniform(random, 1, 1, -1, 1));
    }

    /** Dense(units, inputDim, activation) as the hidden layer and as the output layer, with MSE. */
    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "softmax", "tanh", "relu", "linear"})
    void denseWithActivationArgument(String activation) {
        Random random = new Random(23);
        Sequential model = new Sequential(23).add(new Dense(4, 3, activation)).add(new Dense(2, activation))
                .compile("mse", new SGD());
        withRandomBiases(model, random, 0.1, 0.5);
        INDArray x = uniform(random, 5, 3, -1, 1);
        if (activation.equals("relu")) {
            assertAwayFromTheKink(model, x);
        }
        assertGradientsMatch(model, x, uniform(random, 5, 2, 0, 1));
    }

    /** relu's derivative jumps at 0: central differences are only valid if every pre-activation is clear of it. */
    static void assertAwayFromTheKink(Sequential model, INDArray x) {
        INDArray activation = x;
        for (var layer : model.getLayers()) {
            Dense dense = (Dense) layer;
            INDArray z = activation.mmul(dense.kernel()).addiRowVector(dense.bias());
            double closest = Transforms.abs(z, true).minNumber().doubleValue();
            assertTrue(closest > 1e-3, dense.describe() + " has a pre-activation " + closest + " from relu's kink");
            activation = Transforms.relu(z, true);
        }
    }
}
