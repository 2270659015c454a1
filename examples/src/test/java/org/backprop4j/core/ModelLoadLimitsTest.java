package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loading a hostile or damaged file: JSON limits, sizes claimed against the config before any
 * allocation, every failure an IOException naming the file with control characters escaped; and
 * values that overflow FLOAT reported as such.
 */
class ModelLoadLimitsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() throws IOException {
        // class loading (Jackson, the zip code, ND4J) happens here, not inside a timed load
        Path file = Files.createTempFile("warm-up", ".b4j");
        try {
            small(1).save(file);
            Sequential.load(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Sequential small(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Dense(4, 3, "tanh")).add(new Dense(2, "sigmoid"));
        model.compile("binary_crossentropy", new SGD(0.1, 0.9, false), "accuracy");
        return model;
    }

    /** The entries of a model file, model.json parsed. */
    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static byte[] npyZeros(long... shape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(Nd4j.zeros(DataType.DOUBLE, shape), bytes);
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(byte[] bytes) throws IOException {
        return ModelIO.JSON.readValue(bytes, Map.class);
    }

    @Test
    void aMillionDigitNumberFailsFast() throws IOException {
        Path saved = dir.resolve("model.b4j");
        small(2).save(saved);
        Map<String, byte[]> entries = entries(saved);
        String text = new String(entries.get("model.json"), StandardCharsets.UTF_8);
        String digits = "1" + "0".repeat(999_999);
        entries.put("model.json", text.replaceFirst("\"seed\" : [-0-9]+", "\"seed\" : " + digits)
                .getBytes(StandardCharsets.UTF_8));
        Path file = zip("digits.b4j", entries);
        assertTrue(Files.size(file) < 8_000, "the attack file is small: " + Files.size(file));

        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> Sequential.load(file));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().startsWith("Cannot load a model from " + file), e.getMessage());
        assertTrue(e.getMessage().contains("a number of 1000000 characters"), e.getMessage());
        assertTrue(seconds < 1, "took " + seconds + " s");
    }

    @Test
    void longestNumberCountsOnlyNumbersOutsideStrings() {
        assertEquals(8, JsonText.longestNumber("{\"a\": -1.5e+10, \"b\": \"123456789012\"}".getBytes()));
        assertEquals(4, JsonText.longestNumber("[true, false, null, 1234]".getBytes()));
    }

    /**
     * The 1.2 KB file: two Dense layers of 16,000 units, the second claiming 1 input while
     * its config infers 16,000 from the first. Its listed shapes are consistent with the claim and
     * small; building the layer the config describes would allocate 16,000 x 16,000 doubles (2 GB).
     */
    @Test
    @SuppressWarnings("unchecked")
    void aSmallFileClaimingAHugeLayerFailsBeforeAllocating() throws IOException {
        Sequential template = new Sequential(3);
        template.add(new Dense(4, 1)).add(new Dense(4));
        Path saved = dir.resolve("template.b4j");
        template.save(saved);
        Map<String, byte[]> entries = entries(saved);
        Map<String, Object> root = json(entries.get("model.json"));
        Map<String, byte[]> attack = new LinkedHashMap<>();
        List<Map<String, Object>> layers = (List<Map<String, Object>>) root.get("layers");
        for (Map<String, Object> layer : layers) {
            ((Map<String, Object>) layer.get("config")).put("units", 16_000);
            layer.put("inputSize", 1); // true for the first layer, a lie for the second
            for (Map<String, Object> weight : (List<Map<String, Object>>) layer.get("weights")) {
                long[] shape = weight.get("name").equals("kernel") ? new long[] {1, 16_000} : new long[] {16_000};
                weight.put("shape", shape);
                attack.put((String) weight.get("entry"), npyZeros(shape));
            }
        }
        attack.put("model.json", ModelIO.JSON.writeValueAsBytes(root));
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        ordered.put("model.json", attack.remove("model.json"));
        ordered.putAll(attack);
        Path file = zip("huge.b4j", ordered);
        assertTrue(Files.size(file) < 2_000, "the attack file is small: " + Files.size(file));

        boolean peakKnown = resetPeakResidentMemory();
        long residentBefore = residentMemory("VmRSS");
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> Sequential.load(file));
        double seconds = (System.nanoTime() - start) / 1e9;
        long growth = residentMemory("VmHWM") - residentBefore; // ND4J allocates outside the Java heap
        assertTrue(e.getMessage().contains("layer 1") && e.getMessage().contains("gets 16000 inputs from the layer"
                + " before it, but model.json says 1"), e.getMessage());
        assertTrue(seconds < 1, "took " + seconds + " s");
        if (peakKnown) {
            assertTrue(growth < 64 << 20, "the process's peak memory grew by " + (growth >> 20) + " MB");
        }
    }

    /** Resets the kernel's record of this process's peak resident memory (Linux); false where it cannot. */
    private static boolean resetPeakResidentMemory() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return residentMemory("VmHWM") > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A size in bytes from /proc/self/status ("VmRSS" now, "VmHWM" the peak), or -1. */
    private static long residentMemory(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    @Test
    void weightsAreReadStraightIntoTheModelWithoutAHeapCopy() throws IOException {
        Sequential model = new Sequential(4);
        model.add(new Dense(512, 1024)); // a 4 MB DOUBLE kernel
        model.setWeights(List.of(Nd4j.rand(DataType.DOUBLE, 1024, 512), Nd4j.rand(DataType.DOUBLE, 512)));
        Path file = dir.resolve("wide.b4j");
        model.save(file);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long heapBefore = threads.getCurrentThreadAllocatedBytes();
        Sequential loaded = Sequential.load(file);
        long heap = threads.getCurrentThreadAllocatedBytes() - heapBefore;
        long kernelBytes = 1024L * 512 * 8;
        // no throw-away initial values (glorot_uniform draws them into a double[]) and no copy of the
        // file's values on the heap: the kernel is allocated once, natively, and read into
        assertTrue(heap < kernelBytes / 4, "load allocated " + heap + " heap bytes for a " + kernelBytes
                + "-byte kernel");
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(model.getWeights().get(i).data().asDouble(), loaded.getWeights().get(i).data().asDouble());
        }
    }

    @Test
    void loadedModelsPredictBitForBitInBothTypes() throws IOException {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            Random data = new Random(5);
            INDArray x = TestArrays.uniform(data, 20, 3, -1, 1);
            INDArray y = TestArrays.uniform(data, 20, 2, 0, 1).gt(0.5).castTo(DataType.DOUBLE);
            Sequential model = new Sequential(6, type);
            model.add(new Dense(4, 3, "tanh")).add(new Dense(2, "sigmoid"));
            model.compile("binary_crossentropy", new SGD(0.1, 0.9, false), "accuracy");
            model.fit(x, y, new FitOptions().epochs(3).batchSize(5).verbose(0));
            Path file = dir.resolve("trained-" + type + ".b4j");
            model.save(file);
            Sequential loaded = Sequential.load(file);
            assertEquals(type, loaded.dataType());
            assertArrayEquals(model.predict(x).data().asDouble(), loaded.predict(x).data().asDouble(), 0.0, type.name());
            model.fit(x, y, new FitOptions().epochs(2).batchSize(5).verbose(0));
            loaded.fit(x, y, new FitOptions().epochs(2).batchSize(5).verbose(0));
            assertArrayEquals(model.getWeights().get(0).data().asDouble(), loaded.getWeights().get(0).data().asDouble(),
                    0.0, type + ": both train on identically");
        }
    }

    @Test
    void controlCharactersInNamesAreEscapedInMessages() throws IOException {
        Path saved = dir.resolve("model.b4j");
        small(7).save(saved);
        Map<String, byte[]> entries = entries(saved);
        entries.put("weights/evil\nname\u001b[31m.npy", npyZeros(2));
        Path file = zip("control.b4j", entries);
        IOException e = assertThrows(IOException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("unexpected entry 'weights/evil\\u000aname\\u001b[31m.npy'"), e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), e.getMessage());
    }

    /**
     * Truncations and single flipped bytes of a good file: each either loads or fails
     * with an IOException that names the file, never a bare EOFException or anything else.
     */
    @Test
    void everyDamagedFileFailsWithAnIOExceptionNamingIt() throws IOException {
        Path saved = dir.resolve("model.b4j");
        small(8).save(saved);
        byte[] good = Files.readAllBytes(saved);
        Path file = dir.resolve("damaged.b4j");
        int failures = 0;
        int tail = Math.min(good.length, 160); // the central directory's end, and the end record
        for (int variant = 0; variant < good.length / 11 + tail; variant++) {
            byte[] bad;
            if (variant < good.length / 11) {
                bad = java.util.Arrays.copyOf(good, variant * 11); // truncated
            } else {
                bad = good.clone();
                bad[good.length - tail + variant - good.length / 11] ^= (byte) 0xff; // one byte flipped
            }
            Files.write(file, bad);
            try {
                Sequential.load(file);
            } catch (IOException e) {
                failures++;
                assertTrue(e.getMessage() != null && e.getMessage().startsWith("Cannot load a model from " + file),
                        "variant " + variant + ": " + e);
            } catch (RuntimeException e) {
                throw new AssertionError("variant " + variant + " escaped as " + e, e);
            }
        }
        assertTrue(failures > good.length / 11, failures + " failures");
    }

    @Test
    void aValueThatOverflowsFloatIsReportedAsSuch() {
        Sequential model = new Sequential(9, DataType.FLOAT);
        model.add(new Dense(2, 2));
        INDArray x = Nd4j.create(new double[][] {{1, 1e39}});
        IllegalArgumentException predict = assertThrows(IllegalArgumentException.class, () -> model.predict(x));
        assertTrue(predict.getMessage().contains("1.0E39") && predict.getMessage().contains("overflows FLOAT"),
                predict.getMessage());
        assertTrue(predict.getMessage().contains("row 0, column 1"), predict.getMessage());
        List<INDArray> weights = model.getWeights();
        weights.set(1, Nd4j.create(new double[] {-3e40, 0}));
        IllegalArgumentException set = assertThrows(IllegalArgumentException.class, () -> model.setWeights(weights));
        assertTrue(set.getMessage().contains("-3.0E40") && set.getMessage().contains("overflows FLOAT"), set.getMessage());
        INDArray nan = Nd4j.create(new double[][] {{Double.NaN, 1}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(nan)).getMessage().contains("NaN"));
    }
}
