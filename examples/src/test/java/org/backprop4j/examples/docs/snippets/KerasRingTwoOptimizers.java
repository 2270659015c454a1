package org.backprop4j.examples.docs.snippets;

import java.util.List;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adadelta;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Adamax;
import org.backprop4j.optim.ExponentialDecay;
import org.backprop4j.optim.Lion;
import org.backprop4j.optim.Nadam;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/keras-to-backprop4j.md: the ring-2 optimizers and the base-optimizer options of the Keras MLP
// parity table, compiled, each trained for a few steps by name or as an object.
public class KerasRingTwoOptimizers {
    public static void main(String[] args) {
        List<Optimizer> optimizers = List.of(new AdamW(), new AdamW(0.001, 0.004),
                new AdamW(0.001, 0.004, 0.9, 0.999, 1e-7, false),
                new Nadam(), new Nadam(0.001, 0.9, 0.999, 1e-7), new Adamax(), new Adamax(0.001, 0.9, 0.999, 1e-7),
                new Adadelta(), new Adadelta(0.001, 0.95, 1e-7), new Lion(), new Lion(0.001, 0.9, 0.99),
                new AdamW(new ExponentialDecay(0.01, 1000, 0.9, false), 0.004),
                new Adam().weightDecay(0.01), new SGD().clipvalue(0.5));
        Adam clipped = new Adam().clipnorm(1.0);                  // the setters return the optimizer's own type
        Adam globally = new Adam().globalClipnorm(1.0);
        AdamW decayed = new AdamW().weightDecay(0.01);           // replaces the constructor's 0.004

        INDArray x = Nd4j.rand(32, 3);
        INDArray y = x.sum(1).reshape(32, 1);
        for (String name : List.of("adamw", "nadam", "adamax", "adadelta", "lion")) {
            Sequential model = new Sequential(1L).add(new Dense(1, 3)).compile("mse", name);
            model.fit(x, y, new FitOptions().epochs(2).batchSize(8).verbose(0));
        }
        for (Optimizer optimizer : List.of(optimizers.get(0), clipped, globally, decayed)) {
            new Sequential(1L).add(new Dense(1, 3)).compile("mse", optimizer)
                    .fit(x, y, new FitOptions().epochs(2).batchSize(8).verbose(0));
        }
        System.out.println(optimizers.size() + 4 + " optimizers built and trained");
    }
}
