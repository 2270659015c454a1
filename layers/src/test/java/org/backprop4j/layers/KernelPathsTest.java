package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast training step is still exact: gradient checks pass on every activation and loss whichever
 * kernels run, and training with the plain-Java kernels gives the weights training with ND4J's
 * gives.
 */
class KernelPathsTest {

    /** Which kernels a run uses. */
    enum Path {
        /** The default: FastElementwise and direct BLAS for plain arrays, Java for tiny products. */
        BY_SIZE(Kernels.JAVA_MAX_ELEMENTS, Kernels.JAVA_MAX_BLAS1_ELEMENTS, Kernels.JAVA_MAX_MULTIPLY_ADDS),
        /** ND4J for everything. */
        ND4J_ONLY(0, 0, 0),
        /** Java for everything. */
        JAVA_ONLY(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

        final long[] limits;

        Path(long... limits) {
            this.limits = limits;
        }

        <T> T run(Supplier<T> work) {
            long[] previous = Kernels.setJavaLimits(limits[0], limits[1], limits[2]);
            boolean fast = FastElementwise.setEnabled(this == BY_SIZE); // the default uses the fast loops
            try {
                return work.get();
            } finally {
                FastElementwise.setEnabled(fast);
                Kernels.setJavaLimits(previous[0], previous[1], previous[2]);
            }
        }
    }

    /** Plain SGD without the optim module: {@code w -= lr * g}. */
    private static Optimizer sgd(double learningRate) {
        return new Optimizer(learningRate) {
            @Override
            protected void updateStep(int index, INDArray value, INDArray gradient, double rate) {
                value.subi(gradient.mul(rate));
            }

            @Override
            protected java.util.Map<String, Object> hyperParameters() {
                return java.util.Map.of();
            }
        };
    }

    private static Sequential model(String hidden, String output, String loss, DataType type, int inputs, int units,
                                    int outputs) {
        Sequential model = new Sequential(11L, type);
        model.add(new Dense(units, inputs)).add(new Activation(hidden));
        model.add(new Dense(outputs)).add(new Activation(output));
        return model.compile(loss, sgd(0.5));
    }

    private static INDArray inputs(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][columns];
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                row[j] = 2 * random.nextDouble() - 1;
            }
        }
        return Nd4j.create(x);
    }

    private static INDArray oneHot(int rows, int classes, long seed) {
        Random random = new Random(seed);
        double[][] y = new double[rows][classes];
        for (double[] row : y) {
            row[random.nextInt(classes)] = 1;
        }
        return Nd4j.create(y);
    }

    private static INDArray probabilities(int rows, int columns, long seed) {
        return inputs(rows, columns, seed).addi(1).divi(2);
    }

    @ParameterizedTest
    @EnumSource(value = Path.class, names = {"BY_SIZE", "ND4J_ONLY"}) // JAVA_ONLY is BY_SIZE on arrays this small
    void gradientChecksPassOnEveryActivationAndLoss(Path path) {
        INDArray x = inputs(5, 3, 1);
        String[][] cases = {
            {"sigmoid", "softmax", "categorical_crossentropy"}, // fused p - y
            {"tanh", "sigmoid", "binary_crossentropy"},         // fused p - y
            {"relu", "softmax", "mean_squared_error"},          // softmax's own backward
            {"sigmoid", "linear", "mean_squared_error"},
            {"tanh", "tanh", "mean_squared_error"},
        };
        for (String[] c : cases) {
            int outputs = c[1].equals("softmax") ? 3 : 2;
            INDArray y = c[2].equals("categorical_crossentropy") ? oneHot(5, outputs, 2) : probabilities(5, outputs, 2);
            Sequential model = model(c[0], c[1], c[2], DataType.DOUBLE, 3, 4, outputs);
            GradientCheck.Result result = path.run(() -> GradientCheck.check(model, x, y));
            assertTrue(result.maxRelativeError() < 1e-6, path + " " + String.join("/", c) + ": " + result);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void javaAndNd4jKernelsTrainToTheSameWeights(String typeName) {
        DataType type = DataType.valueOf(typeName);
        INDArray x = inputs(10, 6, 3);
        INDArray y = oneHot(10, 3, 4);
        FitOptions options = new FitOptions().epochs(15).batchSize(4).verbose(0); // shuffled, last batch partial
        List<INDArray> viaJava = Path.JAVA_ONLY.run(() -> {
            Sequential model = model("sigmoid", "softmax", "categorical_crossentropy", type, 6, 5, 3);
            model.fit(x, y, options);
            return model.getWeights();
        });
        List<INDArray> viaNd4j = Path.ND4J_ONLY.run(() -> {
            Sequential model = model("sigmoid", "softmax", "categorical_crossentropy", type, 6, 5, 3);
            model.fit(x, y, options);
            return model.getWeights();
        });
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        for (int i = 0; i < viaJava.size(); i++) {
            double[] java = viaJava.get(i).castTo(DataType.DOUBLE).data().asDouble();
            double[] nd4j = viaNd4j.get(i).castTo(DataType.DOUBLE).data().asDouble();
            for (int k = 0; k < java.length; k++) {
                assertEquals(nd4j[k], java[k], tolerance, "weight array " + i + ", element " + k);
            }
        }
        assertTrue(viaJava.get(0).dataType() == type);
    }

    @ParameterizedTest
    @EnumSource(value = Path.class, names = {"BY_SIZE", "JAVA_ONLY"})
    void aMidSizedModelMixingBothKernelsMatchesNd4j(Path path) {
        // batches of 32, by default: element-wise work in Java, the (32, 20) . (20, 80) product in
        // BLAS, the (32, 80) . (80, 4) one too, and SGD on the (20, 80) kernel in BLAS level 1
        INDArray x = inputs(64, 20, 5);
        INDArray y = oneHot(64, 4, 6);
        FitOptions options = new FitOptions().epochs(3).batchSize(32).shuffle(false).verbose(0);
        List<INDArray> mixed = path.run(() -> {
            Sequential model = model("tanh", "softmax", "categorical_crossentropy", DataType.DOUBLE, 20, 80, 4);
            model.fit(x, y, options);
            return model.getWeights();
        });
        List<INDArray> nd4j = Path.ND4J_ONLY.run(() -> {
            Sequential model = model("tanh", "softmax", "categorical_crossentropy", DataType.DOUBLE, 20, 80, 4);
            model.fit(x, y, options);
            return model.getWeights();
        });
        for (int i = 0; i < mixed.size(); i++) {
            double difference = mixed.get(i).sub(nd4j.get(i)).amaxNumber().doubleValue();
            assertTrue(difference < 1e-12, path + ": weight array " + i + " differs by " + difference);
        }
    }
}
