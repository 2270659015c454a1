package org.backprop4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Import: PyTorch's exports (fixtures made by {@code src/test/resources/onnx/make_fixtures.py} with
 * Debian 12's PyTorch 1.13) predict what PyTorch predicted and train on with {@code fit}; an exported
 * model comes back with the same layers, names, weights (bit for bit) and predictions (bit for bit).
 */
class OnnxImportTest {

    @TempDir
    Path dir;

    /** A fixture copied out of the class path, and PyTorch's inputs and outputs for it. */
    private record Fixture(Path file, INDArray inputs, double[][] outputs) {
    }

    private Fixture fixture(String name) throws IOException {
        Path file = dir.resolve(name + ".onnx");
        try (InputStream in = getClass().getResourceAsStream("/onnx/" + name + ".onnx")) {
            Files.copy(in, file);
        }
        Map<?, ?> json;
        try (InputStream in = getClass().getResourceAsStream("/onnx/" + name + ".json")) {
            json = new ObjectMapper().readValue(in, Map.class);
        }
        return new Fixture(file, Nd4j.create(matrix(json.get("inputs"))), matrix(json.get("outputs")));
    }

    private static double[][] matrix(Object rows) {
        List<?> list = (List<?>) rows;
        double[][] matrix = new double[list.size()][];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = ((List<?>) list.get(i)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return matrix;
    }

    @Test
    void pytorchFloatMlpPredictsAsPytorchAndTrainsOn() throws IOException {
        Fixture fixture = fixture("pytorch_float");
        Sequential model = Onnx.importModel(fixture.file(), 1);
        assertEquals(DataType.FLOAT, model.dataType());
        assertEquals(List.of("Input", "Dense", "Activation", "Dense", "Activation", "Dense", "Activation"),
                model.getLayers().stream().map(Layer::typeName).toList());
        assertEquals(List.of("x", "/0/Gemm", "/1/Relu", "/2/Gemm", "/3/Tanh", "/4/Gemm", "/5/Softmax"),
                model.getLayers().stream().map(Layer::name).toList());
        double error = OrtRunner.rowRelativeError(model.predict(fixture.inputs()).toDoubleMatrix(), fixture.outputs(), 1e-12);
        System.out.printf("PyTorch float MLP: import vs PyTorch, per-sample relative error %.2e%n", error);
        assertTrue(error <= OnnxRuntimeTest.FLOAT_TOLERANCE, "relative error " + error);
        trainsOn(model, 3);
    }

    @Test
    void pytorchDoubleMlpWithDropoutPredictsAsPytorch() throws IOException {
        Fixture fixture = fixture("pytorch_double");
        Sequential model = Onnx.importModel(fixture.file(), 2);
        assertEquals(DataType.DOUBLE, model.dataType());
        // PyTorch writes no node for an eval-mode Dropout: the import sees Linear, Sigmoid, Linear
        assertEquals(List.of("Input", "Dense", "Activation", "Dense"), model.getLayers().stream().map(Layer::typeName).toList());
        double error = OrtRunner.rowRelativeError(model.predict(fixture.inputs()).toDoubleMatrix(), fixture.outputs(), 1e-12);
        System.out.printf("PyTorch double MLP: import vs PyTorch, per-sample relative error %.2e%n", error);
        assertTrue(error <= OnnxRuntimeTest.DOUBLE_TOLERANCE, "relative error " + error);
        trainsOn(model, 2);
    }

    @Test
    void pytorchMatMulPlusAddBecomesDense() throws IOException {
        Fixture fixture = fixture("pytorch_matmul_add");
        Sequential model = Onnx.importModel(fixture.file(), 3);
        assertEquals(List.of("Input", "Dense", "Activation", "Dense", "Activation"),
                model.getLayers().stream().map(Layer::typeName).toList());
        double error = OrtRunner.rowRelativeError(model.predict(fixture.inputs()).toDoubleMatrix(), fixture.outputs(), 1e-12);
        System.out.printf("PyTorch MatMul+Add MLP: import vs PyTorch, per-sample relative error %.2e%n", error);
        assertTrue(error <= OnnxRuntimeTest.FLOAT_TOLERANCE, "relative error " + error);
        trainsOn(model, 2);
    }

    /** Compiles and fits on a small problem the model's output can fit; the loss goes down. */
    private static void trainsOn(Sequential model, int classes) {
        long features = model.getLayers().get(0).outputSize();
        Random random = new Random(4);
        INDArray x = OrtRunner.uniform(random, 64, (int) features, -1, 1);
        INDArray y = Nd4j.create(DataType.DOUBLE, 64, classes);
        for (int i = 0; i < 64; i++) {
            y.putScalar(i, x.getDouble(i, 0) > 0 ? 0 : classes - 1, 1.0); // a class from the first feature's sign
        }
        boolean probabilities = model.getLayers().get(model.getLayers().size() - 1).outputActivation() != null
                && model.getLayers().get(model.getLayers().size() - 1).outputActivation().name().matches("softmax|sigmoid");
        model.compile(probabilities ? "categorical_crossentropy" : "mse", new Adam(0.01));
        List<INDArray> before = model.getWeights();
        History history = model.fit(x, y, new FitOptions().epochs(30).batchSize(16).verbose(0));
        List<Double> loss = history.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0) * 0.9, "loss " + loss.get(0) + " -> " + loss.get(loss.size() - 1));
        assertTrue(!before.get(0).equals(model.getWeights().get(0)), "the weights moved");
    }

    @Test
    void exportThenImportGivesTheSameLayersWeightsAndPredictions() throws IOException {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Sequential model = new Sequential(5, type);
            model.add(new Input(6).name("features"));
            model.add(new Dense(8, "tanh").name("hidden"));
            model.add(new Dropout(0.25));
            model.add(new Dense(5, "relu"));
            model.add(new Dense(4).name("logits"));
            model.add(new Activation("softmax").name("probabilities"));
            model.add(new Dense(3, "sigmoid"));
            model.add(new Dense(2, "linear"));
            model.compile("mse", new SGD(0.1));
            Random random = new Random(6);
            INDArray x = OrtRunner.uniform(random, 20, 6, -2, 2);
            model.fit(x, OrtRunner.uniform(random, 20, 2, 0, 1), new FitOptions().epochs(3).batchSize(5).verbose(0));

            Path file = dir.resolve("round-trip-" + type + ".onnx");
            Onnx.export(model, file);
            Sequential again = Onnx.importModel(file, 5);
            assertEquals(type, again.dataType());
            assertEquals(model.getLayers().stream().map(Layer::toString).toList(),
                    again.getLayers().stream().map(Layer::toString).toList());
            assertEquals(model.getLayers().stream().map(layer -> layer.config().toString()).toList(),
                    again.getLayers().stream().map(layer -> layer.config().toString()).toList());
            List<INDArray> weights = model.getWeights();
            List<INDArray> read = again.getWeights();
            assertEquals(weights.size(), read.size());
            for (int i = 0; i < weights.size(); i++) {
                assertArrayEquals(weights.get(i).shape(), read.get(i).shape());
                assertArrayEquals(weights.get(i).data().asDouble(), read.get(i).data().asDouble(), 0.0, "weight " + i);
            }
            assertArrayEquals(model.predict(x).data().asDouble(), again.predict(x).data().asDouble(), 0.0, type.name());
        }
    }

    @Test
    void aModelWithoutInputLayerComesBackWithOneNamedInput() throws IOException {
        Sequential model = new Sequential(7);
        model.add(new Dense(3, 2, "relu")).add(new Dense(1));
        Path file = dir.resolve("plain.onnx");
        Onnx.export(model, file);
        Sequential again = Onnx.importModel(file);
        assertEquals(List.of("input", "dense", "dense_1"), again.getLayers().stream().map(Layer::name).toList());
        assertNull(((Dense) again.getLayers().get(2)).activation());
        INDArray x = OrtRunner.uniform(new Random(8), 5, 2, -1, 1);
        assertArrayEquals(model.predict(x).data().asDouble(), again.predict(x).data().asDouble(), 0.0);
    }
}
