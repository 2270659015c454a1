package org.backprop4j.integration;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run by {@link LoggingTest} in a fresh JVM: a fit that provokes backprop4j's two training warnings
 * (input 1 is always 0; a learning rate of a million makes the loss overflow), then prints how it ended.
 */
public final class WarnsWhileTraining {

    private WarnsWhileTraining() {
    }

    public static void main(String[] args) {
        Sequential model = new Sequential(5);
        model.add(new Dense(1, 2));
        model.compile("mse", new SGD(1e6));
        INDArray x = Nd4j.create(new double[][] {{10, 0}, {20, 0}, {30, 0}});
        INDArray y = Nd4j.create(new double[][] {{20}, {40}, {60}});
        History history = model.fit(x, y, new FitOptions().epochs(100).batchSize(3).verbose(0));
        System.out.println("fit ended: " + history.stopReason());
    }
}
