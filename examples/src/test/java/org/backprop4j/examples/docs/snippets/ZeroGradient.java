package org.backprop4j.examples.docs.snippets;

import java.util.List;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/generalisation.md: the first layer's kernel gradient on the 4-bit reversal data has an
// all-zero row for input 0.
public class ZeroGradient {
    public static void main(String[] args) {
        // snippet-start
        INDArray x = Nd4j.create(new double[][] {
                {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 1, 0, 1}, {0, 1, 1, 0}, {0, 1, 1, 1}});
        INDArray y = Nd4j.create(new double[][] {
                {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 1, 0}, {1, 1, 1, 0}});

        Sequential model = new Sequential(7L);
        model.add(new Dense(8, 4));
        model.add(new Activation("sigmoid"));
        model.add(new Dense(4));
        model.add(new Activation("sigmoid"));
        model.compile("mean_squared_error", new SGD(0.1));

        List<INDArray> gradients = model.gradients(x, y);      // [dL/dkernel0, dL/dbias0, ...]
        INDArray dKernel = gradients.get(0);                    // (4, 8) = x^T (6, 4) times delta (6, 8)
        System.out.println("dL/dkernel of the first layer, one row per input:");
        System.out.println(Print.matrix(dKernel, 5));
        System.out.println("largest |entry| in the row of input 0: " + dKernel.getRow(0).amaxNumber().doubleValue());
        // snippet-end
    }
}
