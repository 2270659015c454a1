package org.backprop4j.examples.docs.snippets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/backprop-in-backprop4j.md: backpropagation done by hand with the layers' own passes gives
// exactly the gradients the model computes.
public class ManualBackward {
    // snippet-start
    public static void main(String[] args) {
        INDArray x = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray y = Nd4j.create(new double[][] {{0}, {1}, {1}, {0}});
        Sequential model = new Sequential(42L);                    // the XOR example's 2-2-1 network
        model.add(new Dense(2, 2));
        model.add(new Activation("sigmoid"));
        model.add(new Dense(1));
        model.add(new Activation("sigmoid"));
        model.compile("mean_squared_error", new SGD(1.0));
        List<INDArray> fromModel = model.gradients(x, y);          // copies, in getWeights() order

        // By hand: forward through every layer, the loss gradient, then backward in reverse order.
        // A training context keeps what each layer needs for its backward pass (its input, its output).
        CallContext context = new CallContext(true, new Random(5L), DataType.DOUBLE);
        List<Layer> layers = model.getLayers();
        INDArray a = x;
        for (Layer layer : layers) {
            a = layer.forward(a, context);                          // (4, 2), (4, 2), (4, 1), (4, 1)
        }
        Loss loss = model.loss();
        INDArray g = Nd4j.zeros(DataType.DOUBLE, a.rows(), a.columns());
        loss.gradient(a, y, g);                                     // dL/da = 2 (a - y) / (B K)
        for (int l = layers.size() - 1; l >= 0; l--) {
            g = layers.get(l).backward(g, true, context);           // dL/d(input of layer l)
        }

        int index = 0;
        for (Layer layer : layers) {
            for (Parameter parameter : layer.parameters()) {
                INDArray byHand = parameter.gradient();                 // written by backward above
                double difference = byHand.sub(fromModel.get(index++)).amaxNumber().doubleValue();
                System.out.printf(Locale.ROOT, "%-8s %-6s shape %-6s max |by hand - model| = %s%n", layer.name(),
                        parameter.name(), Arrays.toString(byHand.shape()), difference);
            }
        }
    }
    // snippet-end
}
