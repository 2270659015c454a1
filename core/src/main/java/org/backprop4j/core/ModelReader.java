package org.backprop4j.core;

import static org.backprop4j.core.ModelIO.CONFIG_ENTRY;
import static org.backprop4j.core.ModelIO.FORMAT;
import static org.backprop4j.core.ModelIO.FORMAT_VERSION;
import static org.backprop4j.core.ModelIO.JSON;
import static org.backprop4j.core.ModelIO.MAX_CONFIG_BYTES;
import static org.backprop4j.core.ModelIO.MAX_ENTRIES;
import static org.backprop4j.core.ModelIO.MAX_EXPANSION;
import static org.backprop4j.core.ModelIO.MAX_JSON_DEPTH;
import static org.backprop4j.core.ModelIO.MAX_LAYERS;
import static org.backprop4j.core.ModelIO.MAX_METRICS;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.backprop4j.core.losses.Losses;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonProcessingException;

/**
 * Reads a model file written by {@link ModelIO} (the format is described there), trusting nothing.
 *
 * <p>In order: the archive (entry count, unique names), {@code model.json} (size, nesting depth,
 * valid JSON without repeated keys, format and version, every field's type and range), a plan of
 * every layer (its factory, its config, the weight shapes the config implies for its input size,
 * compared with those listed), the total size of all arrays against what the file can hold, and no
 * unlisted entry; only then are layers built and arrays read, each checked against its declared
 * size, its shape and data type, its CRC-32 and for non-finite values. Every failure is an
 * {@link IOException} that names the file and the problem.
 */
final class ModelReader {

    private final ZipFile zip;
    private final long fileSize;
    private final String where;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
    private final Set<String> referenced = new HashSet<>();
    private DataType dataType;
    private long plannedBytes;

    /** Loads the model file at {@code path}; see {@link Sequential#load(Path)}. */
    static Sequential load(Path path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("load: path must not be null");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such model file");
        }
        String where = "Cannot load a model from " + path + ": ";
        if (Files.isDirectory(path)) {
            throw new IOException(where + "it is a directory, not a model file");
        }
        long fileSize = Files.size(path);
        if (fileSize == 0) {
            throw new IOException(where + "the file is empty (0 bytes)");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new IOException(where + (startsWithZipSignature(path)
                    ? "the zip archive is truncated or corrupted (" + e.getMessage() + ")"
                    : "it is not a zip archive, so not a backprop4j model file"), e);
        }
        try (zip) {
            return new ModelReader(zip, fileSize, where).read();
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(where + e.getMessage(), e);
        }
    }

    private ModelReader(ZipFile zip, long fileSize, String where) {
        this.zip = zip;
        this.fileSize = fileSize;
        this.where = where;
    }

    private Sequential read() throws IOException {
        listEntries();
        Map<String, Object> root = readConfig();

        String format = root.get("format") instanceof String s ? s : null;
        if (!FORMAT.equals(format)) {
            throw problem("model.json's \"format\" is " + Config.describe(root.get("format")) + ", expected '"
                    + FORMAT + "'");
        }
        Object version = root.get("formatVersion");
        if (!(version instanceof Integer) || (Integer) version != FORMAT_VERSION) {
            throw problem("unknown format version " + Config.describe(version) + "; this backprop4j reads version "
                    + FORMAT_VERSION);
        }
        Config.requireKeys(root, "model.json", "format", "formatVersion", "dataType", "seed", "randomState",
                "layers", "compile");
        String type = Config.string(root, "dataType", false);
        if (!type.equals("DOUBLE") && !type.equals("FLOAT")) {
            throw problem("model.json's \"dataType\" must be DOUBLE or FLOAT, got '" + type + "'");
        }
        dataType = DataType.valueOf(type);
        long seed = Config.integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        long randomState = Config.integer(root, "randomState", 0, StatefulRandom.MASK);

        List<PlannedLayer> layers = planLayers(list(root.get("layers"), "\"layers\"", 1, MAX_LAYERS));
        Map<String, Object> compile = root.get("compile") == null ? null : map(root.get("compile"), "\"compile\"");
        List<PlannedArray> optimizerState = compile == null ? List.of() : planCompile(compile);
        if (plannedBytes > MAX_EXPANSION * fileSize) {
            throw problem("model.json lists " + plannedBytes + " bytes of arrays, more than a " + fileSize
                    + "-byte file can hold");
        }
        for (String name : entries.keySet()) {
            if (!name.equals(CONFIG_ENTRY) && !referenced.contains(name)) {
                throw problem("unexpected entry '" + name + "' (not listed in model.json)");
            }
        }

        Sequential model = new Sequential(seed, dataType);
        List<INDArray> weights = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            PlannedLayer planned = layers.get(i);
            Layer layer = planned.factory().create(planned.config());
            layer.assignName(planned.name());
            model.add(layer);
            String which = "layer " + i + " (" + layer.describe() + ")";
            if (layer.inputSize() != planned.inputSize()) {
                throw problem(which + " gets " + layer.inputSize() + " inputs from the layer before it, but model.json"
                        + " says " + planned.inputSize());
            }
            if (!layer.parameterNames().equals(planned.weightNames())) {
                throw problem(which + " has weights " + layer.parameterNames() + ", model.json lists "
                        + planned.weightNames());
            }
            for (int w = 0; w < planned.weights().size(); w++) {
                PlannedArray array = planned.weights().get(w);
                if (!Arrays.equals(layer.parameters().get(w).shape(), array.shape())) {
                    throw problem("shape mismatch: " + array.what() + " is " + Arrays.toString(
                            layer.parameters().get(w).shape()) + ", model.json says " + Arrays.toString(array.shape()));
                }
                weights.add(readArray(array));
            }
        }
        model.setWeights(weights);

        if (compile != null) {
            try {
                compile(model, compile, optimizerState);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw problem("\"compile\": " + e.getMessage());
            }
        }
        model.restoreRandomState(randomState);
        return model;
    }

    /** Compiles the loaded model as saved and restores the optimizer's state. */
    private void compile(Sequential model, Map<String, Object> compile, List<PlannedArray> optimizerState)
            throws IOException {
        Map<String, Object> optimizerDescription = map(compile.get("optimizer"), "\"optimizer\"");
        Optimizer optimizer = Optimizer.byName(Config.string(optimizerDescription, "type", false))
                .fromConfig(map(optimizerDescription.get("config"), "the optimizer's \"config\""));
        List<Object> metricNames = list(compile.get("metrics"), "\"metrics\"", 0, MAX_METRICS);
        String[] metrics = new String[metricNames.size()];
        for (int i = 0; i < metrics.length; i++) {
            if (!(metricNames.get(i) instanceof String)) {
                throw problem("metric " + i + " must be a name, got " + Config.describe(metricNames.get(i)));
            }
            metrics[i] = (String) metricNames.get(i);
        }
        model.compile(Losses.byName(Config.string(compile, "loss", false)), optimizer, metrics);
        List<INDArray> state = new ArrayList<>();
        for (PlannedArray array : optimizerState) {
            state.add(readArray(array));
        }
        List<INDArray> parameters = new ArrayList<>();
        for (Layer layer : model.getLayers()) {
            parameters.addAll(layer.parameters());
        }
        optimizer.setState(state, parameters);
    }

    private void listEntries() throws IOException {
        if (zip.size() > MAX_ENTRIES) {
            throw problem("the archive has " + zip.size() + " entries; a model file has at most " + MAX_ENTRIES);
        }
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            if (entries.put(entry.getName(), entry) != null) {
                throw problem("the archive has two entries named '" + entry.getName() + "'");
            }
        }
    }

    private Map<String, Object> readConfig() throws IOException {
        ZipEntry entry = entries.get(CONFIG_ENTRY);
        if (entry == null) {
            throw problem("missing entry '" + CONFIG_ENTRY + "': this zip archive is not a backprop4j model file");
        }
        if (entry.getSize() > MAX_CONFIG_BYTES) {
            throw problem(CONFIG_ENTRY + " declares " + entry.getSize() + " bytes; at most " + MAX_CONFIG_BYTES
                    + " are accepted");
        }
        byte[] bytes;
        try (InputStream in = new CheckedEntryStream(zip.getInputStream(entry), entry, MAX_CONFIG_BYTES)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw entryProblem(CONFIG_ENTRY, e);
        }
        int depth = nestingDepth(bytes);
        if (depth > MAX_JSON_DEPTH) {
            throw problem(CONFIG_ENTRY + " nests " + depth + " levels deep; at most " + MAX_JSON_DEPTH + " are accepted");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> root = JSON.readValue(bytes, Map.class);
            if (root == null) {
                throw problem(CONFIG_ENTRY + " holds null, not a model description");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw problem(CONFIG_ENTRY + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    private List<PlannedLayer> planLayers(List<Object> descriptions) throws IOException {
        List<PlannedLayer> layers = new ArrayList<>();
        for (int i = 0; i < descriptions.size(); i++) {
            String which = "layer " + i;
            Map<String, Object> description = map(descriptions.get(i), which);
            try {
                Config.requireKeys(description, which, "type", "name", "inputSize", "config", "weights");
                String type = Config.string(description, "type", false);
                String name = Config.string(description, "name", false);
                if (!name.matches("[^\\p{Cntrl}]{1,128}")) {
                    throw new IllegalArgumentException("a layer name is 1 to 128 characters without control"
                            + " characters, got '" + name.substring(0, Math.min(name.length(), 40))
                            .replaceAll("\\p{Cntrl}", "?") + "'");
                }
                which += " (" + type + " '" + name + "')";
                long inputSize = Config.integer(description, "inputSize", 1, Npy.MAX_ELEMENTS);
                Map<String, Object> config = map(description.get("config"), which + " config");
                LayerFactory factory = LayerFactory.forType(type);
                List<long[]> expectedShapes = factory.weightShapes(config, inputSize);
                List<Object> weightList = list(description.get("weights"), which + " weights", 0, 64);
                if (weightList.size() != expectedShapes.size()) {
                    throw new IllegalArgumentException("model.json lists " + weightList.size() + " weight arrays, its"
                            + " config implies " + expectedShapes.size());
                }
                List<String> names = new ArrayList<>();
                List<PlannedArray> arrays = new ArrayList<>();
                for (int w = 0; w < weightList.size(); w++) {
                    Map<String, Object> weight = map(weightList.get(w), which + " weight " + w);
                    Config.requireKeys(weight, which + " weight " + w, "name", "entry", "shape");
                    String weightName = Config.string(weight, "name", false);
                    PlannedArray array = planArray(weight, which + " " + weightName);
                    if (!Arrays.equals(array.shape(), expectedShapes.get(w))) {
                        throw new IllegalArgumentException("shape mismatch: " + weightName + " is listed with shape "
                                + Arrays.toString(array.shape()) + ", but the config and " + inputSize
                                + " inputs give " + Arrays.toString(expectedShapes.get(w)));
                    }
                    names.add(weightName);
                    arrays.add(array);
                }
                layers.add(new PlannedLayer(factory, name, inputSize, config, names, arrays));
            } catch (IllegalArgumentException e) {
                throw problem(which + ": " + e.getMessage());
            }
        }
        return layers;
    }

    private List<PlannedArray> planCompile(Map<String, Object> compile) throws IOException {
        Config.requireKeys(compile, "\"compile\"", "loss", "metrics", "optimizer");
        Map<String, Object> optimizer = map(compile.get("optimizer"), "\"optimizer\"");
        Config.requireKeys(optimizer, "\"optimizer\"", "type", "config", "state");
        List<Object> stateList = list(optimizer.get("state"), "the optimizer's \"state\"", 0, MAX_ENTRIES);
        List<PlannedArray> state = new ArrayList<>();
        for (int i = 0; i < stateList.size(); i++) {
            Map<String, Object> description = map(stateList.get(i), "optimizer state " + i);
            Config.requireKeys(description, "optimizer state " + i, "entry", "shape");
            state.add(planArray(description, "optimizer state " + i));
        }
        return state;
    }

    /** Checks an array's entry and shape, and counts its bytes against the file's budget. */
    private PlannedArray planArray(Map<String, Object> description, String what) throws IOException {
        String entry = Config.string(description, "entry", false);
        if (!entry.endsWith(".npy") || entry.equals(CONFIG_ENTRY)) {
            throw problem(what + ": entry '" + entry + "' is not a .npy entry");
        }
        if (!entries.containsKey(entry)) {
            throw problem("missing entry '" + entry + "' (" + what + ")");
        }
        if (!referenced.add(entry)) {
            throw problem(what + ": entry '" + entry + "' is listed twice");
        }
        List<Object> dimensions = list(description.get("shape"), what + " shape", 1, 8);
        long[] shape = new long[dimensions.size()];
        for (int d = 0; d < shape.length; d++) {
            Object dimension = dimensions.get(d);
            if (!(dimension instanceof Integer) || (Integer) dimension < 1) {
                throw problem(what + ": shape " + dimensions + " must hold positive integers");
            }
            shape[d] = (Integer) dimension;
        }
        try {
            plannedBytes += Npy.fileSize(dataType, shape);
        } catch (IllegalArgumentException e) {
            throw problem(what + ": " + e.getMessage());
        }
        return new PlannedArray(entry, shape, what);
    }

    private INDArray readArray(PlannedArray array) throws IOException {
        ZipEntry entry = entries.get(array.entry());
        long expected = Npy.fileSize(dataType, array.shape());
        if (entry.getSize() >= 0 && entry.getSize() != expected) {
            throw problem("entry '" + array.entry() + "' (" + array.what() + ") declares " + entry.getSize()
                    + " bytes, but shape " + Arrays.toString(array.shape()) + " of " + dataType + " takes "
                    + expected);
        }
        INDArray values;
        try (InputStream in = new CheckedEntryStream(zip.getInputStream(entry), entry, expected)) {
            values = Npy.read(in, dataType, array.shape(), "entry '" + array.entry() + "'");
        } catch (IOException e) {
            throw entryProblem(array.entry(), crcMismatch(entry, expected).orElse(e));
        }
        Checks.requireFinite("entry '" + array.entry() + "' (" + array.what() + ")", values);
        return values;
    }

    /**
     * After an entry failed to parse, whether its bytes fail their CRC too: then the message
     * should say "corrupted" rather than describe whatever garbage the parser met.
     */
    private Optional<IOException> crcMismatch(ZipEntry entry, long limit) {
        try (InputStream in = new CheckedEntryStream(zip.getInputStream(entry), entry, limit)) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer, 0, buffer.length) >= 0) {
                // reading to the end checks the CRC
            }
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of(e);
        } catch (IOException e) {
            return Optional.of(new ZipException(e.getMessage()));
        }
    }

    private IOException entryProblem(String entry, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ZipException) {
            return new IOException(where + "entry '" + entry + "' is corrupted (" + message + ")", e);
        }
        if (e instanceof EOFException && !message.contains(entry)) {
            return new IOException(where + "entry '" + entry + "' is truncated (" + message + ")", e);
        }
        return new IOException(where + message, e);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object value, String what) throws IOException {
        if (!(value instanceof Map)) {
            throw problem(what + " must be a JSON object, got " + Config.describe(value));
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value, String what, int min, int max) throws IOException {
        if (!(value instanceof List) || ((List<Object>) value).size() < min || ((List<Object>) value).size() > max) {
            throw problem(what + " must be a JSON array of " + min + " to " + max + " elements, got "
                    + Config.describe(value));
        }
        return (List<Object>) value;
    }

    private IOException problem(String message) {
        return new IOException(where + message);
    }

    private static boolean startsWithZipSignature(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] start = in.readNBytes(4);
            return Arrays.equals(start, new byte[] {'P', 'K', 3, 4});
        }
    }

    /** An array to read: its entry, its shape and what messages call it. */
    private record PlannedArray(String entry, long[] shape, String what) {
    }

    /** A layer to rebuild, fully checked against its factory before anything is allocated. */
    private record PlannedLayer(LayerFactory factory, String name, long inputSize, Map<String, Object> config,
                                List<String> weightNames, List<PlannedArray> weights) {
    }

    /** How deeply objects and arrays nest in a JSON text, counted without parsing it. */
    static int nestingDepth(byte[] json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }

    /**
     * An entry's bytes, refused past {@code limit}, with the CRC the archive declares checked at
     * the end: this is what catches flipped bits in the data.
     */
    private static final class CheckedEntryStream extends FilterInputStream {

        private final ZipEntry entry;
        private final long limit;
        private final CRC32 crc = new CRC32();
        private long count;

        CheckedEntryStream(InputStream in, ZipEntry entry, long limit) {
            super(in);
            this.entry = entry;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
            if (n < 0) {
                if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                    throw new ZipException("its CRC-32 is " + Long.toHexString(crc.getValue()) + ", the archive says "
                            + Long.toHexString(entry.getCrc()));
                }
                return -1;
            }
            count += n;
            if (count > limit) {
                throw new ZipException("it holds more than the " + limit + " bytes its size allows");
            }
            crc.update(buffer, offset, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skipping is not supported");
        }
    }
}
