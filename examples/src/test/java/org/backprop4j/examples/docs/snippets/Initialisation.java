package org.backprop4j.examples.docs.snippets;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.core.Initializer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.initializers.HeNormal;
import org.backprop4j.core.initializers.RandomNormal;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Input;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/initialisation.md: the root mean square of each relu layer's output in a 10-layer network,
// for an initialiser too small, one too large, Keras' default glorot_uniform, and he_normal.
public class Initialisation {
    public static void main(String[] args) {
        // snippet-start
        int width = 256;
        int depth = 10;
        double[][] rows = new double[500][width];                 // 500 samples of unit variance
        Random random = new Random(3);
        for (double[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextGaussian();
            }
        }
        INDArray x = Nd4j.create(rows);

        List<String> names = List.of("random_normal(0.01)", "random_normal(0.2)", "glorot_uniform", "he_normal");
        List<Initializer> initializers = List.of(new RandomNormal(0, 0.01), new RandomNormal(0, 0.2),
                Registry.INITIALIZERS.create("glorot_uniform"), new HeNormal());
        System.out.println("root mean square of each relu layer's output (input: 1.000)");
        for (int k = 0; k < names.size(); k++) {
            Sequential model = new Sequential(11L);
            model.add(new Input(width));
            for (int layer = 0; layer < depth; layer++) {
                model.add(new Dense(width, "relu").kernelInitializer(initializers.get(k)));
            }
            List<INDArray> outputs = model.layerOutputs(x);      // one (500, 256) array per layer
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s", names.get(k)));
            for (INDArray a : outputs.subList(1, outputs.size())) {   // after the Input layer
                double rms = Math.sqrt(a.mul(a).meanNumber().doubleValue());
                line.append(String.format(Locale.ROOT, " %9.3g", rms));
            }
            System.out.println(line);
        }
        // snippet-end
    }
}
