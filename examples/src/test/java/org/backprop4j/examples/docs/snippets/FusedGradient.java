package org.backprop4j.examples.docs.snippets;

import java.util.Locale;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Registry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/softmax-cross-entropy.md: dL/dz in two steps (loss gradient, then the activation's Jacobian)
// and fused (p - y), on a mild example and on a confidently wrong one.
public class FusedGradient {
    // snippet-start
    public static void main(String[] args) {
        compare("softmax", "categorical_crossentropy", new double[] {2, 1, 0.1}, new double[] {1, 0, 0});
        compare("softmax", "categorical_crossentropy", new double[] {30, 0, -30}, new double[] {0, 0, 1});
        compare("sigmoid", "binary_crossentropy", new double[] {0.5}, new double[] {1});
        compare("sigmoid", "binary_crossentropy", new double[] {-30}, new double[] {1});
    }

    static void compare(String activationName, String lossName, double[] logits, double[] target) {
        ActivationFunction activation = Registry.ACTIVATIONS.create(activationName);
        Loss loss = Registry.LOSSES.create(lossName);
        INDArray z = Nd4j.create(new double[][] {logits});
        INDArray y = Nd4j.create(new double[][] {target});
        INDArray p = Nd4j.zeros(DataType.DOUBLE, 1, logits.length);
        activation.forward(z, p);                                   // p = f(z)

        INDArray dLdp = Nd4j.zeros(DataType.DOUBLE, 1, logits.length);
        INDArray twoSteps = Nd4j.zeros(DataType.DOUBLE, 1, logits.length);
        loss.gradient(p, y, dLdp);                                  // dL/dp, from the clipped p
        activation.backward(z, p, dLdp, twoSteps);                  // dL/dz = J^T dL/dp

        INDArray fused = Nd4j.zeros(DataType.DOUBLE, 1, logits.length);
        loss.gradientWrtPreActivation(p, y, fused);                 // dL/dz = p - y

        System.out.printf(Locale.ROOT, "%s + %s, z = %s, y = %s%n", activationName, lossName,
                Print.vector(logits, 1), Print.vector(target, 0));
        System.out.printf(Locale.ROOT, "  p         = %s   loss %.4f%n", scientific(p), loss.value(p, y));
        System.out.printf(Locale.ROOT, "  two steps = %s%n", scientific(twoSteps));
        System.out.printf(Locale.ROOT, "  fused     = %s%n", scientific(fused));
    }

    static String scientific(INDArray row) {
        StringBuilder text = new StringBuilder("[");
        for (double value : row.toDoubleVector()) {
            text.append(text.length() == 1 ? "" : " ").append(String.format(Locale.ROOT, "%11.4e", value));
        }
        return text.append(']').toString();
    }
    // snippet-end
}
