package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.core.Parameter;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.initializers.GlorotUniform;
import org.backprop4j.core.internal.Arrays2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dense: Keras shapes and initialisation, and the forward pass by hand. */
class DenseTest {

    @Test
    void kernelIsInputsByUnitsGlorotUniformAndBiasIsZero() {
        Sequential model = new Sequential(3).add(new Dense(20, 30)).add(new Dense(10));
        Dense first = (Dense) model.getLayers().get(0);
        Dense second = (Dense) model.getLayers().get(1);
        assertArrayEquals(new long[] {30, 20}, first.kernel().shape());
        assertArrayEquals(new long[] {20}, first.bias().shape());
        assertArrayEquals(new long[] {20, 10}, second.kernel().shape());
        assertEquals(List.of("kernel", "bias"), first.parameters().stream().map(Parameter::name).toList());
        assertEquals(30 * 20 + 20, first.parameterCount());
        for (Dense dense : List.of(first, second)) {
            double limit = GlorotUniform.limit(dense.inputSize(), dense.units());
            double[] kernel = Arrays2D.rowMajor(dense.kernel());
            for (double w : kernel) {
                assertTrue(Math.abs(w) <= limit, dense.describe() + " weight " + w + " outside +-" + limit);
            }
            assertArrayEquals(new double[dense.units()], Arrays2D.rowMajor(dense.bias()), 0);
        }
    }

    @Test
    void forwardIsInputTimesKernelPlusBias() {
        Sequential model = new Sequential(1).add(new Dense(2, 3));
        model.setWeights(List.of(Nd4j.create(new double[][] {{1, -1}, {0.5, 2}, {0, 1}}), Nd4j.create(new double[] {0.1, -0.2})));
        INDArray x = Nd4j.create(new double[][] {{1, 2, 3}, {-1, 0, 2}});
        // row 0: [1 + 1 + 0 + 0.1, -1 + 4 + 3 - 0.2] = [2.1, 5.8];  row 1: [-1 + 0 + 0 + 0.1, 1 + 0 + 2 - 0.2] = [-0.9, 2.8]
        assertArrayEquals(new double[] {2.1, 5.8, -0.9, 2.8}, Arrays2D.rowMajor(model.predict(x)), 1e-15);
    }

    @Test
    void activationArgumentIsAppliedAfterTheWeightedSum() {
        Sequential model = new Sequential(1).add(new Dense(1, 2, "sigmoid"));
        model.setWeights(List.of(Nd4j.create(new double[][] {{2}, {-1}}), Nd4j.create(new double[] {0.5})));
        // z = 2 * 1 - 1 * 3 + 0.5 = -0.5
        double p = model.predict(Nd4j.create(new double[][] {{1, 3}})).getDouble(0, 0);
        assertEquals(1 / (1 + Math.exp(0.5)), p, 1e-15);
        assertEquals("sigmoid", ((Dense) model.getLayers().get(0)).activation().name());
        assertNull(new Dense(3).activation());
    }
}
