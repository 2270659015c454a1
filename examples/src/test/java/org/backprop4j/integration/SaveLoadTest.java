package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.classification;
import static org.backprop4j.integration.Fixtures.classifier;
import static org.backprop4j.integration.Fixtures.sameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.examples.Xor;
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
                "weights/2_dense_1_kernel.npy", "weights/3_dense_1_bias.npy",
                "optimizer/0.npy", "optimizer/1.npy", "optimizer/2.npy", "optimizer/3.npy"), names);
        assertEquals("backprop4j-model", json.get("format"));
        assertEquals(1, json.get("formatVersion"));
        assertEquals("DOUBLE", json.get("dataType"));
        assertEquals(3, json.get("seed"));
        List<?> layers = (List<?>) json.get("layers");
        assertEquals(3, layers.size());
        assertEquals(Map.of("units", 8, "inputDim", 4, "activation", "tanh"), ((Map<?, ?>) layers.get(0)).get("config"));
        Map<?, ?> compile = (Map<?, ?>) json.get("compile");
        assertEquals("categorical_crossentropy", compile.get("loss"));
        assertEquals(List.of("accuracy"), compile.get("metrics"));
        assertEquals(Map.of("learningRate", 0.1, "momentum", 0.9, "nesterov", true),
                ((Map<?, ?>) compile.get("optimizer")).get("config"));
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
