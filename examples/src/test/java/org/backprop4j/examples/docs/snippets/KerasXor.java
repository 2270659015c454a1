package org.backprop4j.examples.docs.snippets;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/keras-to-backprop4j.md: the source articles' Keras XOR script, line for line (Keras' default
// SGD, 100,000 epochs). Compiled by the tests, not run by them: it takes minutes. Run it with
// mvn -q test-compile exec:java -pl examples -Dexec.classpathScope=test
//     -Dexec.mainClass=org.backprop4j.examples.docs.snippets.KerasXor
public class KerasXor {
    public static void main(String[] args) {
        // snippet-start
        INDArray x = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray y = Nd4j.create(new double[][] {{0}, {1}, {1}, {0}});

        Sequential model = new Sequential();
        model.add(new Dense(2, 2));
        model.add(new Activation("sigmoid"));
        model.add(new Dense(1));
        model.add(new Activation("sigmoid"));
        model.compile("mean_squared_error", "sgd", "accuracy");
        System.out.print(model.summary());

        model.fit(x, y, 100000, 4);
        System.out.println(model.predict(x));
        // snippet-end
    }
}
