package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.ExponentialDecay;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code test_fit_lr_correctness} (keras/src/optimizers/schedules/learning_rate_schedule_test.py):
 * Dense(2) from ones, mse, Adam(ExponentialDecay(0.05, 1, 0.9)), 3 epochs of 4 batches, no shuffle.
 */
class KerasScheduleFitTest {

    @Test
    void adamWithExponentialDecayMatchesKerasHistory() {
        INDArray x = Nd4j.arange(32).castTo(DataType.DOUBLE).reshape(16, 2);
        Sequential model = new Sequential(1L);
        model.add(new Dense(2, 2).kernelInitializer("ones").biasInitializer("ones"));
        model.compile("mse", new Adam(new ExponentialDecay(0.05, 1, 0.9, false)));
        History history = model.fit(x, x, new FitOptions().epochs(3).batchSize(4).shuffle(false).verbose(0));
        List<Double> loss = history.get("loss");
        double[] keras = {230.79457092285156, 128.30319213867188, 79.33648681640625};      // float32, rtol 5e-5
        double[] float64 = {230.79375046199908, 128.30188734404027, 79.33516255471756};    // Keras' formulas in float64
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(keras[epoch], loss.get(epoch), 5e-5 * keras[epoch], "epoch " + epoch + " vs Keras");
            assertEquals(float64[epoch], loss.get(epoch), 1e-9 * float64[epoch], "epoch " + epoch + " vs float64");
        }
        assertEquals(12, model.optimizer().iterations());
    }
}
