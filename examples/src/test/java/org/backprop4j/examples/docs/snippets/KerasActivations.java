package org.backprop4j.examples.docs.snippets;

import java.util.List;
import java.util.Locale;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.activations.Elu;
import org.backprop4j.core.activations.Exponential;
import org.backprop4j.core.activations.Gelu;
import org.backprop4j.core.activations.HardSigmoid;
import org.backprop4j.core.activations.LeakyRelu;
import org.backprop4j.core.activations.Mish;
import org.backprop4j.core.activations.Relu6;
import org.backprop4j.core.activations.Selu;
import org.backprop4j.core.activations.Silu;
import org.backprop4j.core.activations.Softplus;
import org.backprop4j.core.activations.Softsign;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ELU;
import org.backprop4j.layers.Input;
import org.backprop4j.layers.LeakyReLU;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/keras-to-backprop4j.md, "More activations": every activation by name and as an object, and the
// two activation layers, each training a small regression model.
public class KerasActivations {
    public static void main(String[] args) {
        List<Object> byName = List.of("elu", "selu", "gelu", "silu", "swish", "softplus", "softsign", "leaky_relu",
                "hard_sigmoid", "relu6", "mish", "exponential");
        List<ActivationFunction> objects = List.of(new Elu(0.5), new Selu(), new Gelu(), new Silu(), new Softplus(),
                new Softsign(), new LeakyRelu(0.1), new HardSigmoid(), new Relu6(), new Mish(), new Exponential());
        INDArray x = Nd4j.rand(64, 3).subi(0.5);
        INDArray y = x.sum(true, 1).reshape(64, 1);
        for (Object activation : byName) {
            Sequential model = new Sequential(1L).add(new Input(3));
            model.add(new Dense(8, (String) activation));
            train(model.add(new Dense(1)), x, y, activation.toString());
        }
        for (ActivationFunction activation : objects) {
            train(new Sequential(1L).add(new Dense(8, 3, activation)).add(new Dense(1)), x, y, activation.toString());
        }
        Sequential layers = new Sequential(1L).add(new Dense(8, 3)).add(new LeakyReLU()).add(new Dense(8))
                .add(new LeakyReLU(0.1)).add(new Dense(8)).add(new ELU()).add(new Dense(8)).add(new ELU(0.5))
                .add(new Dense(1));
        train(layers, x, y, "LeakyReLU and ELU layers");
    }

    private static void train(Sequential model, INDArray x, INDArray y, String what) {
        model.compile("mse", new Adam(0.01));
        double loss = model.fit(x, y, new FitOptions().epochs(20).batchSize(16).verbose(0)).get("loss").get(19);
        System.out.printf(Locale.ROOT, "%-28s loss after 20 epochs %.5f%n", what, loss);
    }
}
