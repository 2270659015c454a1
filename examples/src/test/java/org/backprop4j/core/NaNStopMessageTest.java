package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** After a NaN stop, the message never claims that non-finite weights were "put back" as a remedy. */
class NaNStopMessageTest {

    private static final INDArray X = Nd4j.create(new double[][] {{10}, {20}, {30}});
    private static final INDArray Y = Nd4j.create(new double[][] {{20}, {40}, {60}});

    @Test
    void weightsThatWereNaNWhenFitStartedAreNotCalledPutBack() {
        Sequential model = new Sequential(5);
        model.add(new Dense(1, 1));
        model.compile("mse", new SGD(1e6));
        model.fit(X, Y, new FitOptions().epochs(100).batchSize(3).verbose(0).stopOnNaN(false));
        assertFalse(Double.isFinite(model.getWeights().get(0).getDouble(0)), "the weights diverged");

        History history = model.fit(X, Y, new FitOptions().epochs(5).batchSize(3).verbose(0));
        assertEquals(History.StopReason.NON_FINITE, history.stopReason());
        assertFalse(history.stopMessage().contains("put back"), history.stopMessage());
        assertTrue(history.stopMessage().contains("already NaN or infinite when fit started"), history.stopMessage());
    }
}
