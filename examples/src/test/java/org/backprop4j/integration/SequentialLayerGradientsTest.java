package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.Sequential;
import org.backprop4j.examples.BackpropStep;
import org.backprop4j.examples.Xor;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Sequential#layerGradients}: dL/d(output) of every layer, laid out like layerOutputs. */
class SequentialLayerGradientsTest {

    private static final INDArray X = Nd4j.create(Xor.X);
    private static final INDArray Y = Nd4j.create(Xor.Y);

    @Test
    void equalsTheHandComputedBackwardPassOfBackpropByHand() {
        BackpropStep.Step step = BackpropStep.compute(Xor.SEED, Xor.LEARNING_RATE);
        for (Backprop mode : Backprop.values()) {
            Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE).setBackprop(mode);

            List<INDArray> gradients = model.layerGradients(X, Y);     // dense, activation, dense_1, activation_1

            assertEquals(4, gradients.size());
            List<INDArray> outputs = model.layerOutputs(X);
            for (int l = 0; l < 4; l++) {
                assertArrayEquals(outputs.get(l).shape(), gradients.get(l).shape(), "layer " + l);
            }
            assertClose(step.dLdP(), gradients.get(3), mode + ": dL/dP, upstream of the output activation");
            assertClose(step.delta2(), gradients.get(2), mode + ": dL/dZ2, upstream of the output activation");
            assertClose(step.dLdA1(), gradients.get(1), mode + ": dL/dA1");
            assertClose(step.delta1(), gradients.get(0), mode + ": dL/dZ1");
        }
    }

    @Test
    void aDenseLayersBiasGradientIsItsUpstreamGradientTimesTheLocalDerivativeSummed() {
        Sequential model = new Sequential(5L);
        model.add(new Dense(3, 2, "tanh")).add(new Dense(2, "sigmoid")).add(new Dense(1, "sigmoid"));
        model.compile("mean_squared_error", new SGD(0.1));
        INDArray x = Nd4j.create(new double[][] {{0.3, -0.7}, {1.5, 0.2}, {-0.4, 0.9}});
        INDArray y = Nd4j.create(new double[][] {{1}, {0}, {1}});

        List<INDArray> upstream = model.layerGradients(x, y);
        List<INDArray> outputs = model.layerOutputs(x);
        List<INDArray> weights = model.gradients(x, y);           // kernel0, bias0, kernel1, bias1, ...

        INDArray a0 = outputs.get(0);
        INDArray delta0 = upstream.get(0).mul(a0.mul(a0).rsub(1.0));              // tanh: 1 - a^2
        assertClose(weights.get(1), delta0.sum(0), "dense bias");
        assertClose(weights.get(0), x.transpose().mmul(delta0), "dense kernel = x^T delta");
        for (int l = 1; l <= 2; l++) {
            INDArray a = outputs.get(l);
            INDArray delta = upstream.get(l).mul(a.mul(a.rsub(1.0)));                // sigmoid: a (1 - a)
            assertClose(weights.get(2 * l + 1), delta.sum(0), "dense_" + l + " bias");
            INDArray kernel = model.getWeights().get(2 * l);
            assertClose(upstream.get(l - 1), delta.mmul(kernel.transpose()), "dL/da_" + (l - 1) + " = delta W^T");
        }
    }

    @Test
    void changesNoWeightAndRefusesAnUncompiledModel() {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        List<INDArray> before = model.getWeights();
        List<INDArray> first = model.layerGradients(X, Y);
        INDArray kept = first.get(3).dup();
        model.layerGradients(X.mul(2), Y);
        assertEquals(kept, first.get(3), "copies: a later call does not overwrite them");
        List<INDArray> after = model.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i));
        }
        Sequential uncompiled = new Sequential(1L).add(new Dense(1, 2));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> uncompiled.layerGradients(X, Y));
        assertTrue(refused.getMessage().contains("layerGradients"), refused.getMessage());
    }

    private static void assertClose(double[][] expected, INDArray actual, String what) {
        assertClose(Nd4j.create(expected), actual, what);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        assertTrue(expected.equalsWithEps(actual, 1e-14), what + ": " + actual + " vs " + expected);
    }
}
