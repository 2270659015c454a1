package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Model file format version 3 (trainable flags of layers and weights, the optimizer's scalars by name)
 * and the files of versions 1 and 2 kept as fixtures (written by {@link FormatFixtures} with the code of
 * version 2), which still load and predict what their models predicted, bit for bit.
 */
class FormatVersionsTest {

    static {
        if (!Registry.LAYERS.contains("MovingNormalization")) {
            Registry.LAYERS.register("MovingNormalization", MovingNormalization.class, MovingNormalization::fromConfig);
        }
        if (!Registry.OPTIMIZERS.contains("product_momentum")) {
            Registry.OPTIMIZERS.register("product_momentum", OptimizerScalarStateTest.ProductMomentum.class,
                    OptimizerScalarStateTest.ProductMomentum::fromConfig);
        }
    }

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("formats/" + name)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> expected() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("formats/expected.json")) {
            return FormatFixtures.JSON.readValue(in, Map.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertPredicts(Object expectedRows, Sequential model) {
        INDArray predictions = model.predict(FormatFixtures.inputs());
        List<List<Double>> rows = (List<List<Double>>) expectedRows;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                assertEquals(Double.doubleToRawLongBits(rows.get(r).get(c)), Double.doubleToRawLongBits(predictions.getDouble(r, c)),
                        "row " + r + ", column " + c);
            }
        }
    }

    private static Map<?, ?> modelJson(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return FormatFixtures.JSON.readValue(zip.getInputStream(zip.getEntry("model.json")), Map.class);
        }
    }

    @Test
    void versionOneAndTwoFilesStillLoadAndPredictAsTheirModelsDid() throws IOException {
        Map<String, Object> expected = expected();
        assertEquals(1, modelJson(fixture("v1-sgd.bp4j")).get("formatVersion"));
        assertEquals(2, modelJson(fixture("v2-sgd.bp4j")).get("formatVersion"));
        Sequential v1 = Sequential.load(fixture("v1-sgd.bp4j"));
        Sequential v2 = Sequential.load(fixture("v2-sgd.bp4j"));
        Sequential adam = Sequential.load(fixture("v2-adam.bp4j"));
        assertPredicts(expected.get("sgd"), v1);
        assertPredicts(expected.get("sgd"), v2);
        assertPredicts(expected.get("adam"), adam);
        assertEquals(0, v1.optimizer().iterations(), "version 1 kept no step count");
        assertEquals(((Number) expected.get("sgdIterations")).longValue(), v2.optimizer().iterations());
        assertEquals(((Number) expected.get("adamIterations")).longValue(), adam.optimizer().iterations());
        assertTrue(v2.getLayers().stream().allMatch(layer -> layer.isTrainable()), "version 2 had no frozen layers");

        // saved again, they are version 3 files, and training goes on alike from either
        Path again = dir.resolve("again.bp4j");
        adam.save(again);
        assertEquals(3, modelJson(again).get("formatVersion"));
        Sequential reloaded = Sequential.load(again);
        INDArray[] data = Fixtures.classification(40, 2);
        adam.fit(data[0], data[1], new FitOptions().epochs(2).batchSize(16).verbose(0));
        reloaded.fit(data[0], data[1], new FitOptions().epochs(2).batchSize(16).verbose(0));
        assertEquals(Fixtures.bits(adam.getWeights()).stream().map(java.util.Arrays::toString).toList(),
                Fixtures.bits(reloaded.getWeights()).stream().map(java.util.Arrays::toString).toList());
    }

    @Test
    void versionThreeRecordsTrainableFlagsAndOptimizerScalars() throws IOException {
        Sequential model = new Sequential(3L, DataType.DOUBLE);
        model.add(new Input(4)).add(new MovingNormalization(0.9)).add(new Dense(5, "tanh")).add(new Dense(3, "softmax"));
        model.getLayers().get(2).setTrainable(false);
        model.compile("categorical_crossentropy", new OptimizerScalarStateTest.ProductMomentum(0.05));
        INDArray[] data = Fixtures.classification(30, 4);
        model.fit(data[0], data[1], new FitOptions().epochs(2).batchSize(10).verbose(0));
        Path file = dir.resolve("v3.bp4j");
        model.save(file);

        Map<?, ?> json = modelJson(file);
        List<?> layers = (List<?>) json.get("layers");
        assertEquals(List.of(true, true, false, true), layers.stream().map(l -> ((Map<?, ?>) l).get("trainable")).toList());
        Map<?, ?> moving = (Map<?, ?>) layers.get(1);
        assertTrue(((List<?>) moving.get("weights")).stream().map(w -> ((Map<?, ?>) w).get("trainable")).toList()
                .contains(false), "the moving statistics are non-trainable weights: " + moving);
        Map<?, ?> optimizer = (Map<?, ?>) ((Map<?, ?>) json.get("compile")).get("optimizer");
        Map<?, ?> scalars = (Map<?, ?>) optimizer.get("scalars");
        assertEquals(List.of("u_product"), List.copyOf(scalars.keySet()));
        double uProduct = model.optimizer().state().get("u_product").getDouble(0);
        assertEquals(Double.doubleToRawLongBits(uProduct), Double.doubleToRawLongBits((Double) scalars.get("u_product")));
        assertTrue(((List<?>) optimizer.get("state")).stream().allMatch(s -> ((String) ((Map<?, ?>) s).get("slot")).contains("/")));

        Sequential loaded = Sequential.load(file);
        assertFalse(loaded.getLayers().get(2).isTrainable(), "a frozen layer loads frozen");
        assertEquals(model.summary(), loaded.summary());
        assertEquals(Double.doubleToRawLongBits(uProduct),
                Double.doubleToRawLongBits(loaded.optimizer().state().get("u_product").getDouble(0)));
        INDArray frozenKernel = loaded.getWeights().get(loaded.getWeights().size() - 4).dup();
        model.fit(data[0], data[1], new FitOptions().epochs(2).batchSize(10).verbose(0));
        loaded.fit(data[0], data[1], new FitOptions().epochs(2).batchSize(10).verbose(0));
        assertEquals(Fixtures.bits(model.getWeights()).stream().map(java.util.Arrays::toString).toList(),
                Fixtures.bits(loaded.getWeights()).stream().map(java.util.Arrays::toString).toList(),
                "training goes on bit-identically, the optimizer's scalar included");
        assertEquals(frozenKernel, loaded.getWeights().get(loaded.getWeights().size() - 4), "the frozen kernel stayed");
    }

    @Test
    void aVersionThreeFileWhoseFlagsDisagreeWithTheLayerIsRefused() throws IOException {
        Sequential model = new Sequential(3L, DataType.DOUBLE);
        model.add(new Input(4)).add(new MovingNormalization(0.9)).add(new Dense(3, "softmax"));
        Path file = dir.resolve("flags.bp4j");
        model.save(file);
        Path edited = dir.resolve("edited.bp4j");
        try (ZipFile zip = new ZipFile(file.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(edited))) {
            for (ZipEntry entry : zip.stream().toList()) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("model.json")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("\"trainable\" : false", "\"trainable\" : true")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        IOException error = assertThrows(IOException.class, () -> Sequential.load(edited));
        assertTrue(error.getMessage().contains("with trainable flags"), error.getMessage());
    }
}
