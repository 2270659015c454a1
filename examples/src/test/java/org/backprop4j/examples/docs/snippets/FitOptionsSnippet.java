package org.backprop4j.examples.docs.snippets;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;

// docs/getting-started.md: fit with Keras' other options.
final class FitOptionsSnippet {

    private FitOptionsSnippet() {
    }

    static History train(Sequential model, INDArray x, INDArray y) {
        // snippet-start
        History history = model.fit(x, y, new FitOptions().epochs(500).batchSize(4).verbose(2).shuffle(false));
        // snippet-end
        return history;
    }
}
