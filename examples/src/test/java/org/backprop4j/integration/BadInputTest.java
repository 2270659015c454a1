package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.bits;
import static org.backprop4j.integration.Fixtures.classification;
import static org.backprop4j.integration.Fixtures.classifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.EarlyStopping;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bad input across the whole API, one row per case: each must throw the documented exception with
 * a message that says what was wrong, leave the model's weights bit-identical, leave the saved
 * model file on disk byte-identical, and (as every row runs in this JVM) never crash the JVM.
 */
class BadInputTest {

    private static Path dir;
    private static Sequential model;
    private static Path goodFile;
    private static byte[] goodBytes;
    private static Map<String, byte[]> goodEntries;
    private static INDArray x;
    private static INDArray y;

    /** One bad input: what it is, what it must throw, a fragment of the message, and how to provoke it. */
    record Case(String name, Class<? extends Exception> type, String fragment, Executable action) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void fixture() throws IOException {
        dir = Files.createTempDirectory("bp4j-bad-input");
        INDArray[] data = classification(16, 3);
        x = data[0];
        y = data[1];
        model = classifier(7, DataType.DOUBLE);
        model.fit(x, y, new FitOptions().epochs(1).batchSize(8).verbose(0));
        goodFile = dir.resolve("good.bp4j");
        model.save(goodFile);
        goodBytes = Files.readAllBytes(goodFile);
        goodEntries = entries(goodFile);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    // ---- building bad files ---------------------------------------------------------------------

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private static Path zipOf(String name, Map<String, byte[]> entries, boolean stored) {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.getValue());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.getValue().length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The good model's entries with some changed, as a new zip file. */
    private static Path edited(String name, UnaryOperator<Map<String, byte[]>> edit) {
        return zipOf(name, edit.apply(new LinkedHashMap<>(goodEntries)), false);
    }

    /** The good model with a text replacement in model.json. */
    private static Path jsonEdited(String name, String from, String to) {
        return edited(name, entries -> {
            String json = new String(entries.get("model.json"), StandardCharsets.UTF_8);
            assertTrue(json.contains(from), "fixture: model.json contains " + from);
            entries.put("model.json", json.replace(from, to).getBytes(StandardCharsets.UTF_8));
            return entries;
        });
    }

    /** The good model with a text replacement in the header of the first kernel's .npy entry. */
    private static Path npyHeaderEdited(String name, String from, String to) {
        return edited(name, entries -> {
            String npy = new String(entries.get(KERNEL), StandardCharsets.ISO_8859_1);
            assertTrue(npy.contains(from), "fixture: the .npy header contains " + from);
            entries.put(KERNEL, npy.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
            return entries;
        });
    }

    private static final String KERNEL = "weights/0_dense_kernel.npy";

    private static Path file(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code bytes} with the byte at {@code offset} flipped. */
    private static Path flipped(String name, byte[] bytes, int offset) {
        byte[] copy = bytes.clone();
        copy[offset] ^= 0x5a;
        return file(name, copy);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        throw new AssertionError("fixture: pattern not found");
    }

    // ---- the table ------------------------------------------------------------------------------

    private static Case iae(String name, String fragment, Executable action) {
        return new Case(name, IllegalArgumentException.class, fragment, action);
    }

    private static Case ise(String name, String fragment, Executable action) {
        return new Case(name, IllegalStateException.class, fragment, action);
    }

    private static Case io(String name, String fragment, Executable action) {
        return new Case(name, IOException.class, fragment, action);
    }

    private static Case load(String name, String fragment, Path file) {
        return io(name, fragment, () -> Sequential.load(file));
    }

    private static INDArray matrix(int rows, int columns) {
        return Nd4j.rand(DataType.DOUBLE, rows, columns);
    }

    private static INDArray with(INDArray array, double value) {
        INDArray copy = array.dup();
        copy.putScalar(1, 0, value);
        return copy;
    }

    private static List<INDArray> weightsWith(int index, INDArray replacement) {
        List<INDArray> weights = new ArrayList<>(model.getWeights());
        weights.set(index, replacement);
        return weights;
    }

    private static FitOptions quiet() {
        return new FitOptions().epochs(1).batchSize(8).verbose(0);
    }

    /** A layer type that is not registered (so models holding it cannot be saved). */
    static final class Doubler extends Layer {
        @Override
        protected long build(long inputSize, java.util.Random random) {
            return inputSize;
        }

        @Override
        public INDArray forward(INDArray input, CallContext context) {
            return input.mul(2);
        }

        @Override
        public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
            return dLdOutput.mul(2);
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // building the model
        cases.add(iae("Dense with 0 units", "units >= 1, got 0", () -> new Dense(0, 4)));
        cases.add(iae("Dense with inputDim 0", "inputDim >= 1", () -> new Dense(3, 0)));
        cases.add(iae("unknown activation name", "Unknown activation 'swoosh'; registered activations: ",
                () -> new Activation("swoosh")));
        cases.add(iae("unknown Dense activation", "Unknown activation 'geluu'", () -> new Dense(3, 4, "geluu")));
        cases.add(iae("add(null)", "null layer", () -> model.add(null)));
        cases.add(iae("first layer without input size", "needs its input size",
                () -> new Sequential(1).add(new Dense(3))));
        cases.add(ise("a layer that belongs to another model", "already belongs",
                () -> new Sequential(1).add(model.getLayers().get(0))));
        cases.add(iae("integer model data type", "DOUBLE or FLOAT (the supported data types), got INT", () -> new Sequential(1, DataType.INT32)));
        cases.add(iae("half-precision model data type", "DOUBLE or FLOAT (the supported data types), got HALF", () -> new Sequential(1, DataType.HALF)));
        cases.add(iae("bfloat16 model data type", "DOUBLE or FLOAT (the supported data types), got BFLOAT16", () -> new Sequential(1, DataType.BFLOAT16)));
        cases.add(iae("declared input size contradicting the previous layer", "declares 5 inputs",
                () -> new Sequential(1).add(new Dense(3, 4)).add(new Dense(2, 5))));
        // compiling
        cases.add(iae("unknown loss", "Unknown loss 'dice'", () -> model.compile("dice", new SGD(), "accuracy")));
        cases.add(iae("unknown metric", "Unknown metric 'f1'", () -> model.compile("mse", new SGD(), "f1")));
        cases.add(iae("null optimizer", "optimizer must not be null",
                () -> model.compile("mse", (Optimizer) null, "accuracy")));
        cases.add(iae("unknown optimizer name", "Unknown optimizer 'adamz'; registered optimizers: sgd",
                () -> model.compile("mse", "adamz")));
        cases.add(ise("compile an empty model", "the model is empty", () -> new Sequential(1).compile("mse", "sgd")));
        // hyper-parameters
        cases.add(iae("negative learning rate", "learning rate must be a positive finite number, got -1.0",
                () -> new SGD(-1)));
        cases.add(iae("NaN learning rate", "got NaN", () -> new SGD(Double.NaN)));
        cases.add(iae("momentum 1", "momentum must be in [0, 1), got 1.0", () -> new SGD(0.1, 1.0, false)));
        cases.add(iae("0 epochs", "epochs must be at least 1, got 0", () -> new FitOptions().epochs(0)));
        cases.add(iae("batch size -4", "batchSize must be at least 1, got -4", () -> new FitOptions().batchSize(-4)));
        cases.add(iae("verbose 3", "verbose must be 0, 1 or 2, got 3", () -> new FitOptions().verbose(3)));
        cases.add(iae("validationSplit 1", "validationSplit must be in [0, 1), got 1.0",
                () -> new FitOptions().validationSplit(1.0)));
        cases.add(iae("validationSplit NaN", "got NaN", () -> new FitOptions().validationSplit(Double.NaN)));
        cases.add(iae("validationSplit leaving no validation rows", "leaves no validation rows",
                () -> model.fit(x, y, quiet().validationSplit(1e-17))));
        cases.add(iae("validationSplit leaving no training rows", "of 16 samples leaves no training rows",
                () -> model.fit(x, y, quiet().validationSplit(0.99))));
        // data
        cases.add(iae("null x", "x must not be null", () -> model.fit(null, y, quiet())));
        cases.add(iae("rank-1 x", "x must be a matrix", () -> model.predict(Nd4j.create(new double[] {1, 2, 3, 4}))));
        cases.add(iae("rank-3 x", "got rank 3", () -> model.predict(Nd4j.rand(DataType.DOUBLE, 2, 4, 1))));
        cases.add(iae("empty x", "x is empty", () -> model.predict(Nd4j.create(DataType.DOUBLE, 0, 4))));
        cases.add(iae("x with 5 columns for 4 inputs", "expects 4 input columns, got 5", () -> model.predict(matrix(3, 5))));
        cases.add(iae("y with fewer rows than x", "one row per sample", () -> model.fit(x, y.getRows(0, 1, 2), quiet())));
        cases.add(iae("y with 2 columns for 3 outputs", "outputs 3 columns, but y has 2",
                () -> model.evaluate(x, matrix(16, 2))));
        cases.add(iae("NaN in x", "x contains NaN at row 1, column 0", () -> model.fit(with(x, Double.NaN), y, quiet())));
        cases.add(iae("infinity in y", "y contains Infinity", () -> model.fit(x, with(y, Double.POSITIVE_INFINITY), quiet())));
        cases.add(iae("boolean x", "must hold numbers", () -> model.predict(Nd4j.create(DataType.BOOL, 2, 4))));
        cases.add(iae("targets that are not one-hot", "needs targets in [0, 1]", () -> model.fit(x, y.mul(2), quiet())));
        cases.add(iae("validation x with 3 columns", "validation x has shape",
                () -> model.fit(x, y, quiet().validationData(matrix(4, 3), y.getRows(0, 1, 2, 3)))));
        cases.add(iae("NaN in validation y", "validation y contains NaN",
                () -> model.fit(x, y, quiet().validationData(x, with(y, Double.NaN)))));
        cases.add(iae("validationData(null, y)", "x = null", () -> new FitOptions().validationData(null, y)));
        cases.add(ise("fit before compile", "before compile", () -> {
            Sequential fresh = new Sequential(1);
            fresh.add(new Dense(3, 4));
            fresh.fit(x, y, quiet());
        }));
        cases.add(ise("predict on an empty model", "has no layers", () -> new Sequential(1).predict(x)));
        // setWeights
        cases.add(iae("setWeights with 3 arrays for 4", "setWeights expects 4 arrays",
                () -> model.setWeights(model.getWeights().subList(0, 3))));
        cases.add(iae("setWeights with a transposed kernel", "has shape [4, 8], got [8, 4]",
                () -> model.setWeights(weightsWith(0, matrix(8, 4)))));
        cases.add(iae("setWeights with NaN", "contains NaN", () -> model.setWeights(weightsWith(0, with(matrix(4, 8), Double.NaN)))));
        cases.add(iae("setWeights(null)", "weights must not be null", () -> model.setWeights(null)));
        cases.add(iae("setWeights with a null array", "is null", () -> model.setWeights(weightsWith(1, null))));
        // callbacks and history
        cases.add(iae("EarlyStopping on an unknown key", "monitors 'val_lost', which this fit will not report; available: [loss, accuracy, val_loss, val_accuracy]",
                () -> model.fit(x, y, quiet().validationSplit(0.25).callbacks(new EarlyStopping("val_lost", 2)))));
        cases.add(iae("EarlyStopping on val_loss without validation", "val_ keys need validationSplit or validationData",
                () -> model.fit(x, y, quiet().callbacks(new EarlyStopping("val_loss", 2)))));
        cases.add(iae("EarlyStopping with patience -1", "patience must be 0 or more", () -> new EarlyStopping("loss", -1)));
        cases.add(iae("EarlyStopping with a blank monitor", "needs a monitor", () -> new EarlyStopping(" ", 1)));
        cases.add(iae("EarlyStopping mode 'sideways'", "mode must be", () -> new EarlyStopping("loss", 1).mode("sideways")));
        cases.add(iae("EarlyStopping minDelta NaN", "minDelta must be", () -> new EarlyStopping("loss", 1).minDelta(Double.NaN)));
        cases.add(iae("a null callback", "callback 1 is null", () -> new FitOptions().callbacks(new EarlyStopping(), null)));
        cases.add(iae("History key never recorded", "History has no 'val_loss'; recorded: [loss]", () -> {
            History history = new History();
            history.record("loss", 1.0);
            history.get("val_loss");
        }));
        // saving
        cases.add(iae("save(null)", "path must not be null", () -> model.save(null)));
        cases.add(new Case("save into a missing directory", NoSuchFileException.class, "directory does not exist",
                () -> model.save(dir.resolve("no-such-dir").resolve("m.bp4j"))));
        cases.add(io("save onto a directory", "is a directory", () -> model.save(dir)));
        cases.add(ise("save a model with an unregistered layer type",
                "Doubler is not registered; register it once with Registry.LAYERS.register", () -> {
            Sequential custom = new Sequential(1);
            custom.add(new Dense(4, 4)).add(new Doubler());
            custom.save(goodFile);
        }));
        cases.add(ise("save a model whose optimizer is not registered", "is not registered; register it once with Registry.OPTIMIZERS", () -> {
            Sequential custom = new Sequential(1);
            custom.add(new Dense(3, 4));
            custom.compile("mse", new Optimizer(0.1) {
                @Override
                protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
                }

                @Override
                protected Map<String, Object> hyperParameters() {
                    return Map.of();
                }
            });
            custom.save(goodFile);
        }));
        cases.add(ise("save an empty model", "the model has no layers", () -> new Sequential(1).save(goodFile)));
        // loading: the file itself
        cases.add(iae("load(null)", "path must not be null", () -> Sequential.load(null)));
        cases.add(new Case("load a missing file", NoSuchFileException.class, "no such model file",
                () -> Sequential.load(dir.resolve("missing.bp4j"))));
        cases.add(io("load a directory", "it is a directory", () -> Sequential.load(dir)));
        cases.add(load("empty file", "the file is empty (0 bytes)", file("empty.bp4j", new byte[0])));
        cases.add(load("a text file", "not a zip archive", file("notes.bp4j", "hello, model".getBytes(StandardCharsets.UTF_8))));
        cases.add(load("truncated to half", "truncated or corrupted",
                file("half.bp4j", Arrays.copyOf(goodBytes, goodBytes.length / 2))));
        cases.add(load("truncated by one byte", "truncated or corrupted",
                file("short.bp4j", Arrays.copyOf(goodBytes, goodBytes.length - 1))));
        cases.add(load("a zip without model.json", "missing entry 'model.json'",
                zipOf("other.zip", Map.of("readme.txt", new byte[] {1, 2, 3}), false)));
        cases.add(load("too many entries", "entries; a model file has at most 10000", tooManyEntries()));
        // loading: model.json
        cases.add(load("model.json not JSON", "model.json is not valid JSON",
                edited("garbage.bp4j", e -> { e.put("model.json", "{\"format\": ".getBytes(StandardCharsets.UTF_8)); return e; })));
        cases.add(load("model.json nested 10000 deep", "nests 10000 levels deep", edited("deep.bp4j", e -> {
            e.put("model.json", ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
            return e;
        })));
        cases.add(load("a duplicated key", "Duplicate field 'seed'", jsonEdited("dup.bp4j", "\"seed\" : 7,", "\"seed\" : 7, \"seed\" : 8,")));
        cases.add(load("another format", "\"format\" is 'keras-model'", jsonEdited("format.bp4j", "backprop4j-model", "keras-model")));
        cases.add(load("format version 4", "unknown format version 4 (number); this backprop4j reads versions 1 to 3",
                jsonEdited("v4.bp4j", "\"formatVersion\" : 3", "\"formatVersion\" : 4")));
        cases.add(load("data type INT", "\"dataType\" must be DOUBLE or FLOAT, got 'INT'", jsonEdited("int.bp4j", "\"DOUBLE\"", "\"INT\"")));
        cases.add(load("seed as a string", "'seed' must be an integer", jsonEdited("seed.bp4j", "\"seed\" : 7", "\"seed\" : \"7\"")));
        cases.add(load("unknown layer type", "Unknown layer 'Conv2D'; registered layers: ",
                jsonEdited("conv.bp4j", "\"type\" : \"Activation\"", "\"type\" : \"Conv2D\"")));
        cases.add(load("an unknown key in a Dense config", "unknown [dropout]",
                jsonEdited("dropout.bp4j", "\"units\" : 8,", "\"units\" : 8, \"dropout\" : 0.5,")));
        cases.add(load("an unknown activation in a config", "Unknown activation 'swoosh'",
                jsonEdited("swoosh.bp4j", "\"activation\" : \"tanh\"", "\"activation\" : \"swoosh\"")));
        cases.add(load("shape mismatch between model.json and the config", "shape mismatch: kernel is listed with shape [4, 9]",
                jsonEdited("shape.bp4j", "\"shape\" : [ 4, 8 ]", "\"shape\" : [ 4, 9 ]")));
        cases.add(load("a hostile size (100,000,000 units)", "more than a", hugeModel()));
        cases.add(load("unknown optimizer type", "Unknown optimizer 'adamx'", jsonEdited("adamx.bp4j", "\"type\" : \"sgd\"", "\"type\" : \"adamx\"")));
        cases.add(load("a negative learning rate in the file", "learning rate must be a positive finite number",
                jsonEdited("lr.bp4j", "\"learningRate\" : 0.1", "\"learningRate\" : -0.1")));
        cases.add(load("an unknown metric in the file", "Unknown metric 'f1'", jsonEdited("f1.bp4j", "[ \"accuracy\" ]", "[ \"f1\" ]")));
        // loading: entries
        cases.add(load("a missing weight entry", "missing entry 'weights/0_dense_kernel.npy'",
                edited("nokernel.bp4j", e -> { e.remove(KERNEL); return e; })));
        cases.add(load("an unexpected entry", "unexpected entry 'extra.bin'",
                edited("extra.bp4j", e -> { e.put("extra.bin", new byte[] {1}); return e; })));
        cases.add(load("a flipped byte in stored weight data", "is corrupted (its CRC-32 is", flippedStored()));
        cases.add(load("a flipped byte in compressed weight data", "is corrupted", flippedDeflated()));
        cases.add(load("a .npy entry with trailing bytes", "declares", edited("trailing.bp4j", e -> {
            e.put(KERNEL, Arrays.copyOf(e.get(KERNEL), e.get(KERNEL).length + 8));
            return e;
        })));
        cases.add(load("a .npy entry cut short", "declares", edited("cut.bp4j", e -> {
            e.put(KERNEL, Arrays.copyOf(e.get(KERNEL), e.get(KERNEL).length - 8));
            return e;
        })));
        cases.add(load("a .npy entry holding integers", "holds data type '<i8', expected '<f8'",
                npyHeaderEdited("ints.bp4j", "'<f8'", "'<i8'")));
        cases.add(load("a .npy entry in Fortran order", "Fortran", npyHeaderEdited("fortran.bp4j", "False", "True ")));
        cases.add(load("a .npy entry with another shape", "has shape [8, 4], expected [4, 8]",
                npyHeaderEdited("transposed.bp4j", "(4, 8)", "(8, 4)")));
        cases.add(load("a .npy entry without the magic", "does not start with", npyHeaderEdited("magic.bp4j", "NUMPY", "NUMPI")));
        cases.add(load("NaN in a saved kernel", "contains NaN", edited("nan.bp4j", e -> {
            byte[] kernel = e.get(KERNEL).clone();
            int data = kernel.length - 4 * 8 * 8;
            long nan = Double.doubleToRawLongBits(Double.NaN);
            for (int b = 0; b < 8; b++) {
                kernel[data + b] = (byte) (nan >>> (8 * b));
            }
            e.put(KERNEL, kernel);
            return e;
        })));
        cases.add(load("an optimizer velocity of the wrong shape", "optimizer/0_momentum_0.npy",
                jsonEdited("velocity.bp4j", "\"entry\" : \"optimizer/0_momentum_0.npy\",\n        \"shape\" : [ 4, 8 ]",
                        "\"entry\" : \"optimizer/0_momentum_0.npy\",\n        \"shape\" : [ 8, 4 ]")));
        return cases;
    }

    /** A valid-looking model.json whose Dense claims 100,000,000 units: 3.2 GB of weights in a small file. */
    private static Path hugeModel() {
        return jsonEditedAll("huge.bp4j",
                new String[] {"\"units\" : 8,", "\"shape\" : [ 4, 8 ]", "\"shape\" : [ 8 ]"},
                new String[] {"\"units\" : 100000000,", "\"shape\" : [ 4, 100000000 ]", "\"shape\" : [ 100000000 ]"});
    }

    private static Path jsonEditedAll(String name, String[] from, String[] to) {
        return edited(name, entries -> {
            String json = new String(entries.get("model.json"), StandardCharsets.UTF_8);
            for (int i = 0; i < from.length; i++) {
                assertTrue(json.contains(from[i]), "fixture: model.json contains " + from[i]);
                json = json.replaceFirst(java.util.regex.Pattern.quote(from[i]), java.util.regex.Matcher.quoteReplacement(to[i]));
            }
            entries.put("model.json", json.getBytes(StandardCharsets.UTF_8));
            return entries;
        });
    }

    private static Path tooManyEntries() {
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        for (int i = 0; i < 10_001; i++) {
            entries.put("padding/" + i, new byte[0]);
        }
        return zipOf("many.bp4j", entries, true);
    }

    private static Path flippedStored() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(zipOf("stored.bp4j", goodEntries, true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int kernel = indexOf(bytes, "'shape': (4, 8)".getBytes(StandardCharsets.US_ASCII), 0);
        return flipped("stored-flipped.bp4j", bytes, kernel + 100); // inside the kernel's data
    }

    private static Path flippedDeflated() {
        int kernelName = indexOf(goodBytes, KERNEL.getBytes(StandardCharsets.US_ASCII), 0); // local header name
        return flipped("deflated-flipped.bp4j", goodBytes, kernelName + KERNEL.length() + 40);
    }

    // ---- the test -------------------------------------------------------------------------------

    @Test
    void theTableHasAtLeastThirtyDistinctCases() {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 30, "cases: " + cases.size());
        assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "names are distinct");
        System.out.println("BadInputTest: " + cases.size() + " bad inputs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputFailsCleanlyAndChangesNothing(Case bad) throws IOException {
        List<long[]> before = bits(model.getWeights());
        Exception thrown = assertThrows(Exception.class, bad.action(), bad.name());
        assertTrue(bad.type().isInstance(thrown), bad.name() + ": expected " + bad.type().getSimpleName() + ", got " + thrown);
        assertTrue(thrown.getMessage() != null && thrown.getMessage().contains(bad.fragment()),
                bad.name() + ": message should contain \"" + bad.fragment() + "\" but was: " + thrown.getMessage());
        List<long[]> after = bits(model.getWeights());
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), bad.name() + ": weight " + i + " changed");
        }
        assertArrayEquals(goodBytes, Files.readAllBytes(goodFile), bad.name() + ": the saved model file changed");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(path -> path.getFileName().toString().endsWith(".tmp")),
                    bad.name() + ": a temporary file was left behind");
        }
    }
}
