package org.backprop4j.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.backprop4j.core.internal.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The model file behind {@link Sequential#save} and {@link Sequential#load}: a zip archive with
 * <pre>
 *   model.json                     format, formatVersion (3), dataType, seed, randomState,
 *                                  layers [{type, name, inputSize, trainable, config,
 *                                           weights [{name, trainable, entry, shape}]}],
 *                                  compile {loss {type, config}, metrics, optimizer {type, config, iterations,
 *                                           scalars {name: value}, state [{slot, entry, shape}]}} or null
 *   weights/0_dense_kernel.npy     every weight, in getWeights() order, as numpy .npy (see {@link Npy})
 *   optimizer/0_momentum_0.npy     the optimizer's slots (e.g. SGD's velocities), keyed "slot/parameterIndex"
 * </pre>
 *
 * <p>Every type name is a {@link Registry} name and every config a component's own {@code config()}.
 * A layer's {@code trainable} is {@code setTrainable}'s flag (a frozen layer loads frozen); a weight's
 * is its own (false for state such as moving statistics, whatever the layer's flag); {@code scalars}
 * are the optimizer's named scalars of state (Nadam's running product), written as JSON numbers,
 * which round-trip a double exactly.
 *
 * <p>Older versions load too. Version 2 (ring 1) has no trainable flags (every layer loads trainable,
 * every weight as its layer builds it) and keeps the optimizer's scalars among the state arrays, as
 * one-element arrays without a '/' in their key. Version 1 (before the registry): the loss is a bare
 * name and the optimizer state SGD's velocities in weight order.
 *
 * <p>Saving (here) describes the whole model in memory first, so a model that cannot be saved
 * writes nothing; then {@link FileReplacement} writes it where the user named it (following
 * symbolic links, keeping the permissions, through a temporary file renamed over the target, in
 * place and verified when no rename is possible). Loading ({@link ModelReader}) trusts nothing and
 * checks every size before allocating anything.
 */
final class ModelIO {

    /** The value of model.json's "format" field. */
    static final String FORMAT = "backprop4j-model";
    /** The version this code writes and reads. */
    static final int FORMAT_VERSION = 3;
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
    /** JSON reading and writing; a key given twice, or anything after the top-level value, is an error. */
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        save(model, path, wrapper, FileReplacement.ATOMIC_RENAME);
    }

    /** As {@link #save(Sequential, Path, UnaryOperator)}; {@code rename} replaces the target (tests make it fail). */
    static void save(Sequential model, Path path, UnaryOperator<OutputStream> wrapper, FileReplacement.Rename rename)
            throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("save: path must not be null");
        }
        if (model.getLayers().isEmpty()) {
            throw new IllegalStateException("Cannot save: the model has no layers; nothing was written");
        }
        List<ArrayEntry> arrays = new ArrayList<>();
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(describe(model, arrays));

        FileReplacement.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out); // finished, not closed: the caller forces the file
            writeEntry(zip, CONFIG_ENTRY, entry -> entry.write(json));
            for (ArrayEntry array : arrays) {
                writeEntry(zip, array.entry(), entry -> Npy.write(array.array(), entry));
            }
            zip.finish();
            zip.flush();
        }, wrapper, rename);
    }

    /** Describes {@code model} as {@link #save} would, writing nothing: throws what save would throw. */
    static void requireSavable(Sequential model) {
        if (model.getLayers().isEmpty()) {
            throw new IllegalStateException("Cannot save: the model has no layers; nothing was written");
        }
        describe(model, new ArrayList<>());
    }

    private static void writeEntry(ZipOutputStream zip, String name, EntryWriter writer) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        writer.write(zip);
        zip.closeEntry();
    }

    /** model.json's content; adds every array to save to {@code arrays}. */
    private static Map<String, Object> describe(Sequential model, List<ArrayEntry> arrays) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("dataType", model.dataType().name());
        root.put("seed", model.seed());
        root.put("randomState", model.random().state());

        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.getLayers()) {
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("type", registeredName(Registry.LAYERS, layer, layer.describe()));
            description.put("name", layer.name());
            description.put("inputSize", layer.inputSize());
            description.put("trainable", layer.isTrainable());
            description.put("config", jsonConfig(layer.describe(), layer.config()));
            List<Object> weights = new ArrayList<>();
            for (Parameter parameter : layer.parameters()) {
                String entry = "weights/" + arrays.size() + "_" + safe(layer.name()) + "_" + safe(parameter.name()) + ".npy";
                requireFinite(layer.describe() + " " + parameter.name(), parameter.value());
                arrays.add(new ArrayEntry(entry, parameter.value()));
                Map<String, Object> weight = arrayDescription("name", parameter.name(), entry, parameter.value());
                weight.put("trainable", parameter.trainable());
                weights.add(weight);
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
        Map<String, Object> lossDescription = new LinkedHashMap<>();
        lossDescription.put("type", registeredName(Registry.LOSSES, loss, "the loss " + loss.getClass().getName()));
        lossDescription.put("config", jsonConfig("the loss " + lossDescription.get("type"), loss.config()));

        Optimizer optimizer = model.optimizer();
        List<Object> state = new ArrayList<>();
        Map<String, Object> scalars = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, INDArray> slot : optimizer.state().entrySet()) {
            if (!slot.getKey().contains("/")) { // a named scalar ("slot/index" keys are the slots)
                double value = slot.getValue().getDouble(0);
                if (!Double.isFinite(value)) {
                    throw cannotSave("the optimizer's scalar '" + slot.getKey() + "' is " + value, null);
                }
                scalars.put(slot.getKey(), value);
                continue;
            }
            String entry = "optimizer/" + i++ + "_" + safe(slot.getKey()) + ".npy";
            requireFinite("optimizer state '" + slot.getKey() + "'", slot.getValue());
            arrays.add(new ArrayEntry(entry, slot.getValue()));
            state.add(arrayDescription("slot", slot.getKey(), entry, slot.getValue()));
        }
        Map<String, Object> optimizerDescription = new LinkedHashMap<>();
        optimizerDescription.put("type", registeredName(Registry.OPTIMIZERS, optimizer,
                "the optimizer " + optimizer.getClass().getName()));
        optimizerDescription.put("config", jsonConfig("the optimizer " + optimizerDescription.get("type"),
                optimizer.config()));
        optimizerDescription.put("iterations", optimizer.iterations());
        optimizerDescription.put("scalars", scalars);
        optimizerDescription.put("state", state);

        Map<String, Object> compile = new LinkedHashMap<>();
        compile.put("loss", lossDescription);
        long outputSize = model.getLayers().get(model.getLayers().size() - 1).outputSize();
        compile.put("metrics", model.metrics().stream().map(m -> MetricDescriptions.describe(m, outputSize, loss)).toList());
        compile.put("optimizer", optimizerDescription);
        return compile;
    }

    /**
     * {@code config} after checking that it is what {@link Component#config()} promises: maps with
     * string keys, lists, strings, finite numbers, booleans and null, nested at most
     * {@link #MAX_JSON_DEPTH} deep. Anything else (an arbitrary object, NaN) would fail inside the
     * JSON library or write a file that cannot load; it is refused here, naming the component and
     * the key.
     */
    static Map<String, Object> jsonConfig(String component, Map<String, Object> config) {
        String problem = config == null ? "is null" : notJson(config, "", 0);
        if (problem != null) {
            throw cannotSave(component + "'s config() " + problem + " (a config holds maps, lists, strings, finite"
                    + " numbers, booleans and null)", null);
        }
        return config;
    }

    /** Why {@code value} (at {@code path}) is not JSON a model file can hold, or null. */
    private static String notJson(Object value, String path, int depth) {
        if (depth > MAX_JSON_DEPTH) {
            return "nests deeper than " + MAX_JSON_DEPTH + " levels at '" + path + "'";
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return "has the key " + entry.getKey() + " at '" + path + "', not a string";
                }
                String problem = notJson(entry.getValue(), path.isEmpty() ? key : path + "." + key, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String problem = notJson(list.get(i), path + "[" + i + "]", depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            return Double.isFinite(((Number) value).doubleValue()) ? null
                    : "holds " + value + " at '" + path + "', not a finite number";
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return null;
        }
        if (value instanceof long[] || value instanceof int[] || value instanceof double[]) {
            return notJson(arrayToList(value), path, depth);
        }
        return "holds a " + value.getClass().getName() + " at '" + path + "'";
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
            list.add(java.lang.reflect.Array.get(array, i));
        }
        return list;
    }

    /** The registered name of a component to save, or why it cannot be saved. */
    static <T extends Component> String registeredName(Registry<T> registry, T component, String what) {
        try {
            return registry.nameOf(component);
        } catch (IllegalArgumentException e) {
            throw cannotSave(what + " cannot be loaded back: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> arrayDescription(String key, String name, String entry, INDArray array) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put(key, name);
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

    /** Loads and checks a model file: see {@link ModelReader}. */
    static Sequential load(Path path) throws IOException {
        return ModelReader.load(path);
    }
}
