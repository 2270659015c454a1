package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.classification;
import static org.backprop4j.integration.Fixtures.classifier;
import static org.backprop4j.integration.Fixtures.sameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.examples.Xor;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class SaveLoadTest {

    @TempDir
    Path dir;

    private static FitOptions options(int epochs) {
        return new FitOptions().epochs(epochs).batchSize(8).verbose(0).shuffle(true);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void aLoadedModelPredictsAndTrainsOnBitIdentically(DataType dataType) throws IOException {
        INDArray[] data = classification(40, 1);
        Sequential original = classifier(7, dataType);
        original.fit(data[0], data[1], options(2));
        Path file = dir.resolve("model.bp4j");
        original.save(file);

        Sequential loaded = Sequential.load(file);
        assertEquals(dataType, loaded.dataType());
        assertEquals(original.seed(), loaded.seed());
        assertEquals(original.summary(), loaded.summary());
        assertTrue(sameBits(original.getWeights(), loaded.getWeights()), "weights");
        assertTrue(sameBits(List.of(original.predict(data[0])), List.of(loaded.predict(data[0]))), "predictions");
        assertEquals(original.evaluate(data[0], data[1]), loaded.evaluate(data[0], data[1]));
        SGD sgd = (SGD) loaded.optimizer();
        assertEquals(0.9, sgd.momentum());
        assertTrue(sgd.nesterov());
        assertTrue(sameBits(((SGD) original.optimizer()).velocities(), sgd.velocities()), "momentum velocities");

        // training on: same shuffles (random state), same velocities, same steps
        History originalHistory = original.fit(data[0], data[1], options(2));
        History loadedHistory = loaded.fit(data[0], data[1], options(2));
        assertTrue(sameBits(original.getWeights(), loaded.getWeights()), "weights after training on");
        assertEquals(originalHistory.history(), loadedHistory.history());
    }

    @Test
    void withoutTheOptimizerStateTrainingOnWouldDiffer() throws IOException {
        // guards the test above: a fresh optimizer (compile resets it) gives different weights
        INDArray[] data = classification(40, 1);
        Sequential original = classifier(7, DataType.DOUBLE);
        original.fit(data[0], data[1], options(2));
        Path file = dir.resolve("model.bp4j");
        original.save(file);
        Sequential loaded = Sequential.load(file);
        loaded.compile("categorical_crossentropy", new SGD(0.1, 0.9, true), "accuracy");
        original.fit(data[0], data[1], options(1));
        loaded.fit(data[0], data[1], options(1));
        assertFalse(sameBits(original.getWeights(), loaded.getWeights()));
    }

    @Test
    void theFileIsAZipOfModelJsonAndNpyEntries() throws IOException {
        INDArray[] data = classification(20, 2);
        Sequential model = classifier(3, DataType.DOUBLE);
        model.fit(data[0], data[1], options(1));
        Path file = dir.resolve("model.bp4j");
        model.save(file);

        List<String> names = new ArrayList<>();
        Map<?, ?> json;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(names::add);
            json = new ObjectMapper().readValue(zip.getInputStream(zip.getEntry("model.json")), Map.class);
        }
        assertEquals(List.of("model.json", "weights/0_dense_kernel.npy", "weights/1_dense_bias.npy",
                "weights/2_dense_1_kernel.npy", "weights/3_dense_1_bias.npy", "optimizer/0_momentum_0.npy",
                "optimizer/1_momentum_1.npy", "optimizer/2_momentum_2.npy", "optimizer/3_momentum_3.npy"), names);
        assertEquals("backprop4j-model", json.get("format"));
        assertEquals(3, json.get("formatVersion"));
        assertEquals("DOUBLE", json.get("dataType"));
        assertEquals(3, json.get("seed"));
        List<?> layers = (List<?>) json.get("layers");
        assertEquals(3, layers.size());
        assertEquals(Map.of("units", 8, "inputDim", 4, "activation", "tanh", "kernelInitializer", "glorot_uniform",
                        "biasInitializer", "zeros"),
                ((Map<?, ?>) layers.get(0)).get("config"));
        Map<?, ?> compile = (Map<?, ?>) json.get("compile");
        assertEquals(Map.of("type", "categorical_crossentropy", "config", Map.of()), compile.get("loss"));
        assertEquals(List.of("accuracy"), compile.get("metrics"));
        Map<?, ?> optimizer = (Map<?, ?>) compile.get("optimizer");
        assertEquals("sgd", optimizer.get("type"));
        assertEquals(Map.of("learningRate", 0.1, "momentum", 0.9, "nesterov", true), optimizer.get("config"));
        assertEquals(3, optimizer.get("iterations"), "20 samples in batches of 8: 3 steps");
        assertEquals(List.of("momentum/0", "momentum/1", "momentum/2", "momentum/3"),
                ((List<?>) optimizer.get("state")).stream().map(slot -> ((Map<?, ?>) slot).get("slot")).toList());
    }

    /**
     * A file in format version 1 (before the registry: the loss a bare name, Dense configs without
     * initialisers, no step count, SGD's velocities as {@code optimizer/0.npy ...} in weight order),
     * written here by hand, loads into the model it describes, and training goes on exactly as there.
     */
    @Test
    void aVersionOneFileStillLoads() throws IOException {
        INDArray[] data = classification(40, 1);
        Sequential original = classifier(7, DataType.DOUBLE);
        original.fit(data[0], data[1], options(2));
        Path current = dir.resolve("current.bp4j");
        original.save(current);
        long randomState = ((Number) modelJson(current).get("randomState")).longValue(); // the shuffling stream

        String json = """
                {"format": "backprop4j-model", "formatVersion": 1, "dataType": "DOUBLE", "seed": 7, "randomState": %d,
                 "layers": [
                  {"type": "Dense", "name": "dense", "inputSize": 4,
                   "config": {"units": 8, "inputDim": 4, "activation": "tanh"},
                   "weights": [{"name": "kernel", "entry": "weights/0_dense_kernel.npy", "shape": [4, 8]},
                               {"name": "bias", "entry": "weights/1_dense_bias.npy", "shape": [8]}]},
                  {"type": "Dense", "name": "dense_1", "inputSize": 8,
                   "config": {"units": 3, "inputDim": -1, "activation": null},
                   "weights": [{"name": "kernel", "entry": "weights/2_dense_1_kernel.npy", "shape": [8, 3]},
                               {"name": "bias", "entry": "weights/3_dense_1_bias.npy", "shape": [3]}]},
                  {"type": "Activation", "name": "activation", "inputSize": 3, "config": {"activation": "softmax"},
                   "weights": []}],
                 "compile": {"loss": "categorical_crossentropy", "metrics": ["accuracy"],
                  "optimizer": {"type": "sgd", "config": {"learningRate": 0.1, "momentum": 0.9, "nesterov": true},
                   "state": [{"entry": "optimizer/0.npy", "shape": [4, 8]}, {"entry": "optimizer/1.npy", "shape": [8]},
                             {"entry": "optimizer/2.npy", "shape": [8, 3]}, {"entry": "optimizer/3.npy", "shape": [3]}]}}}
                """.formatted(randomState);
        List<INDArray> weights = original.getWeights();
        List<INDArray> velocities = ((SGD) original.optimizer()).velocities();
        String[] weightEntries = {"weights/0_dense_kernel.npy", "weights/1_dense_bias.npy",
                "weights/2_dense_1_kernel.npy", "weights/3_dense_1_bias.npy"};
        Path file = dir.resolve("version1.bp4j");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            putEntry(zip, "model.json", json.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < weights.size(); i++) {
                putEntry(zip, weightEntries[i], npy(weights.get(i)));
            }
            for (int i = 0; i < velocities.size(); i++) {
                putEntry(zip, "optimizer/" + i + ".npy", npy(velocities.get(i)));
            }
        }

        Sequential loaded = Sequential.load(file);
        assertEquals(original.summary(), loaded.summary());
        assertTrue(sameBits(original.getWeights(), loaded.getWeights()), "weights");
        assertTrue(sameBits(List.of(original.predict(data[0])), List.of(loaded.predict(data[0]))), "predictions");
        assertEquals(original.evaluate(data[0], data[1]), loaded.evaluate(data[0], data[1]));
        SGD sgd = (SGD) loaded.optimizer();
        assertEquals(0.1, sgd.learningRate());
        assertEquals(0.9, sgd.momentum());
        assertTrue(sgd.nesterov());
        assertEquals(0, sgd.iterations(), "version 1 kept no step count");
        assertTrue(sameBits(velocities, sgd.velocities()), "momentum velocities");

        History originalHistory = original.fit(data[0], data[1], options(2));
        History loadedHistory = loaded.fit(data[0], data[1], options(2));
        assertTrue(sameBits(original.getWeights(), loaded.getWeights()), "weights after training on");
        assertEquals(originalHistory.history(), loadedHistory.history());
    }

    @Test
    void aFileFromAFutureVersionIsRefusedNamingTheVersion() throws IOException {
        Path current = dir.resolve("current.bp4j");
        classifier(5, DataType.DOUBLE).save(current);
        Path future = dir.resolve("future.bp4j");
        try (ZipFile zip = new ZipFile(current.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(future))) {
            for (ZipEntry entry : zip.stream().toList()) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("model.json")) {
                    String json = new String(bytes, StandardCharsets.UTF_8);
                    assertTrue(json.contains("\"formatVersion\" : 3"), json);
                    bytes = json.replace("\"formatVersion\" : 3", "\"formatVersion\" : 99").getBytes(StandardCharsets.UTF_8);
                }
                putEntry(out, entry.getName(), bytes);
            }
        }
        IOException error = assertThrows(IOException.class, () -> Sequential.load(future));
        assertTrue(error.getMessage().contains("unknown format version 99")
                && error.getMessage().contains("reads versions 1 to 3"), error.getMessage());
    }

    private static Map<?, ?> modelJson(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new ObjectMapper().readValue(zip.getInputStream(zip.getEntry("model.json")), Map.class);
        }
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** A DOUBLE array as numpy's .npy version 1.0: magic, header padded to 64 bytes, little-endian C-order data. */
    private static byte[] npy(INDArray array) {
        String shape = array.rank() == 1 ? "(" + array.length() + ",)" : "(" + array.rows() + ", " + array.columns() + ")";
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        double[] values = array.dup('c').data().asDouble();
        ByteBuffer bytes = ByteBuffer.allocate(10 + header.length() + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        bytes.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (double value : values) {
            bytes.putDouble(value);
        }
        return bytes.array();
    }

    @Test
    void theSameModelAlwaysGivesTheSameBytes() throws IOException {
        Sequential model = classifier(5, DataType.FLOAT);
        model.save(dir.resolve("a.bp4j"));
        model.save(dir.resolve("b.bp4j"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.bp4j")), Files.readAllBytes(dir.resolve("b.bp4j")));
    }

    @Test
    void anUncompiledModelLoadsUncompiledAndCanBeCompiled() throws IOException {
        Sequential model = new Sequential(11);
        model.add(new Dense(3, 2, "relu")).add(new Dense(1, "sigmoid"));
        Path file = dir.resolve("plain.bp4j");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertFalse(loaded.isCompiled());
        assertNull(loaded.optimizer());
        INDArray x = classification(5, 3)[0].getColumns(0, 1);
        assertTrue(sameBits(List.of(model.predict(x)), List.of(loaded.predict(x))));
        loaded.compile("binary_crossentropy", new SGD(0.5), "accuracy");
        assertTrue(loaded.isCompiled());
    }

    @Test
    void layersAddedToALoadedModelGetFreshNames() throws IOException {
        Sequential model = classifier(5, DataType.DOUBLE);
        Path file = dir.resolve("m.bp4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        try (ExpectedWarnings warnings = new ExpectedWarnings()) {
            loaded.add(new Dense(2));
            assertEquals(List.of("Dense 'dense_2' was added after compile(): call compile(...) again before training"),
                    warnings.messages());
        }
        assertEquals("dense_2", loaded.getLayers().get(3).name());
    }

    @Test
    void savingReplacesTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        INDArray[] data = classification(20, 2);
        Sequential model = classifier(3, DataType.DOUBLE);
        Path file = dir.resolve("model.bp4j");
        model.save(file);
        model.fit(data[0], data[1], options(2));
        model.save(file);
        assertTrue(sameBits(model.getWeights(), Sequential.load(file).getWeights()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void theXorExampleRoundTrips() throws IOException {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(Xor.X);
        INDArray y = org.nd4j.linalg.factory.Nd4j.create(Xor.Y);
        model.fit(x, y, new FitOptions().epochs(10).batchSize(4).verbose(0));
        Path file = dir.resolve("xor.bp4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertTrue(sameBits(List.of(model.predict(x)), List.of(loaded.predict(x))));
        assertEquals(1.0, ((SGD) loaded.optimizer()).learningRate());
        assertTrue(((SGD) loaded.optimizer()).velocities().isEmpty(), "plain SGD has no state");
    }
}
