package org.backprop4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.jackson.core.JsonProcessingException;

/**
 * The model as data, without weights: Keras' {@code model.to_json()}, {@code model_from_json} and
 * {@code clone_model}, behind {@link Sequential#toJson()}, {@link Sequential#fromJson} and
 * {@link Sequential#cloneModel}. Our own JSON (not Keras'), the architecture part of a model file's
 * {@code model.json}:
 * <pre>
 *   {"format": "backprop4j-architecture", "formatVersion": 1, "dataType": "DOUBLE", "inputShape": [4],
 *    "layers": [{"type": "Dense", "name": "dense", "trainable": true, "config": {"units": 8, ...}}, ...]}
 * </pre>
 * Every type is a {@link Registry} name and every config the layer's own {@code config()}, so a
 * user's layer round-trips once registered. No weights, no compile settings, no optimizer: a model
 * read back has freshly initialised weights from its own seed and must be compiled.
 *
 * <p>Threads: stateless; reading a model's layers takes no lock, so do not add layers to it meanwhile.
 */
final class ModelJson {

    /** The value of the "format" field. */
    static final String FORMAT = "backprop4j-architecture";
    /** The version written and read. */
    static final int FORMAT_VERSION = 1;

    private ModelJson() {
    }

    /**
     * The architecture of {@code model} as JSON text.
     *
     * @throws IllegalStateException for an empty model, or a layer (or a component in its config) that is
     *         not registered, or a config that is not JSON
     */
    static String write(Sequential model) {
        try {
            return ModelIO.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(describe(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("toJson: the model's description cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The description {@link #write} writes. */
    static Map<String, Object> describe(Sequential model) {
        List<Layer> layers = model.getLayers();
        if (layers.isEmpty()) {
            throw new IllegalStateException("toJson: the model has no layers");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("dataType", model.dataType().name());
        root.put("inputShape", List.of(layers.get(0).inputSize()));
        List<Object> descriptions = new ArrayList<>();
        for (Layer layer : layers) {
            Map<String, Object> description = new LinkedHashMap<>();
            try {
                description.put("type", ModelIO.registeredName(Registry.LAYERS, layer, layer.describe()));
                description.put("name", layer.name());
                description.put("trainable", layer.isTrainable());
                description.put("config", ModelIO.jsonConfig(layer.describe(), layer.config()));
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new IllegalStateException("toJson: " + e.getMessage().replace("Cannot save the model: ", "")
                        .replace("; nothing was written", ""), e);
            }
            descriptions.add(description);
        }
        root.put("layers", descriptions);
        return root;
    }

    /**
     * A new model, not compiled, with the layers {@code json} describes (names and trainable flags
     * included), built with weights drawn from {@code seed}.
     *
     * @throws IllegalArgumentException naming the problem: not JSON, another format or version, an unknown
     *         layer type, a bad config, or layers whose sizes do not fit together
     */
    static Sequential read(String json, long seed) {
        if (json == null) {
            throw new IllegalArgumentException("fromJson: json must not be null");
        }
        if (json.length() > ModelIO.MAX_CONFIG_BYTES) {
            throw new IllegalArgumentException("fromJson: the text has " + json.length() + " characters; at most "
                    + ModelIO.MAX_CONFIG_BYTES + " are accepted");
        }
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (JsonText.nestingDepth(bytes) > ModelIO.MAX_JSON_DEPTH) {
            throw new IllegalArgumentException("fromJson: the JSON nests deeper than " + ModelIO.MAX_JSON_DEPTH + " levels");
        }
        if (JsonText.longestNumber(bytes) > ModelArchive.MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("fromJson: the JSON holds a number longer than "
                    + ModelArchive.MAX_NUMBER_LENGTH + " characters");
        }
        Map<String, Object> root;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = ModelIO.JSON.readValue(bytes, Map.class);
            root = parsed;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("fromJson: not valid JSON: " + (e instanceof JsonProcessingException p
                    ? p.getOriginalMessage() : e.getMessage()), e);
        }
        if (root == null || !FORMAT.equals(root.get("format"))) {
            throw new IllegalArgumentException("fromJson: \"format\" is " + (root == null ? "missing (the JSON is null)"
                    : Config.describe(root.get("format"))) + ", expected '" + FORMAT + "' (the text of Sequential.toJson())");
        }
        try {
            Config.requireKeys(root, "the architecture", "format", "formatVersion", "dataType", "inputShape", "layers");
            long version = Config.integer(root, "formatVersion", 1, Integer.MAX_VALUE);
            if (version > FORMAT_VERSION) {
                throw new IllegalArgumentException("format version " + version + " is newer than this backprop4j reads ("
                        + FORMAT_VERSION + ")");
            }
            String type = Config.string(root, "dataType", false);
            if (!type.equals("DOUBLE") && !type.equals("FLOAT")) {
                throw new IllegalArgumentException("\"dataType\" must be DOUBLE or FLOAT, got '" + type + "'");
            }
            Sequential model = new Sequential(seed, DataType.valueOf(type));
            List<?> layers = list(root.get("layers"), "\"layers\"");
            if (layers.isEmpty() || layers.size() > ModelIO.MAX_LAYERS) {
                throw new IllegalArgumentException("\"layers\" holds " + layers.size() + " layers; 1 to "
                        + ModelIO.MAX_LAYERS + " are accepted");
            }
            for (int i = 0; i < layers.size(); i++) {
                model.add(layer(layers.get(i), i));
            }
            List<?> inputShape = list(root.get("inputShape"), "\"inputShape\"");
            long inputs = model.getLayers().get(0).inputSize();
            if (inputShape.size() != 1 || !(inputShape.get(0) instanceof Number n) || n.longValue() != inputs) {
                throw new IllegalArgumentException("\"inputShape\" is " + inputShape + ", but the first layer takes "
                        + inputs + " inputs");
            }
            return model;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("fromJson: " + e.getMessage(), e);
        }
    }

    private static Layer layer(Object value, int index) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("layer " + index + " must be an object, got " + Config.describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> description = (Map<String, Object>) raw;
        Config.requireKeys(description, "layer " + index, "type", "name", "trainable", "config");
        String type = Config.string(description, "type", false);
        if (!(description.get("config") instanceof Map<?, ?> config)) {
            throw new IllegalArgumentException("layer " + index + " (" + type + "): \"config\" must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) config;
        try {
            Layer layer = Registry.LAYERS.create(type, settings);
            layer.name(Config.string(description, "name", false));
            layer.setTrainable(Config.bool(description, "trainable"));
            return layer;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + index + " (" + type + "): " + e.getMessage(), e);
        }
    }

    private static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " must be a list, got " + Config.describe(value));
        }
        return list;
    }

    /** A new model with {@code model}'s architecture and data type, fresh weights from {@code seed}, not compiled. */
    static Sequential copy(Sequential model, long seed) {
        if (model == null) {
            throw new IllegalArgumentException("cloneModel: model must not be null");
        }
        Map<String, Object> description = describe(model);
        try {
            return read(ModelIO.JSON.writeValueAsString(description), seed); // through JSON: no config object is shared
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cloneModel: " + e.getOriginalMessage(), e);
        }
    }
}
