package org.backprop4j.examples.docs.snippets;

import java.nio.file.Path;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.activations.ElementwiseActivation;
import org.backprop4j.core.callbacks.BackupAndRestore;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/keras-to-backprop4j.md, "The model as data, names and resuming": the Java column of its table.
// Compiled by the tests; the behaviour is tested in org.backprop4j.integration (ModelPopTest and the others).
public class ModelAsData {
    /** A user's ReLU that takes the built-in's name over, explicitly. */
    public static final class MyRelu extends ElementwiseActivation {
        @Override
        public float apply(float z) {
            return Math.max(z, 0f);
        }

        @Override
        public double apply(double z) {
            return Math.max(z, 0.0);
        }

        @Override
        public float backward(float z, float a, float g) {
            return z > 0 ? g : 0f;
        }

        @Override
        public double backward(double z, double a, double g) {
            return z > 0 ? g : 0.0;
        }
    }

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
        INDArray x = Nd4j.rand(DataType.DOUBLE, 20, 4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 20, 1);
        // snippet-start: backup
        copy.compile("sparse_categorical_crossentropy", new Adam(0.01));
        copy.fit(x, labels, new FitOptions().epochs(100).callbacks(new BackupAndRestore(Path.of("backup"))));
        // snippet-end
        Sequential registered = copy;
        // snippet-start: replace
        Registry.ACTIVATIONS.replace("relu", MyRelu.class, config -> new MyRelu());
        // snippet-end
        System.out.println(registered.summary());
    }
}
