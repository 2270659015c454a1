package org.backprop4j.examples.docs.snippets;

// The first model of docs/getting-started.md: XOR with 8 tanh units, trained for 500 epochs.
// snippet-start
import java.util.Locale;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class FirstModel {
    public static void main(String[] args) {
        INDArray x = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray y = Nd4j.create(new double[][] {{0}, {1}, {1}, {0}});

        Sequential model = new Sequential(1L);          // seed 1: the same weights every run
        model.add(new Dense(8, 2));                     // 8 units, 2 inputs (Keras: input_shape=(2,))
        model.add(new Activation("tanh"));
        model.add(new Dense(1, "sigmoid"));             // a Dense layer with its activation built in
        model.compile("binary_crossentropy", new SGD(0.5), "accuracy");
        System.out.print(model.summary());

        model.fit(x, y, 500, 4);                        // 500 epochs, batch size 4
        INDArray p = model.predict(x);
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "%.0f xor %.0f -> %.4f%n", x.getDouble(i, 0), x.getDouble(i, 1), p.getDouble(i, 0));
        }
    }
}
// snippet-end
