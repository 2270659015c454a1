package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Sequential#layerOutputs}: every layer's output in inference mode, as copies. */
class SequentialLayerOutputsTest {

    private static Sequential model() {
        Sequential model = new Sequential(3L);
        model.add(new Dense(3, 2));
        model.add(new Activation("relu"));
        model.add(new Dense(1, "sigmoid"));
        return model.compile("mean_squared_error", new SGD(0.1));
    }

    @Test
    void givesEachLayersOutputComputedByHand() {
        Sequential model = model();
        INDArray x = Nd4j.create(new double[][] {{0.5, -1.0}, {2.0, 0.25}});
        List<INDArray> weights = model.getWeights();

        List<INDArray> outputs = model.layerOutputs(x);

        assertEquals(3, outputs.size());
        INDArray z1 = x.mmul(weights.get(0)).addRowVector(weights.get(1));
        assertTrue(z1.equalsWithEps(outputs.get(0), 1e-15), outputs.get(0) + " vs " + z1);
        INDArray a1 = org.nd4j.linalg.ops.transforms.Transforms.relu(z1, true);
        assertTrue(a1.equalsWithEps(outputs.get(1), 1e-15));
        assertArrayEquals(new long[] {2, 1}, outputs.get(2).shape());
        assertTrue(model.predict(x).equalsWithEps(outputs.get(2), 0), "the last output is the prediction");
    }

    @Test
    void returnsCopiesAndChangesNoWeight() {
        Sequential model = model();
        INDArray x = Nd4j.create(new double[][] {{0.5, -1.0}});
        List<INDArray> before = model.getWeights();
        List<INDArray> first = model.layerOutputs(x);
        INDArray kept = first.get(0).dup();

        model.layerOutputs(Nd4j.create(new double[][] {{-3.0, 4.0}}));

        assertEquals(kept, first.get(0), "a later call must not overwrite an earlier result");
        List<INDArray> after = model.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i));
        }
    }

    @Test
    void rejectsBadInputClearly() {
        Sequential model = model();
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> model.layerOutputs(Nd4j.create(new double[][] {{1, 2, 3}})));
        assertTrue(wrongWidth.getMessage().contains("expects 2 input columns"), wrongWidth.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> model.layerOutputs(Nd4j.create(new double[][] {{1, Double.NaN}})));
        assertThrows(IllegalStateException.class, () -> new Sequential(1L).layerOutputs(Nd4j.create(new double[][] {{1}})));
    }
}
