package org.example;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Trains XOR with backprop4j from a project of its own; exits with 1 unless the predictions round to 0 1 1 0. */
public class Xor {
    public static void main(String[] args) {
        INDArray x = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray y = Nd4j.create(new double[][] {{0}, {1}, {1}, {0}});

        Sequential model = new Sequential(42L);
        model.add(new Dense(2, 2)).add(new Activation("sigmoid"))
             .add(new Dense(1)).add(new Activation("sigmoid"));
        model.compile("mean_squared_error", new SGD(1.0), "accuracy");
        History history = model.fit(x, y, new FitOptions().epochs(5000).batchSize(4).verbose(0));

        INDArray p = model.predict(x);
        StringBuilder rounded = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            rounded.append(i == 0 ? "" : " ").append(Math.round(p.getDouble(i, 0)));
        }
        System.out.println(model);
        System.out.println(history);
        System.out.println("predictions round to " + rounded);
        System.exit(rounded.toString().equals("0 1 1 0") ? 0 : 1);
    }
}
