package org.backprop4j.core;

import static org.backprop4j.core.ModelIO.FORMAT;
import static org.backprop4j.core.ModelIO.FORMAT_VERSION;
import static org.backprop4j.core.ModelIO.MAX_ENTRIES;
import static org.backprop4j.core.ModelIO.MAX_EXPANSION;
import static org.backprop4j.core.ModelIO.MAX_LAYERS;
import static org.backprop4j.core.ModelIO.MAX_METRICS;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.backprop4j.core.ModelArchive.PlannedArray;
import org.backprop4j.core.internal.StatefulRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a model file written by {@link ModelIO} (the format is described there), trusting nothing.
 *
 * <p>In order: {@code model.json} ({@link ModelArchive}), its format and version and every field's
 * type and range; a plan of every layer (its registered type, the layer its config makes, the weight
 * shapes that layer would build for its input size, compared with those listed); the loss,
 * metrics and optimizer by their registered names; the total size of all arrays against what the
 * file can hold, and no unlisted entry. Only then are layers built and arrays read. Every failure
 * is an {@link IOException} that names the file and the problem.
 */
final class ModelReader {

    private final ModelArchive archive;
    private int version;

    /** Loads the model file at {@code path}; see {@link Sequential#load(Path)}. */
    static Sequential load(Path path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("load: path must not be null");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such model file");
        }
        String where = ModelArchive.printable("Cannot load a model from " + path + ": ");
        try {
            return load(path, where);
        } catch (IOException e) {
            // a failure of the file system or the zip library (EOFException, access denied, the
            // file changing underneath): name the file and what happened
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith(where)) {
                throw e;
            }
            throw new IOException(where + ModelArchive.printable(e.getClass().getSimpleName()
                    + (message.isEmpty() ? "" : ": " + message)), e);
        }
    }

    private static Sequential load(Path path, String where) throws IOException {
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
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(where + (startsWithZipSignature(path)
                    ? "the zip archive is truncated or corrupted ("
                            + ModelArchive.printable(String.valueOf(e.getMessage())) + ")"
                    : "it is not a zip archive, so not a backprop4j model file"), e);
        }
        Map<String, ZipLayout.Entry> layout;
        try (FileChannel channel = FileChannel.open(path)) {
            layout = ZipLayout.read(channel);
        } catch (IOException e) {
            zip.close();
            throw new IOException(where + ModelArchive.printable(String.valueOf(e.getMessage())), e);
        }
        try (zip) {
            return new ModelReader(new ModelArchive(zip, layout, where)).read(fileSize);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(where + ModelArchive.printable(String.valueOf(e.getMessage())), e);
        }
    }

    private ModelReader(ModelArchive archive) {
        this.archive = archive;
    }

    private Sequential read(long fileSize) throws IOException {
        Map<String, Object> root = archive.readConfig();
        String format = root.get("format") instanceof String s ? s : null;
        if (!FORMAT.equals(format)) {
            throw archive.problem("model.json's \"format\" is " + Config.describe(root.get("format")) + ", expected '"
                    + FORMAT + "'");
        }
        Object versionValue = root.get("formatVersion");
        if (!(versionValue instanceof Integer) || (Integer) versionValue < 1 || (Integer) versionValue > FORMAT_VERSION) {
            throw archive.problem("unknown format version " + Config.describe(versionValue)
                    + "; this backprop4j reads versions 1 to " + FORMAT_VERSION);
        }
        version = (Integer) versionValue;
        Config.requireKeys(root, "model.json", "format", "formatVersion", "dataType", "seed", "randomState",
                "layers", "compile");
        String type = Config.string(root, "dataType", false);
        if (!type.equals("DOUBLE") && !type.equals("FLOAT")) {
            throw archive.problem("model.json's \"dataType\" must be DOUBLE or FLOAT, got '" + type + "'");
        }
        DataType dataType = DataType.valueOf(type);
        archive.dataType(dataType);
        long seed = Config.integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        long randomState = Config.integer(root, "randomState", 0, StatefulRandom.MASK);

        List<PlannedLayer> layers = planLayers(archive.list(root.get("layers"), "\"layers\"", 1, MAX_LAYERS));
        Map<String, Object> compile = root.get("compile") == null ? null : archive.map(root.get("compile"), "\"compile\"");
        PlannedCompile plannedCompile = compile == null ? null : planCompile(compile);
        if (archive.plannedBytes() > MAX_EXPANSION * fileSize) {
            throw archive.problem("model.json lists " + archive.plannedBytes() + " bytes of arrays, more than a "
                    + fileSize + "-byte file can hold");
        }
        if (!archive.unreferenced().isEmpty()) {
            throw archive.problem("unexpected entry '" + archive.unreferenced().get(0) + "' (not listed in model.json)");
        }
        archive.admitPlanned(); // every array's size against its entry's real bytes: before anything is built

        Sequential model = new Sequential(seed, dataType);
        for (int i = 0; i < layers.size(); i++) {
            PlannedLayer planned = layers.get(i);
            Layer layer = planned.layer();
            String which = "layer " + i + " (" + layer.describe() + ")";
            // the input size the model will build this layer for must be the one its listed shapes
            // were checked (and budgeted) for: compared before add allocates anything
            long given = i == 0 ? layer.declaredInputSize() : model.getLayers().get(i - 1).outputSize();
            if (given > 0 && given != planned.inputSize()) {
                throw archive.problem(which + " gets " + given + " inputs " + (i == 0 ? "by its config" : "from the"
                        + " layer before it") + ", but model.json says " + planned.inputSize());
            }
            if (!planned.weights().isEmpty()) {
                layer.expectLoadedValues(); // no throw-away initial values: the file's follow
            }
            model.add(layer);
            if (layer.inputSize() != planned.inputSize()) {
                throw archive.problem(which + " gets " + layer.inputSize() + " inputs from the layer before it, but"
                        + " model.json says " + planned.inputSize());
            }
            List<String> names = layer.parameters().stream().map(Parameter::name).toList();
            if (!names.equals(planned.weightNames())) {
                throw archive.problem(which + " has weights " + names + ", model.json lists " + planned.weightNames());
            }
            List<Boolean> trainable = layer.parameters().stream().map(Parameter::trainable).toList();
            if (planned.trainable() != null && !trainable.equals(planned.trainable())) {
                throw archive.problem(which + " builds its weights " + names + " with trainable flags " + trainable
                        + ", model.json says " + planned.trainable());
            }
            for (int w = 0; w < planned.weights().size(); w++) {
                PlannedArray array = planned.weights().get(w);
                long[] built = layer.parameters().get(w).shape();
                if (!Arrays.equals(built, array.shape())) {
                    throw archive.problem("shape mismatch: " + array.what() + " is " + Arrays.toString(built)
                            + ", model.json says " + Arrays.toString(array.shape()));
                }
                archive.readArrayInto(array, layer.parameters().get(w).value()); // straight into the new weight
            }
        }
        if (plannedCompile != null) {
            try {
                compile(model, plannedCompile);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw archive.problem("\"compile\": " + e.getMessage());
            }
        }
        model.random().restore(randomState);
        return model;
    }

    private List<PlannedLayer> planLayers(List<Object> descriptions) throws IOException {
        List<PlannedLayer> layers = new ArrayList<>();
        for (int i = 0; i < descriptions.size(); i++) {
            String which = "layer " + i;
            Map<String, Object> description = archive.map(descriptions.get(i), which);
            try {
                if (version >= 3) {
                    Config.requireKeys(description, which, "type", "name", "inputSize", "trainable", "config", "weights");
                } else {
                    Config.requireKeys(description, which, "type", "name", "inputSize", "config", "weights");
                }
                String type = Config.string(description, "type", false);
                String name = Config.string(description, "name", false);
                which += " (" + type + " '" + ModelArchive.printable(name.substring(0, Math.min(name.length(), 40)))
                        + "')";
                long inputSize = Config.integer(description, "inputSize", 1, Npy.MAX_ELEMENTS);
                Layer layer = Registry.LAYERS.create(type, archive.map(description.get("config"), which + " config"));
                layer.name(name);
                if (version >= 3) {
                    layer.setTrainable(Config.bool(description, "trainable"));
                }
                List<long[]> expectedShapes = layer.parameterShapes(inputSize);
                List<Object> weightList = archive.list(description.get("weights"), which + " weights", 0, 64);
                if (expectedShapes != null && weightList.size() != expectedShapes.size()) {
                    throw new IllegalArgumentException("model.json lists " + weightList.size() + " weight arrays, its"
                            + " config implies " + expectedShapes.size());
                }
                List<String> names = new ArrayList<>();
                List<Boolean> trainable = new ArrayList<>();
                List<PlannedArray> arrays = new ArrayList<>();
                for (int w = 0; w < weightList.size(); w++) {
                    Map<String, Object> weight = archive.map(weightList.get(w), which + " weight " + w);
                    if (version >= 3) {
                        Config.requireKeys(weight, which + " weight " + w, "name", "entry", "shape", "trainable");
                        trainable.add(Config.bool(weight, "trainable"));
                    } else {
                        Config.requireKeys(weight, which + " weight " + w, "name", "entry", "shape");
                    }
                    String weightName = Config.string(weight, "name", false);
                    PlannedArray array = archive.planArray(weight, which + " " + weightName);
                    if (expectedShapes != null && !Arrays.equals(array.shape(), expectedShapes.get(w))) {
                        throw new IllegalArgumentException("shape mismatch: " + weightName + " is listed with shape "
                                + Arrays.toString(array.shape()) + ", but the config and " + inputSize
                                + " inputs give " + Arrays.toString(expectedShapes.get(w)));
                    }
                    names.add(weightName);
                    arrays.add(array);
                }
                layers.add(new PlannedLayer(layer, inputSize, names, version >= 3 ? trainable : null, arrays));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw archive.problem(which + ": " + e.getMessage());
            }
        }
        return layers;
    }

    private PlannedCompile planCompile(Map<String, Object> compile) throws IOException {
        try {
            Config.requireKeys(compile, "\"compile\"", "loss", "metrics", "optimizer");
            Loss loss = compile.get("loss") instanceof String name && version == 1 ? Registry.LOSSES.create(name)
                    : component(Registry.LOSSES, archive.map(compile.get("loss"), "\"loss\""), "\"loss\"");
            List<Object> metricNames = archive.list(compile.get("metrics"), "\"metrics\"", 0, MAX_METRICS);
            Object[] metrics = new Object[metricNames.size()];
            for (int i = 0; i < metrics.length; i++) {
                metrics[i] = MetricDescriptions.read(metricNames.get(i), "metric " + i);
            }
            Map<String, Object> description = archive.map(compile.get("optimizer"), "\"optimizer\"");
            if (version == 1) {
                Config.requireKeys(description, "\"optimizer\"", "type", "config", "state");
            } else if (version == 2) {
                Config.requireKeys(description, "\"optimizer\"", "type", "config", "iterations", "state");
            } else {
                Config.requireKeys(description, "\"optimizer\"", "type", "config", "iterations", "scalars", "state");
            }
            Optimizer optimizer = component(Registry.OPTIMIZERS, description, "\"optimizer\"");
            long iterations = version == 1 ? 0 : Config.integer(description, "iterations", 0, Optimizer.MAX_ITERATIONS);
            if (optimizer.schedule() != null && !Double.isFinite(optimizer.schedule().rate(iterations))) {
                throw new IllegalArgumentException("the optimizer's learning-rate schedule gives "
                        + optimizer.schedule().rate(iterations) + " for its next step (" + iterations + "); a model"
                        + " that cannot take a finite step is refused");
            }
            List<Object> stateList = archive.list(description.get("state"), "the optimizer's \"state\"", 0, MAX_ENTRIES);
            Map<String, PlannedArray> state = new LinkedHashMap<>();
            for (int i = 0; i < stateList.size(); i++) {
                Map<String, Object> array = archive.map(stateList.get(i), "optimizer state " + i);
                String slot;
                if (version == 1) { // version 1 kept SGD's velocities, one per weight in weight order
                    Config.requireKeys(array, "optimizer state " + i, "entry", "shape");
                    slot = "momentum/" + i;
                } else {
                    Config.requireKeys(array, "optimizer state " + i, "slot", "entry", "shape");
                    slot = Config.string(array, "slot", false);
                    if (version >= 3 && !slot.contains("/")) {
                        throw new IllegalArgumentException("optimizer state '" + slot + "' is not a slot"
                                + " ('name/index'); version 3 lists scalars under \"scalars\"");
                    }
                }
                if (state.put(slot, archive.planArray(array, "optimizer state '" + slot + "'")) != null) {
                    throw new IllegalArgumentException("optimizer state '" + slot + "' is listed twice");
                }
            }
            Map<String, Double> scalars = new LinkedHashMap<>();
            if (version >= 3) {
                Map<String, Object> saved = archive.map(description.get("scalars"), "the optimizer's \"scalars\"");
                for (String name : saved.keySet()) {
                    if (name.contains("/") || state.containsKey(name)) {
                        throw new IllegalArgumentException("optimizer scalar '" + name + "' is not a scalar's name");
                    }
                    double value = Config.number(saved, name);
                    if (!Double.isFinite(value)) {
                        throw new IllegalArgumentException("optimizer scalar '" + name + "' is " + value);
                    }
                    scalars.put(name, value);
                }
            }
            return new PlannedCompile(loss, metrics, optimizer, iterations, state, scalars);
        } catch (IllegalArgumentException e) {
            throw archive.problem("\"compile\": " + e.getMessage());
        }
    }

    /** A component made by its registered factory from {@code {"type": name, "config": {...}}}. */
    private <T extends Component> T component(Registry<T> registry, Map<String, Object> description, String what) throws IOException {
        return registry.create(Config.string(description, "type", false),
                archive.map(description.get("config"), what + " config"));
    }

    /** Compiles the loaded model as saved and restores the optimizer's step count and slots. */
    private void compile(Sequential model, PlannedCompile planned) throws IOException {
        model.compile(planned.loss(), planned.optimizer(), planned.metrics());
        Map<String, INDArray> state = new LinkedHashMap<>();
        planned.scalars().forEach((name, value) -> state.put(name, Nd4j.createFromArray(value))); // as addScalar makes them
        for (Map.Entry<String, PlannedArray> slot : planned.state().entrySet()) {
            state.put(slot.getKey(), archive.readArray(slot.getValue()));
        }
        planned.optimizer().restoreState(planned.iterations(), state);
    }

    private static boolean startsWithZipSignature(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] start = in.readNBytes(4);
            return Arrays.equals(start, new byte[] {'P', 'K', 3, 4});
        }
    }

    /** A layer to build, fully checked against its config before any weight is allocated. */
    /** @param trainable each weight's own trainable flag as saved (version 3), or null */
    private record PlannedLayer(Layer layer, long inputSize, List<String> weightNames, List<Boolean> trainable,
                                List<PlannedArray> weights) {
    }

    /** The loss, metrics and optimizer to compile with, and the optimizer's state to read. */
    private record PlannedCompile(Loss loss, Object[] metrics, Optimizer optimizer, long iterations,
                                  Map<String, PlannedArray> state, Map<String, Double> scalars) {
    }
}
