package org.backprop4j.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small models and data shared by the integration tests. */
final class Fixtures {

    static final int INPUTS = 4;
    static final int CLASSES = 3;

    private Fixtures() {
    }

    /**
     * 4-8-3 softmax classifier, categorical cross-entropy, SGD with Nesterov momentum (so the
     * optimizer has state), metric accuracy.
     */
    static Sequential classifier(long seed, DataType dataType) {
        Sequential model = new Sequential(seed, dataType);
        model.add(new Dense(8, INPUTS, "tanh"));
        model.add(new Dense(CLASSES));
        model.add(new Activation("softmax"));
        model.compile("categorical_crossentropy", new SGD(0.1, 0.9, true), "accuracy");
        return model;
    }

    /** {@code samples} rows of 4 features in [-1, 1) and their one-hot class (a fixed rule of the features). */
    static INDArray[] classification(int samples, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[samples][INPUTS];
        double[][] y = new double[samples][CLASSES];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < INPUTS; j++) {
                x[i][j] = 2 * random.nextDouble() - 1;
            }
            double score = x[i][0] + 0.5 * x[i][1] - x[i][2];
            y[i][score < -0.4 ? 0 : score < 0.4 ? 1 : 2] = 1;
        }
        return new INDArray[] {Nd4j.create(x), Nd4j.create(y)};
    }

    /** Every element's bits, so that two weight lists compare exactly (NaN and -0.0 included). */
    static List<long[]> bits(List<INDArray> arrays) {
        List<long[]> bits = new ArrayList<>();
        for (INDArray array : arrays) {
            double[] values = array.dup('c').data().asDouble();
            long[] raw = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                raw[i] = Double.doubleToRawLongBits(values[i]);
            }
            bits.add(raw);
        }
        return bits;
    }

    /** Whether two lists of arrays hold bit-identical values of the same shapes and types. */
    static boolean sameBits(List<INDArray> a, List<INDArray> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i).shape(), b.get(i).shape()) || a.get(i).dataType() != b.get(i).dataType()
                    || !java.util.Arrays.equals(bits(List.of(a.get(i))).get(0), bits(List.of(b.get(i))).get(0))) {
                return false;
            }
        }
        return true;
    }
}
