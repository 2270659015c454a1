package org.backprop4j.examples.docs.snippets;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Flatten;
import org.backprop4j.layers.GaussianDropout;
import org.backprop4j.layers.GaussianNoise;
import org.backprop4j.layers.Input;
import org.backprop4j.layers.Rescaling;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/keras-to-backprop4j.md, "Pictures, rescaling and noise": samples of a shape, Rescaling and the
// two noise layers on 200 made-up 28x28 pictures of bytes (is the left half brighter than the right?).
public class KerasShapes {
    public static void main(String[] args) {
        // snippet-start
        Random random = new Random(7);
        double[][][] pixels = new double[200][28][28];                  // bytes 0..255, as load_data() gives them
        double[] classes = new double[200];
        for (int i = 0; i < 200; i++) {
            double left = 0;
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    pixels[i][r][c] = random.nextInt(256);
                    left += c < 14 ? pixels[i][r][c] : -pixels[i][r][c];
                }
            }
            classes[i] = left > 0 ? 1 : 0;
        }
        INDArray pictures = Nd4j.create(pixels);                         // (200, 28, 28)
        INDArray labels = Nd4j.create(classes, new long[] {200, 1});

        Sequential model = new Sequential(5L);
        model.add(new Input(28, 28));                                    // keras.Input((28, 28))
        model.add(new Rescaling(2.0 / 255, -1.0));                       // Rescaling(2./255, offset=-1): to [-1, 1]
        model.add(new GaussianNoise(0.1));                               // training only
        model.add(new Flatten());                                        // (None, 28, 28) -> (None, 784)
        model.add(new Dense(16, "relu"));
        model.add(new GaussianDropout(0.2));                             // training only
        model.add(new Dense(2, "softmax"));
        model.compile("sparse_categorical_crossentropy", new Adam(0.001), "accuracy");
        System.out.print(model.summary());
        model.fit(pictures, labels, new FitOptions().epochs(30).batchSize(32).verbose(0));
        Map<String, Double> scores = model.evaluate(pictures, labels);   // no noise in evaluate and predict
        System.out.printf(Locale.ROOT, "accuracy %.4f; predict gives %s%n", scores.get("accuracy"),
                Arrays.toString(model.predict(pictures).shape()));

        Sequential same = new Sequential(5L).add(new Flatten(28, 28)).add(new Dense(16, "relu"));  // Flatten(input_shape=(28, 28))
        System.out.println(same.getLayers().get(0) + ", " + new Rescaling(1.0 / 255));
        // snippet-end
    }
}
