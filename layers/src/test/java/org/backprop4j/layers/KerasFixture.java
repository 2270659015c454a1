package org.backprop4j.layers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The golden numbers of real Keras 3 for the normalisation layers, {@code reference/normalization_keras.json},
 * written by {@code src/test/python/keras_normalization.py}; and the conversions from its JSON lists.
 */
final class KerasFixture {

    private static Map<String, Object> fixture;

    private KerasFixture() {
    }

    /** The cases of one section ("normalization", "layer_normalization", "batch_normalization", "fit"). */
    @SuppressWarnings("unchecked")
    static synchronized List<Map<String, Object>> cases(String section) throws IOException {
        if (fixture == null) {
            Path path = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "reference",
                    "normalization_keras.json");
            if (!Files.isRegularFile(path)) {
                path = Path.of("layers", "src", "test", "resources", "reference", "normalization_keras.json");
            }
            fixture = new ObjectMapper().readValue(path.toFile(), Map.class);
        }
        return (List<Map<String, Object>>) fixture.get(section);
    }

    /** The case named {@code name} of {@code section}. */
    static Map<String, Object> get(String section, String name) throws IOException {
        return cases(section).stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + name + " in " + section));
    }

    static DataType type(Map<String, Object> c) {
        return "float32".equals(c.get("dtype")) ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** A JSON list (of lists) of numbers as an array of {@code type}: a vector or a matrix. */
    @SuppressWarnings("unchecked")
    static INDArray array(Object json, DataType type) {
        List<Object> list = (List<Object>) json;
        if (!list.isEmpty() && list.get(0) instanceof List) {
            double[][] rows = new double[list.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = vector(list.get(i));
            }
            return Nd4j.createFromArray(rows).castTo(type);
        }
        return Nd4j.createFromArray(vector(json)).castTo(type);
    }

    @SuppressWarnings("unchecked")
    static double[] vector(Object json) {
        List<Object> list = (List<Object>) json;
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) list.get(i)).doubleValue();
        }
        return values;
    }

    /** The largest |a - b| / max(|b|, 1) over two arrays of the same shape. */
    static double error(INDArray actual, INDArray expected) {
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] b = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1));
        }
        return worst;
    }
}
