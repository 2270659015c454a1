package org.backprop4j.examples.docs.snippets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

// docs/keras-to-backprop4j.md: the rest of the Keras calls (keyword arguments, optimizer settings,
// evaluate, rounding predictions, weights, History), on the 4-bit reversal's training data.
public class KerasFitOptions {
    public static void main(String[] args) {
        // snippet-start: fit
        INDArray x = Nd4j.create(new double[][] {
                {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 1, 0, 1}, {0, 1, 1, 0}, {0, 1, 1, 1}});
        INDArray y = Nd4j.create(new double[][] {
                {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 1, 0}, {1, 1, 1, 0}});

        Sequential model = new Sequential(3L);
        model.add(new Dense(8, 4, "sigmoid"));
        model.add(new Dense(4, "sigmoid"));
        model.compile("mse", new SGD(0.5, 0.9, true), "binary_accuracy");
        History history = model.fit(x, y, new FitOptions().epochs(300).batchSize(8).verbose(0).shuffle(false));
        // snippet-end

        // snippet-start: after
        List<Double> losses = history.get("loss");                  // history.history['loss']
        System.out.printf(Locale.ROOT, "recorded %s for %d epochs; loss %.4f -> %.4f%n",
                history.history().keySet(), history.epochs(), losses.get(0), losses.get(losses.size() - 1));

        Map<String, Double> scores = model.evaluate(x, y);          // {loss=..., binary_accuracy=...}
        System.out.printf(Locale.ROOT, "evaluate: loss %.4f, binary_accuracy %.4f%n",
                scores.get("loss"), scores.get("binary_accuracy"));
        model.evaluate(x, y, 1);                                    // verbose=1: also prints Keras' progress line

        INDArray rounded = Transforms.round(model.predict(x));     // np.round(model.predict(x))
        System.out.println("rounded predictions equal y: " + rounded.equals(y));

        List<INDArray> weights = model.getWeights();                // [kernel0, bias0, kernel1, bias1]
        weights.forEach(w -> System.out.print(Arrays.toString(w.shape()) + " "));
        System.out.println();
        model.setWeights(weights);

        Map<String, Double> before = model.trainOnBatch(x, y);      // one SGD step, scores from before it
        System.out.printf(Locale.ROOT, "train_on_batch: loss %.4f%n", before.get("loss"));
        // snippet-end
    }
}
