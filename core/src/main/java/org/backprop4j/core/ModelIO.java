package org.backprop4j.core;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.backprop4j.core.losses.Losses;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The model file behind {@link Sequential#save} and {@link Sequential#load}: a zip archive with
 * <pre>
 *   model.json                     format, formatVersion, dataType, seed, randomState,
 *                                  layers [{type, name, inputSize, config, weights [{name, entry, shape}]}],
 *                                  compile {loss, metrics, optimizer {type, config, state [{entry, shape}]}} or null
 *   weights/0_dense_kernel.npy     every weight, in getWeights() order, as numpy .npy (see {@link Npy})
 *   optimizer/0.npy ...            the optimizer's state arrays (e.g. SGD's velocities)
 * </pre>
 *
 * <p>Saving describes the whole model in memory first (so a model that cannot be saved writes
 * nothing), writes a temporary file next to the target, forces it to disk, and renames it over the
 * target atomically. Loading trusts nothing: entry count, JSON size and nesting, every field's type
 * and range, the shapes a layer's config implies against those listed, each entry's declared size
 * against the shape, each entry's CRC, and the total of all arrays against what the file's size can
 * hold (deflate expands at most ~1032 times), all before any array is allocated.
 */
final class ModelIO {

    /** The value of model.json's "format" field. */
    static final String FORMAT = "backprop4j-model";
    /** The version this code writes and reads. */
    static final int FORMAT_VERSION = 1;
    static final String CONFIG_ENTRY = "model.json";
    static final int MAX_CONFIG_BYTES = 1 << 20;
    static final int MAX_JSON_DEPTH = 32;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_LAYERS = 1_000;
    static final int MAX_METRICS = 32;
    /** Deflate cannot expand data more than about 1032 times, so a file of n bytes holds at most this many times n. */
    static final long MAX_EXPANSION = 1100;

    /** A fixed entry time, so that the same model always gives the same bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ModelIO() {
    }

    // ---- save -----------------------------------------------------------------------------------

    /** An array and the entry it is saved as. */
    private record ArrayEntry(String entry, INDArray array) {
    }

    /** Something that writes one entry's bytes. */
    private interface EntryWriter {
        void write(OutputStream out) throws IOException;
    }

    static void save(Sequential model, Path path) throws IOException {
        save(model, path, UnaryOperator.identity());
    }

    /**
     * Saves {@code model} to {@code path}; {@code wrapper} wraps the stream the zip is written to
     * (tests inject failures through it).
     */
    static void save(Sequential model, Path path, UnaryOperator<OutputStream> wrapper) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("save: path must not be null");
        }
        if (model.getLayers().isEmpty()) {
            throw new IllegalStateException("Cannot save: the model has no layers; nothing was written");
        }
        List<ArrayEntry> arrays = new ArrayList<>();
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(describe(model, arrays));

        Path target = path.toAbsolutePath();
        Path directory = target.getParent();
        if (Files.isDirectory(target)) {
            throw new IOException("Cannot save the model to " + target + ": it is a directory");
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(String.valueOf(directory), null,
                    "cannot save the model there: the directory does not exist");
        }
        Path temporary = directory.resolve("." + target.getFileName() + "." + Long.toHexString(
                ThreadLocalRandom.current().nextLong()) + ".tmp");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean moved = false;
        try {
            try (channel; ZipOutputStream zip = new ZipOutputStream(
                         wrapper.apply(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)))) {
                writeEntry(zip, CONFIG_ENTRY, out -> out.write(json));
                for (ArrayEntry array : arrays) {
                    writeEntry(zip, array.entry(), out -> Npy.write(array.array(), out));
                }
                zip.finish();
                zip.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // the original failure matters more; a stray .tmp file is harmless
                }
            }
        }
        syncDirectory(directory);
    }

    private static void writeEntry(ZipOutputStream zip, String name, EntryWriter writer) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        writer.write(zip);
        zip.closeEntry();
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    /** model.json's content; adds every array to save to {@code arrays}. */
    private static Map<String, Object> describe(Sequential model, List<ArrayEntry> arrays) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("dataType", model.dataType().name());
        root.put("seed", model.seed());
        root.put("randomState", model.randomState());

        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.getLayers()) {
            LayerFactory factory;
            try {
                factory = LayerFactory.forType(layer.typeName());
            } catch (IllegalArgumentException e) {
                throw cannotSave(layer.describe() + " cannot be saved: " + e.getMessage(), e);
            }
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("type", layer.typeName());
            description.put("name", layer.name());
            description.put("inputSize", layer.inputSize());
            description.put("config", factory.config(layer));
            List<Object> weights = new ArrayList<>();
            for (int i = 0; i < layer.parameters().size(); i++) {
                INDArray weight = layer.parameters().get(i);
                String name = layer.parameterNames().get(i);
                String entry = "weights/" + arrays.size() + "_" + safe(layer.name()) + "_" + safe(name) + ".npy";
                requireFinite(layer.describe() + " " + name, weight);
                arrays.add(new ArrayEntry(entry, weight));
                weights.add(arrayDescription(name, entry, weight));
            }
            description.put("weights", weights);
            layers.add(description);
        }
        root.put("layers", layers);
        root.put("compile", model.isCompiled() ? describeCompile(model, arrays) : null);
        return root;
    }

    private static Map<String, Object> describeCompile(Sequential model, List<ArrayEntry> arrays) {
        Loss loss = model.loss();
        Loss known;
        try {
            known = Losses.byName(loss.name());
        } catch (IllegalArgumentException e) {
            known = null;
        }
        if (known == null || known.getClass() != loss.getClass()) {
            throw cannotSave("the loss " + loss.getClass().getName() + " ('" + loss.name() + "') is not one of "
                    + Losses.NAMES + ", so it cannot be loaded back", null);
        }
        Optimizer optimizer = model.optimizer();
        Map<String, Object> optimizerConfig;
        try {
            Optimizer.byName(optimizer.name());
            optimizerConfig = optimizer.config();
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw cannotSave(e.getMessage(), e);
        }
        List<Object> state = new ArrayList<>();
        List<INDArray> stateArrays = optimizer.state();
        for (int i = 0; i < stateArrays.size(); i++) {
            String entry = "optimizer/" + i + ".npy";
            requireFinite("optimizer state array " + i, stateArrays.get(i));
            arrays.add(new ArrayEntry(entry, stateArrays.get(i)));
            state.add(arrayDescription(null, entry, stateArrays.get(i)));
        }
        Map<String, Object> optimizerDescription = new LinkedHashMap<>();
        optimizerDescription.put("type", optimizer.name());
        optimizerDescription.put("config", optimizerConfig);
        optimizerDescription.put("state", state);

        Map<String, Object> compile = new LinkedHashMap<>();
        compile.put("loss", loss.name());
        compile.put("metrics", model.metrics().stream().map(Metric::name).toList());
        compile.put("optimizer", optimizerDescription);
        return compile;
    }

    private static Map<String, Object> arrayDescription(String name, String entry, INDArray array) {
        Map<String, Object> description = new LinkedHashMap<>();
        if (name != null) {
            description.put("name", name);
        }
        description.put("entry", entry);
        description.put("shape", array.shape());
        return description;
    }

    private static void requireFinite(String what, INDArray array) {
        try {
            Checks.requireFinite(what, array);
        } catch (IllegalArgumentException e) {
            throw cannotSave(e.getMessage(), e);
        }
    }

    private static IllegalStateException cannotSave(String problem, Exception cause) {
        return new IllegalStateException("Cannot save the model: " + problem + "; nothing was written", cause);
    }

    /** A name made safe for an entry path: letters, digits, '-' and '_' only. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    // ---- load -----------------------------------------------------------------------------------

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
            return new Loader(zip, fileSize, where).load();
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(where + e.getMessage(), e);
        }
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

    /** One load: reads and checks model.json, plans every array, then builds the model. */
    private static final class Loader {

        private final ZipFile zip;
        private final long fileSize;
        private final String where;
        private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
        private final Set<String> referenced = new HashSet<>();
        private DataType dataType;
        private long plannedBytes;

        Loader(ZipFile zip, long fileSize, String where) {
            this.zip = zip;
            this.fileSize = fileSize;
            this.where = where;
        }

        Sequential load() throws IOException {
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
