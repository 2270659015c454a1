package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code Sequential.pop()} as Keras': the last layer removed and returned; compile again before training. */
class ModelPopTest {

    private static final INDArray X = ModelFixtures.xorX();
    private static final INDArray Y = ModelFixtures.xorY();

    @Test
    void popRemovesAndReturnsTheLastLayer() {
        Sequential model = new Sequential(3).add(new Dense(4, 2, "relu")).add(new Dense(1, "sigmoid"));
        Layer head = model.getLayers().get(1);
        assertSame(head, model.pop());
        assertEquals(1, model.getLayers().size());
        assertEquals(2, model.getWeights().size()); // dense's kernel and bias only
        assertEquals(4, model.predict(X).columns()); // the model now ends with the hidden layer
    }

    @Test
    void aCompiledModelMustBeCompiledAgainAfterPop() {
        Sequential model = ModelFixtures.xorModel(42, 1.0);
        try (ExpectedWarnings warnings = new ExpectedWarnings()) {
            model.pop();
            assertEquals(List.of("Activation 'activation_1' was removed by pop() after compile(): call compile(...) again"
                    + " before training"), warnings.messages());
        }
        assertFalse(model.isCompiled());
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.fit(X, Y, 1, 4));
        assertTrue(error.getMessage().contains("added or removed after the last compile"), error.getMessage());
        model.compile("mse", new SGD(0.1));
        model.fit(X, Y, new FitOptions().epochs(2).verbose(0));
    }

    @Test
    void popOnAnEmptyModelSaysSo() {
        Sequential model = new Sequential(1);
        IllegalStateException error = assertThrows(IllegalStateException.class, model::pop);
        assertEquals("Cannot pop(): the model has no layers", error.getMessage());
        model.add(new Dense(1, 2));
        model.pop();
        assertThrows(IllegalStateException.class, model::pop);
    }

    @Test
    void fineTuningFreezesTheBodyAndReplacesTheHead() {
        Sequential model = new Sequential(7).add(new Dense(8, 2, "tanh")).add(new Dense(1, "sigmoid"));
        model.compile("binary_crossentropy", new Adam(0.05));
        model.fit(X, Y, new FitOptions().epochs(20).batchSize(4).verbose(0));
        INDArray body = model.getWeights().get(0);
        try (ExpectedWarnings warnings = new ExpectedWarnings()) {
            model.pop();
            assertEquals(1, warnings.messages().size());
        }
        Layer frozen = model.getLayers().get(0).setTrainable(false); // chainable: returns the layer itself
        assertSame(model.getLayers().get(0), frozen);
        model.add(new Dense(2, "softmax"));
        assertEquals("dense_2", model.getLayers().get(1).name()); // names keep counting, as Keras'
        INDArray head = model.getWeights().get(2);
        model.compile("sparse_categorical_crossentropy", new Adam(0.05));
        INDArray labels = Y.reshape(4);
        model.fit(X, labels, new FitOptions().epochs(20).batchSize(4).verbose(0));
        assertArrayEquals(body.data().asDouble(), model.getWeights().get(0).data().asDouble(), 0.0);
        assertFalse(head.equals(model.getWeights().get(2)), "the new head trains");
    }

    @Test
    void popIsRefusedDuringTraining() {
        Sequential model = ModelFixtures.xorModel(42, 1.0);
        IllegalStateException[] seen = new IllegalStateException[1];
        model.fit(X, Y, new FitOptions().epochs(1).verbose(0).callbacks(new org.backprop4j.core.Callback() {
            @Override
            public void onEpochEnd(int epoch, java.util.Map<String, Double> logs) {
                seen[0] = assertThrows(IllegalStateException.class, model::pop);
            }
        }));
        assertTrue(seen[0].getMessage().contains("pop a layer"), seen[0].getMessage());
        assertEquals(4, model.getLayers().size());
    }
}
