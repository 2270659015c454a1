package org.backprop4j.examples.docs.snippets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/backprop-in-backprop4j.md: one network trained in FUSED and in EXPLICIT_JACOBIAN mode ends
// with the same weights, up to round-off.
public class BackpropModes {
    // snippet-start
    public static void main(String[] args) {
        INDArray x = Nd4j.create(new double[][] {{0.2, -0.4, 0.9}, {1.0, 0.3, -0.5}, {-0.7, 0.8, 0.1}, {0.4, 0.4, -0.9}});
        INDArray y = Nd4j.create(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}});

        Sequential fused = model();                                         // Backprop.FUSED, the default
        Sequential explicit = model().setBackprop(Backprop.EXPLICIT_JACOBIAN);
        FitOptions options = new FitOptions().epochs(50).batchSize(2).verbose(0);
        History fusedHistory = fused.fit(x, y, options);
        History explicitHistory = explicit.fit(x, y, options);

        System.out.printf(Locale.ROOT, "loss after 50 epochs: %.4f (FUSED), %.4f (EXPLICIT_JACOBIAN)%n",
                fusedHistory.get("loss").get(49), explicitHistory.get("loss").get(49));
        List<INDArray> a = fused.getWeights();
        List<INDArray> b = explicit.getWeights();
        int index = 0;
        double largest = 0;
        for (Layer layer : fused.getLayers()) {
            for (Parameter weights : layer.parameters()) {
                double difference = a.get(index).sub(b.get(index)).amaxNumber().doubleValue();
                largest = Math.max(largest, difference);
                System.out.printf(Locale.ROOT, "%-8s %-6s %-7s max |FUSED - EXPLICIT_JACOBIAN| = %.1e%n", layer.name(),
                        weights.name(), Arrays.toString(a.get(index).shape()), difference);
                index++;
            }
        }
        System.out.println("every weight agrees within 1e-12: " + (largest < 1e-12));
    }

    /** Same seed, so both copies start from the same weights and shuffle the same way. */
    static Sequential model() {
        Sequential model = new Sequential(3L);
        model.add(new Dense(4, 3));
        model.add(new Activation("tanh"));
        model.add(new Dense(3));
        model.add(new Activation("softmax"));
        return model.compile("categorical_crossentropy", new SGD(0.5));
    }
    // snippet-end
}
