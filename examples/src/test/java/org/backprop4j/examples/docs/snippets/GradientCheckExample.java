package org.backprop4j.examples.docs.snippets;

import java.util.Locale;

import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/backprop-in-backprop4j.md: every analytic gradient against central differences.
public class GradientCheckExample {
    // snippet-start
    public static void main(String[] args) {
        INDArray x = Nd4j.create(new double[][] {{0.2, -0.4, 0.9}, {1.0, 0.3, -0.5}, {-0.7, 0.8, 0.1}});
        INDArray y = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 0}});

        Sequential fused = new Sequential(11L);                     // softmax + cross-entropy: p - y
        fused.add(new Dense(4, 3, "tanh"));
        fused.add(new Dense(2, "softmax"));
        fused.compile("categorical_crossentropy", new SGD());

        Sequential layered = new Sequential(11L);                   // every Jacobian applied in turn
        layered.add(new Dense(4, 3));
        layered.add(new Activation("sigmoid"));
        layered.add(new Dense(2));
        layered.add(new Activation("softmax"));
        layered.compile("mean_squared_error", new SGD());

        for (Sequential model : new Sequential[] {fused, layered}) {
            System.out.println(model == fused ? "tanh, softmax, categorical_crossentropy (fused p - y):"
                    : "sigmoid, softmax, mean_squared_error (every backward pass in turn):");
            GradientCheck.Result result = GradientCheck.check(model, x, y);     // epsilon 1e-6
            result.worstRelativeErrors().forEach((weights, error) -> System.out.printf(Locale.ROOT,
                    "  %-15s worst relative error %.1e%n", weights, error));
            System.out.println("  every one below 1e-6: " + (result.maxRelativeError() < 1e-6));
        }
    }
    // snippet-end
}
