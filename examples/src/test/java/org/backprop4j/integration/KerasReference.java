package org.backprop4j.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.Loss;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Regularizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The training fixtures of {@code optim/src/test/resources/reference} (written by
 * {@code optim/src/test/python/keras_reference.py}: PyTorch gradients, Keras 3's update rules, in
 * float64), turned into backprop4j models. Keras specs are translated by name only (snake_case
 * arguments to camelCase config keys, looked up in the {@link Registry}), so the registered
 * factories are exercised too.
 */
final class KerasReference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasReference() {
    }

    /** The fixture file's cases. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases(String file) throws IOException {
        Path path = Path.of(System.getProperty("basedir", "."), "..", "optim", "src", "test", "resources", "reference", file);
        if (!Files.isRegularFile(path)) {
            throw new IOException("reference fixture not found: " + path.toAbsolutePath().normalize());
        }
        return (List<Map<String, Object>>) JSON.readValue(path.toFile(), Map.class).get("cases");
    }

    /** {@code initial_learning_rate} -> {@code initialLearningRate}. */
    static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** A Keras spec's arguments, other than "class", as a config map with camelCase keys. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        spec.forEach((key, value) -> {
            if (key.equals("class")) {
                return;
            }
            String name = camel(key);
            if (name.equals("learningRate") && value instanceof Map<?, ?> schedule) {
                Map<String, Object> description = new LinkedHashMap<>();
                description.put("type", ((Map<String, Object>) schedule).get("class"));
                description.put("config", config((Map<String, Object>) schedule));
                value = description;
            }
            config.put(name, value);
        });
        return config;
    }

    /** {@code {"class": "Adam", "learning_rate": ..., "beta_1": ...}} as a registered optimizer. */
    static Optimizer optimizer(Map<String, Object> spec) {
        return Registry.OPTIMIZERS.create(((String) spec.get("class")).toLowerCase(Locale.ROOT), config(spec));
    }

    /** {@code {"name": ..., "from_logits": ..., "delta": ...}} as a registered loss. */
    static Loss loss(Map<String, Object> spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        String name = (String) spec.get("name");
        if (name.contains("crossentropy") && Boolean.TRUE.equals(spec.get("from_logits"))) {
            config.put("fromLogits", true);
        }
        if (spec.containsKey("delta")) {
            config.put("delta", spec.get("delta"));
        }
        return Registry.LOSSES.create(name, config);
    }

    /** {@code {"class": "L1L2", "l1": ..., "l2": ...}} as a registered regulariser, or null. */
    static Regularizer regularizer(Object spec) {
        if (spec == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) spec;
        return Registry.REGULARIZERS.create(((String) map.get("class")).toLowerCase(Locale.ROOT), config(map));
    }

    /** The case's model, weights set to {@code initial_weights}, compiled with its loss and optimizer. */
    @SuppressWarnings("unchecked")
    static Sequential model(Map<String, Object> c) {
        Map<String, Object> spec = (Map<String, Object>) c.get("model");
        Sequential model = new Sequential(1L);
        boolean first = true;
        for (Object entry : (List<Object>) spec.get("layers")) {
            Map<String, Object> layer = (Map<String, Object>) entry;
            String activation = (String) layer.get("activation");
            Dense dense = new Dense(((Number) layer.get("units")).intValue(),
                    first ? ((Number) spec.get("input_dim")).intValue() : -1, "linear".equals(activation) ? null : activation);
            Regularizer kernel = regularizer(layer.get("kernel_regularizer"));
            Regularizer bias = regularizer(layer.get("bias_regularizer"));
            if (kernel != null) {
                dense.kernelRegularizer(kernel);
            }
            if (bias != null) {
                dense.biasRegularizer(bias);
            }
            model.add(dense);
            first = false;
        }
        List<INDArray> weights = new ArrayList<>();
        for (Object weight : (List<Object>) c.get("initial_weights")) {
            weights.add(array(weight));
        }
        model.setWeights(weights);
        return model.compile(loss((Map<String, Object>) c.get("loss")), optimizer((Map<String, Object>) c.get("optimizer")));
    }

    /** A nested list of numbers as a DOUBLE matrix or vector. */
    @SuppressWarnings("unchecked")
    static INDArray array(Object nested) {
        List<Object> list = (List<Object>) nested;
        if (!list.isEmpty() && list.get(0) instanceof List) {
            double[][] rows = new double[list.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = ((List<Number>) list.get(i)).stream().mapToDouble(Number::doubleValue).toArray();
            }
            return Nd4j.create(rows);
        }
        double[] values = ((List<Number>) nested).stream().mapToDouble(Number::doubleValue).toArray();
        return Nd4j.create(values, new long[] {values.length});
    }
}
