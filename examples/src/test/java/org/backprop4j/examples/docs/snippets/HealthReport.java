package org.backprop4j.examples.docs.snippets;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.LayerHealth;
import org.backprop4j.core.callbacks.TrainingHealth;
import org.nd4j.linalg.api.ndarray.INDArray;

// docs/training-health.md: how to ask for the training-health report.
public class HealthReport {

    static TrainingHealth train(Sequential model, INDArray xTrain, INDArray yTrain) {
        // snippet-start
        TrainingHealth health = new TrainingHealth(xTrain, yTrain);   // probe data: measured after every epoch
        model.fit(xTrain, yTrain, new FitOptions().epochs(5).batchSize(32).callbacks(health));

        System.out.print(health.table());                             // one line per layer and epoch
        for (TrainingHealth.Warning warning : health.warnings()) {    // also logged at WARN, once per kind
            System.out.println(warning.message());
        }
        for (LayerHealth layer : health.records("dense")) {           // the numbers, for your own checks
            System.out.println(layer.epoch() + ": dead " + layer.deadFraction() + ", ratio " + layer.updateRatio());
        }
        // snippet-end
        return health;
    }
}
