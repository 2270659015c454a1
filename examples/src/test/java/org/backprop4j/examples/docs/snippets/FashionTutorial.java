package org.backprop4j.examples.docs.snippets;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.backprop4j.examples.data.FashionMnist;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Flatten;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

// docs/fashion.md: TensorFlow's beginner tutorial, line by line, on the committed subset.
public class FashionTutorial {
    public static void main(String[] args) throws IOException {
        // snippet-start
        // fashion_mnist.load_data(); the full set: FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY)
        FashionMnist data = FashionMnist.loadSubset();
        DataType type = DataType.DOUBLE;        // Keras computes in FLOAT; DOUBLE prints the same digits everywhere
        INDArray trainImages = data.train().pictures(type);    // train_images / 255.0, shape (1000, 28, 28)
        INDArray trainLabels = data.train().labels(type);      // class indices, shape (1000, 1)
        INDArray testImages = data.test().pictures(type);
        INDArray testLabels = data.test().labels(type);

        Sequential model = new Sequential(42L, type);
        model.add(new Flatten(28, 28));                        // Flatten(input_shape=(28, 28)): 28x28 -> 784
        model.add(new Dense(128, "relu"));
        model.add(new Dense(10));                              // logits
        model.compile(new SparseCategoricalCrossentropy(true), new Adam(), "accuracy");
        model.fit(trainImages, trainLabels, new FitOptions().epochs(10).batchSize(32).verbose(0));

        Map<String, Double> scores = model.evaluate(testImages, testLabels);
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", scores.get("accuracy"));

        // probability_model = Sequential([model, Softmax()]); predictions = probability_model.predict(test_images)
        INDArray predictions = Transforms.softmax(model.predict(testImages));
        INDArray first = predictions.getRow(0);
        int predicted = first.argMax().getInt(0);              // np.argmax(predictions[0])
        System.out.printf(Locale.ROOT, "picture 0: predicted %s with probability %.3f; its label: %s%n",
                FashionMnist.CLASS_NAMES.get(predicted), first.getDouble(predicted),
                FashionMnist.CLASS_NAMES.get(data.test().label(0)));
        // snippet-end
    }
}
