package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adagrad;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.ExponentialDecay;
import org.backprop4j.optim.RMSprop;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model-file attacks of issue 26's red team: data around the zip, entries far smaller than the
 * shapes they claim, trailing JSON, bidi controls in names, learning-rate state that cannot train,
 * negative second moments, unknown keys in configs. Each load fails with an IOException naming the
 * file, before any allocation the file's bytes do not back (the process's peak memory is measured).
 */
class HostileModelFilesTest {

    /** The peak growth a refused load may cause: far below the attacks' hundreds of megabytes. */
    private static final long SMALL = 24L << 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() throws IOException {
        Path file = Files.createTempFile("warm-up", ".b4j");
        try {
            small().save(file);
            Sequential.load(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Sequential small() {
        Sequential model = new Sequential(1);
        model.add(new Dense(3, 2, "tanh")).add(new Dense(2, "sigmoid"));
        model.compile("binary_crossentropy", new SGD(0.1, 0.9, false), "accuracy");
        return model;
    }

    static Map<String, byte[]> entries(byte[] file) throws IOException {
        Path temporary = Files.createTempFile("entries", ".zip");
        try {
            Files.write(temporary, file);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(temporary.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
                }
            }
            return entries;
        } finally {
            Files.delete(temporary);
        }
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] saved(Sequential model) throws IOException {
        Path file = Files.createTempFile("saved", ".b4j");
        try {
            model.save(file);
            return Files.readAllBytes(file);
        } finally {
            Files.delete(file);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(byte[] bytes) throws IOException {
        return ModelIO.JSON.readValue(bytes, Map.class);
    }

    static byte[] npy(INDArray array) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(array, bytes);
        return bytes.toByteArray();
    }

    /**
     * Sets the uncompressed size that the central directory declares for {@code name}, so that
     * the zip library reports the size the attacker wants while the entry's bytes stay few.
     */
    static byte[] declareSize(byte[] zip, String name, long size) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        int offset = buffer.getInt(end + 16);
        int entries = buffer.getShort(end + 10) & 0xffff;
        for (int i = 0; i < entries; i++) {
            int nameLength = buffer.getShort(offset + 28) & 0xffff;
            String entryName = new String(zip, offset + 46, nameLength, StandardCharsets.UTF_8);
            if (entryName.equals(name)) {
                buffer.putInt(offset + 24, (int) size);
                return zip;
            }
            offset += 46 + nameLength + (buffer.getShort(offset + 30) & 0xffff) + (buffer.getShort(offset + 32) & 0xffff);
        }
        throw new AssertionError("no entry " + name);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Loads {@code file}, expecting an IOException naming it; checks the peak memory stayed small. */
    private static IOException refused(Path file) {
        PeakMemory peak = PeakMemory.start();
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> Sequential.load(file));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().startsWith("Cannot load a model from " + file), e.getMessage());
        assertTrue(peak.growth() < SMALL, "the process's peak memory grew by " + (peak.growth() >> 20)
                + " MB before: " + e.getMessage());
        assertTrue(seconds < 5, "took " + seconds + " s");
        return e;
    }

    /**
     * A two-layer model's model.json rewritten: the second Dense layer has {@code units} units, its
     * weights listed with the shapes that implies, its entries keeping the few bytes they hold.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, byte[]> claimingHugeSecondLayer(Sequential template, int units) throws IOException {
        Map<String, byte[]> entries = entries(saved(template));
        Map<String, Object> root = json(entries.get("model.json"));
        Map<String, Object> second = ((List<Map<String, Object>>) root.get("layers")).get(1);
        ((Map<String, Object>) second.get("config")).put("units", units);
        long inputs = ((Number) second.get("inputSize")).longValue();
        for (Map<String, Object> weight : (List<Map<String, Object>>) second.get("weights")) {
            weight.put("shape", weight.get("name").equals("kernel") ? new long[] {inputs, units} : new long[] {units});
        }
        root.put("compile", null);
        entries.keySet().removeIf(name -> name.startsWith("optimizer/"));
        entries.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        return entries;
    }

    /** The first HIGH row, scaled down: junk before a valid zip made the budget count it. */
    @Test
    void dataBeforeTheZipIsRefusedBeforeAnyLargeAllocation() throws IOException {
        Sequential tiny = new Sequential(2);
        tiny.add(new Dense(4000, 1)).add(new Dense(2));
        // layer 1 claims 4000 x 4000 DOUBLE (128 MB, and as much again for its gradient); 400 KB of
        // junk made the old budget (1,100 times the file's size) large enough for it
        Map<String, byte[]> entries = claimingHugeSecondLayer(tiny, 4000);
        byte[] archive = zip(entries);
        byte[] junk = new byte[400_000];
        new Random(3).nextBytes(junk);
        byte[] file = new byte[junk.length + archive.length];
        System.arraycopy(junk, 0, file, 0, junk.length);
        System.arraycopy(archive, 0, file, junk.length, archive.length);
        Path path = write("prefixed.b4j", file);
        IOException e = refused(path);
        assertTrue(e.getMessage().contains("before"), e.getMessage());
    }

    /**
     * The red team's two files at full size (run on the fixed code only: the old one allocated
     * gigabytes for them): three FLOAT 30000 x 30000 kernels (10.8 GB) whose entries hold a few dozen
     * bytes behind a 10 MB junk prefix, and one DOUBLE 20000 x 20000 kernel (3.2 GB) behind 3 MB.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theRedTeamsFilesAtFullSizeFailInMillisecondsWithoutAllocating() throws IOException {
        Sequential floats = new Sequential(8, DataType.FLOAT);
        floats.add(new Dense(2, 2)).add(new Dense(2)).add(new Dense(2));
        Map<String, byte[]> entries = entries(saved(floats));
        Map<String, Object> root = json(entries.get("model.json"));
        for (Map<String, Object> layer : (List<Map<String, Object>>) root.get("layers")) {
            ((Map<String, Object>) layer.get("config")).put("units", 30_000);
            ((Map<String, Object>) layer.get("config")).put("inputDim", 30_000);
            layer.put("inputSize", 30_000);
            for (Map<String, Object> weight : (List<Map<String, Object>>) layer.get("weights")) {
                weight.put("shape", weight.get("name").equals("kernel") ? new long[] {30_000, 30_000} : new long[] {30_000});
            }
        }
        entries.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        refused(write("three-kernels.b4j", prefixed(10_000_000, zip(entries))));

        Sequential doubles = new Sequential(9);
        doubles.add(new Dense(20_000, 1)).add(new Dense(2));
        Map<String, byte[]> huge = claimingHugeSecondLayer(doubles, 20_000);
        IOException e = refused(write("one-kernel.b4j", prefixed(3_000_000, zip(huge))));
        assertTrue(e.getMessage().contains("before the zip archive"), e.getMessage());
    }

    private static byte[] prefixed(int junkBytes, byte[] archive) {
        byte[] file = new byte[junkBytes + archive.length];
        new Random(junkBytes).nextBytes(file);
        System.arraycopy(archive, 0, file, junkBytes, archive.length);
        return file;
    }

    @Test
    void dataAfterTheZipIsRefused() throws IOException {
        byte[] good = saved(small());
        byte[] file = java.util.Arrays.copyOf(good, good.length + 100);
        IOException e = refused(write("suffixed.b4j", file));
        assertTrue(e.getMessage().contains("after"), e.getMessage());
    }

    /**
     * The entry of a 500 x 8000 DOUBLE kernel (32 MB) holds a few dozen bytes, while the central
     * directory declares the 32 MB and a large, incompressible first layer makes the whole file
     * big enough for the old file-wide budget: only the entry's own compressed size tells.
     */
    @Test
    void anEntryFarSmallerThanItsShapeIsRefusedBeforeAllocating() throws IOException {
        Sequential tiny = new Sequential(4);
        tiny.add(new Dense(500, 100)).add(new Dense(2));
        List<INDArray> weights = tiny.getWeights();
        weights.set(0, Nd4j.rand(DataType.DOUBLE, 100, 500)); // 400 KB of random doubles: stored, not shrunk
        tiny.setWeights(weights);
        Map<String, byte[]> entries = claimingHugeSecondLayer(tiny, 8000);
        String kernel = entries.keySet().stream().filter(name -> name.startsWith("weights/2_")).findFirst().orElseThrow();
        long declared = Npy.fileSize(DataType.DOUBLE, new long[] {500, 8000});
        byte[] file = declareSize(zip(entries), kernel, declared);
        IOException e = refused(write("small-entry.b4j", file));
        assertTrue(e.getMessage().contains(kernel), e.getMessage());
    }

    @Test
    void jsonAfterModelJsonsObjectIsRefused() throws IOException {
        Map<String, byte[]> entries = entries(saved(small()));
        entries.put("model.json", (new String(entries.get("model.json"), StandardCharsets.UTF_8) + "\n{\"layers\": []}")
                .getBytes(StandardCharsets.UTF_8));
        IOException e = refused(write("trailing.b4j", zip(entries)));
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBidiControlInALayerNameIsRefused() throws IOException {
        Map<String, byte[]> entries = entries(saved(small()));
        Map<String, Object> root = json(entries.get("model.json"));
        ((List<Map<String, Object>>) root.get("layers")).get(0).put("name", "dense\u202Eevil");
        entries.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        IOException e = refused(write("bidi.b4j", zip(entries)));
        assertTrue(e.getMessage().contains("\\u202e"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c == 0x202E), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dense(2).name("a\u2067b"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optimizerOf(Map<String, Object> root) {
        return (Map<String, Object>) ((Map<String, Object>) root.get("compile")).get("optimizer");
    }

    private static Sequential trainedWith(Optimizer optimizer) {
        Sequential model = new Sequential(5);
        model.add(new Dense(3, 2, "tanh")).add(new Dense(1, "sigmoid"));
        model.compile("binary_crossentropy", optimizer);
        INDArray x = Nd4j.create(new double[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}});
        INDArray y = Nd4j.create(new double[][] {{1}, {1}, {0}, {0}});
        model.fit(x, y, new FitOptions().epochs(2).batchSize(2).verbose(0));
        return model;
    }

    @Test
    void aStepCountAboveTwoToTheFiftyThirdIsRefused() throws IOException {
        Map<String, byte[]> entries = entries(saved(trainedWith(new SGD(0.1))));
        Map<String, Object> root = json(entries.get("model.json"));
        optimizerOf(root).put("iterations", (1L << 53) + 1);
        entries.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        IOException e = refused(write("iterations.b4j", zip(entries)));
        assertTrue(e.getMessage().contains("iterations"), e.getMessage());

        optimizerOf(root).put("iterations", 1L << 53); // the largest count a double still counts exactly
        entries.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        Path limit = write("limit.b4j", zip(entries));
        assertEquals(1L << 53, assertDoesNotThrow(() -> Sequential.load(limit)).optimizer().iterations());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduleWhoseRateIsNotFiniteAtTheSavedStepIsRefused() throws IOException {
        // 0.1 * 1e300^(4 / 1): Infinity for the next step; every parameter is finite
        Map<String, byte[]> entries = entries(saved(trainedWith(new SGD(new ExponentialDecay(0.1, 1000, 1e300, false), 0, false))));
        Map<String, Object> root = json(entries.get("model.json"));
        Map<String, Object> optimizerConfig = (Map<String, Object>) optimizerOf(root).get("config");
        Map<String, Object> schedule = (Map<String, Object>) ((Map<String, Object>) optimizerConfig.get("learningRate"))
                .get("config");
        schedule.put("decaySteps", 1);
        entries.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        IOException e = refused(write("schedule.b4j", zip(entries)));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());

        schedule.put("decayRate", Double.POSITIVE_INFINITY); // written as "Infinity", made 1e400: JSON reads Infinity
        entries.put("model.json", new String(ModelIO.JSON.writeValueAsBytes(root), StandardCharsets.UTF_8)
                .replace("\"Infinity\"", "1e400").getBytes(StandardCharsets.UTF_8));
        refused(write("infinite-parameter.b4j", zip(entries)));
    }

    @Test
    void aNegativeSecondMomentIsRefused() throws IOException {
        Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        optimizers.put("velocity/0", new Adam(0.01));
        optimizers.put("accumulator/1", new Adagrad(0.01));
        optimizers.put("velocity/2", new RMSprop(0.01));
        for (Map.Entry<String, Optimizer> attack : optimizers.entrySet()) {
            Sequential model = trainedWith(attack.getValue());
            Map<String, byte[]> entries = entries(saved(model));
            String entry = entries.keySet().stream()
                    .filter(name -> name.endsWith("_" + attack.getKey().replace('/', '_') + ".npy")).findFirst().orElseThrow();
            INDArray slot = model.optimizer().state().get(attack.getKey()).dup();
            slot.putScalar(0, -1.0);
            entries.put(entry, npy(slot));
            IOException e = refused(write("negative.b4j", zip(entries)));
            assertTrue(e.getMessage().contains(attack.getKey()) && e.getMessage().contains("negative"),
                    attack.getValue().name() + ": " + e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void unknownKeysInALossOrActivationConfigAreRefusedByName() throws IOException {
        Sequential model = new Sequential(6);
        model.add(new Dense(3, 2, "relu")).add(new Dense(1));
        model.compile("mse", new SGD(0.1));
        Map<String, byte[]> entries = entries(saved(model));
        Map<String, Object> root = json(entries.get("model.json"));
        ((Map<String, Object>) ((Map<String, Object>) root.get("compile")).get("loss"))
                .put("config", Map.of("reductionTypo", 1));
        entries.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        IOException e = refused(write("loss-key.b4j", zip(entries)));
        assertTrue(e.getMessage().contains("reductionTypo"), e.getMessage());

        root = json(entries(saved(model)).get("model.json"));
        Map<String, Object> dense = (Map<String, Object>) ((List<Map<String, Object>>) root.get("layers")).get(0).get("config");
        dense.put("activation", Map.of("type", "relu", "config", Map.of("maxValue", 6)));
        entries.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        e = refused(write("activation-key.b4j", zip(entries)));
        assertTrue(e.getMessage().contains("maxValue"), e.getMessage());
    }

    /** An initializer whose config holds something JSON cannot write. */
    static final class OpaqueInitializer implements Initializer {
        @Override
        public INDArray create(long[] shape, DataType dataType, Random random) {
            return Nd4j.zeros(dataType, shape);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("source", new Object());
        }
    }

    @Test
    void aConfigThatIsNotJsonFailsSaveWithTheDocumentedException() throws IOException {
        Registry.INITIALIZERS.register("round3_opaque", OpaqueInitializer.class, config -> new OpaqueInitializer());
        Sequential model = new Sequential(7);
        model.add(new Dense(2, 2).kernelInitializer(new OpaqueInitializer()));
        Path file = dir.resolve("opaque.b4j");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.save(file));
        assertTrue(e.getMessage().contains("kernelInitializer.config.source") && e.getMessage().contains("java.lang.Object"),
                e.getMessage());
        assertTrue(Files.notExists(file));
    }
}
