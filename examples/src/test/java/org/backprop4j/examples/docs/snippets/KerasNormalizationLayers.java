package org.backprop4j.examples.docs.snippets;

import java.io.IOException;
import java.util.Locale;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.Split;
import org.backprop4j.examples.data.Datasets;
import org.backprop4j.layers.BatchNormalization;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.LayerNormalization;
import org.backprop4j.layers.Normalization;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;

// docs/keras-to-backprop4j.md, "Normalisation layers": Normalization + adapt, BatchNormalization and
// LayerNormalization on the iris data.
public class KerasNormalizationLayers {
    public static void main(String[] args) throws IOException {
        // snippet-start
        Split iris = Datasets.iris();
        Normalization normalizer = new Normalization();
        normalizer.adapt(iris.xTrain());                 // per-feature mean and variance, as Keras' adapt

        Sequential model = new Sequential(3L);
        model.add(normalizer);                           // adapted: it knows its 4 inputs
        model.add(new Dense(16, "relu"));
        model.add(new BatchNormalization());             // momentum 0.99, epsilon 0.001
        model.add(new Dense(16, "relu"));
        model.add(new LayerNormalization());             // epsilon 0.001
        model.add(new Dense(3, "softmax"));
        model.compile("sparse_categorical_crossentropy", new Adam(0.01), "accuracy");
        model.fit(iris.xTrain(), iris.yTrain(), new FitOptions().epochs(40).batchSize(16).verbose(0));
        System.out.print(model.summary());
        System.out.printf(Locale.ROOT, "test accuracy %.4f%n",
                model.evaluate(iris.xTest(), iris.yTest()).get("accuracy"));
        // snippet-end
    }

    /** The table's other cells, compiled here. */
    static void otherForms(INDArray x) {
        new BatchNormalization(0.9, 1e-3);
        new BatchNormalization(0.9, 1e-3, true, false);
        new LayerNormalization(1e-5);
        new Normalization(new double[] {5.8, 3.0}, new double[] {0.7, 0.2});
        new Normalization(3.0, 2.0);
        new Normalization(true).adapt(x);
        new Dense(4, "relu").setTrainable(false);
    }
}
