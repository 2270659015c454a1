package org.backprop4j.examples.docs.snippets;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.LiveDashboard;
import org.backprop4j.core.callbacks.TrainingHealth;
import org.nd4j.linalg.api.ndarray.INDArray;

// docs/playground.md and the README: watching any fit in the browser.
public class LiveDashboardExample {

    static void train(Sequential model, INDArray xTrain, INDArray yTrain) {
        // snippet-start
        TrainingHealth health = new TrainingHealth(xTrain, yTrain);        // optional: per-layer health numbers
        try (LiveDashboard dashboard = new LiveDashboard().watch(health)) {
            System.out.println("Open " + dashboard.url());                 // http://127.0.0.1:PORT/
            model.fit(xTrain, yTrain, new FitOptions().epochs(50).batchSize(32).validationSplit(0.2)
                    .callbacks(health, dashboard));                        // health first: its numbers are ready
        }                                                                  // close() stops the server
        // snippet-end
    }
}
