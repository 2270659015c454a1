package org.backprop4j.examples.docs.snippets;

import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;

// docs/keras-to-backprop4j.md, "The model as data, names and resuming": the Java column of its table.
// Compiled by the tests; the behaviour is tested in org.backprop4j.integration (ModelPopTest and the others).
public class ModelAsData {
    public static void main(String[] args) {
        Sequential model = new Sequential(1L).add(new Dense(8, 4, "relu")).add(new Dense(3, "softmax"));
        // snippet-start: pop
        Layer layer = model.pop();
        model.getLayers().get(0).setTrainable(false);
        String json = model.toJson();
        Sequential again = Sequential.fromJson(json);
        Sequential copy = Sequential.cloneModel(model);
        // snippet-end
        System.out.println(layer + " removed; " + json + again.summary() + copy.summary());
    }
}
