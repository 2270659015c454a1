package org.backprop4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import ai.onnxruntime.OrtException;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.examples.Digits;
import org.backprop4j.examples.Fashion;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Flatten;
import org.backprop4j.layers.GaussianDropout;
import org.backprop4j.layers.GaussianNoise;
import org.backprop4j.layers.Input;
import org.backprop4j.layers.Rescaling;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exported files run in ONNX Runtime (its Java API, CPU, one thread) and give what {@code predict}
 * gives, on random inputs of several batch sizes: FLOAT within {@value #FLOAT_TOLERANCE}, DOUBLE
 * within {@value #DOUBLE_TOLERANCE}, relative: per sample, in the max norm of its output vector
 * ({@link OrtRunner#rowRelativeError}). For every activation, as a Dense layer's and as an Activation
 * layer, with Dropout; XOR trained; digits trained; the two Fashion models. The worst errors are
 * printed at the end, with the element-wise relative error ({@link OrtRunner#relativeError}, elements
 * under {@value #FLOOR} compared absolutely) and the absolute one beside the asserted one.
 */
class OnnxRuntimeTest {

    static final double FLOAT_TOLERANCE = 1e-5;
    static final double DOUBLE_TOLERANCE = 1e-12;
    /** Element-wise: values smaller than this are compared absolutely (reported, not asserted). */
    static final double FLOOR = 1e-3;
    static final int[] BATCHES = {1, 7, 64};

    /** The worst errors, by model and type, printed after the tests. */
    private static final Map<String, String> MEASURED = new TreeMap<>();

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        System.out.println("ONNX Runtime vs predict, worst over batches " + java.util.Arrays.toString(BATCHES) + ":");
        MEASURED.forEach((model, errors) -> System.out.println("  " + model + "  " + errors));
    }

    @Test
    void everyActivationAsADenseLayersAndAsAnActivationLayer() throws Exception {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (String activation : List.of("sigmoid", "tanh", "relu", "softmax", "linear")) {
                Sequential model = new Sequential(11, type);
                model.add(new Dense(6, 5, activation)).add(new Dropout(0.3)).add(new Dense(4)).add(new Activation(activation));
                compare(model, activation, new Random(12), 3);
            }
            Sequential none = new Sequential(13, type);
            none.add(new Input(3)).add(new Dense(2));
            compare(none, "no activation", new Random(14), 3);
        }
    }

    @Test
    void xorTrained() throws Exception {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Sequential model = new Sequential(42, type);
            model.add(new Dense(2, 2, "sigmoid")).add(new Dense(1, "sigmoid"));
            model.compile("mean_squared_error", new SGD(0.5), "accuracy");
            INDArray x = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
            INDArray y = Nd4j.create(new double[][] {{0}, {1}, {1}, {0}});
            model.fit(x, y, new FitOptions().epochs(2000).batchSize(4).verbose(0));
            compare(model, "xor", new Random(15), 1);
            Path file = dir.resolve("xor-corners.onnx");
            Onnx.export(model, file);
            double error = OrtRunner.rowRelativeError(OrtRunner.run(file, x, type), model.predict(x).toDoubleMatrix(), 1e-12);
            assertTrue(error <= tolerance(type), "XOR corners " + type + ": " + error);
        }
    }

    @Test
    void digitsTrained() throws Exception {
        Digits.Settings settings = new Digits.Settings(3, Digits.BATCH_SIZE, Digits.LEARNING_RATE, Digits.MOMENTUM, 42);
        Sequential trained = Digits.run(settings, new PrintStream(OutputStream.nullOutputStream())).model();
        compare(trained, "digits", new Random(16), 2);
        Sequential floats = new Sequential(42, DataType.FLOAT);
        floats.add(new Dense(Digits.HIDDEN_UNITS, Digits.PIXELS, "relu")).add(new Dense(Digits.CLASSES, "softmax"));
        List<INDArray> weights = new ArrayList<>();
        for (INDArray weight : trained.getWeights()) {
            weights.add(weight.castTo(DataType.FLOAT));
        }
        floats.setWeights(weights);
        compare(floats, "digits", new Random(17), 2);
    }

    @Test
    void fashionModelsTrainedAStep() throws Exception {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (Fashion.Recipe recipe : Fashion.Recipe.values()) {
                Sequential model = Fashion.buildModel(recipe, type, 18);
                Random random = new Random(19);
                INDArray x = OrtRunner.uniform(random, 64, 784, 0, 1);
                if (recipe == Fashion.Recipe.TUTORIAL) {
                    x = x.reshape('c', 64, 28, 28);                   // Flatten(28, 28) takes the pictures as pictures
                }
                INDArray labels = Nd4j.create(DataType.DOUBLE, 64, 10);
                for (int i = 0; i < 64; i++) {
                    labels.putScalar(i, random.nextInt(10), 1.0);
                }
                INDArray y = recipe == Fashion.Recipe.TUTORIAL ? labels.argMax(1).castTo(DataType.DOUBLE).reshape(64, 1) : labels;
                model.fit(x, y, new FitOptions().epochs(1).batchSize(32).verbose(0));
                compare(model, "fashion " + recipe.name().toLowerCase(Locale.ROOT), new Random(20), 0.5);
            }
        }
    }

    @Test
    void shapedInputsRescalingAndNoiseLayers() throws Exception {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Sequential first = new Sequential(21, type);
            first.add(new Flatten(4, 3)).add(new Dense(5, "relu")).add(new Dense(2, "softmax"));
            compare(first, "flatten first", new Random(22), 2);
            Sequential model = new Sequential(23, type);
            model.add(new Input(2, 3, 2)).add(new Rescaling(0.5, 0.25)).add(new GaussianNoise(0.1)).add(new Flatten())
                    .add(new Dense(5, "tanh")).add(new GaussianDropout(0.2)).add(new Rescaling(-3.0)).add(new Dense(3));
            model.compile("mse", new SGD(0.1));
            INDArray x = OrtRunner.uniform(new Random(24), 16, 12, -1, 1).reshape('c', 16, 2, 3, 2);
            model.fit(x, OrtRunner.uniform(new Random(25), 16, 3, -1, 1), new FitOptions().epochs(2).batchSize(4).verbose(0));
            compare(model, "shaped rescaled noisy", new Random(26), 3);
        }
    }

    /** Exports {@code model}, runs it in ONNX Runtime at every batch size, and checks it against predict. */
    private void compare(Sequential model, String name, Random random, double range) throws IOException, OrtException {
        DataType type = model.dataType();
        Path file = dir.resolve(name.replace(' ', '-') + "-" + type + ".onnx");
        Onnx.export(model, file);
        double worst = 0;
        double worstElement = 0;
        double worstAbsolute = 0;
        for (int batch : BATCHES) {
            INDArray x = OrtRunner.uniform(random, batch, (int) model.getLayers().get(0).inputSize(), -range, range);
            long[] sample = model.getLayers().get(0).inputShape();
            if (sample.length > 1) {                                  // samples of a shape: (batch, d1, ..., dk)
                long[] shape = new long[sample.length + 1];
                shape[0] = batch;
                System.arraycopy(sample, 0, shape, 1, sample.length);
                x = x.reshape('c', shape);
            }
            double[][] expected = model.predict(x).toDoubleMatrix();
            double[][] actual = OrtRunner.run(file, x, type);
            double error = OrtRunner.rowRelativeError(actual, expected, 1e-12);
            worst = Math.max(worst, error);
            worstElement = Math.max(worstElement, OrtRunner.relativeError(actual, expected, FLOOR));
            worstAbsolute = Math.max(worstAbsolute, OrtRunner.absoluteError(actual, expected));
            assertTrue(error <= tolerance(type), name + " " + type + " batch " + batch + ": relative error " + error);
        }
        MEASURED.merge(String.format(Locale.ROOT, "%-22s %-6s", name, type),
                String.format(Locale.ROOT, "per-sample relative %.2e  (element-wise relative %.2e, absolute %.2e)", worst,
                        worstElement, worstAbsolute), (a, b) -> a + " | " + b);
    }

    private static double tolerance(DataType type) {
        return type == DataType.FLOAT ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
    }
}
