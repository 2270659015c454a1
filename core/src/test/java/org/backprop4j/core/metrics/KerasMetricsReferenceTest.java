package org.backprop4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.backprop4j.core.Metric;
import org.backprop4j.core.Registry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Every metric against real Keras 3 (float64, {@code src/test/python/keras_metrics_reference.py},
 * fixture {@code reference/keras_metrics.json}): three batches of 7, 5 and 9 rows fed one after the
 * other to one metric object, with and without sample weights (one of them 0); the result after each
 * batch must agree with Keras' to 1e-12, so the accumulation over batches (confusion counts, sums)
 * is what is checked, not one batch alone. The metric is made by its registered name and config.
 */
class KerasMetricsReferenceTest {

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = KerasMetricsReferenceTest.class.getResourceAsStream("/reference/keras_metrics.json")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fixture = new ObjectMapper().readValue(in, Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cases = (List<Map<String, Object>>) fixture.get("cases");
            return cases.stream().map(c -> Arguments.of(c.get("name"), c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void everyBatchMatchesKeras(String name, Map<String, Object> c) {
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) c.get("config"));
        String type = (String) config.remove("type");
        List<Map<String, Object>> batches = (List<Map<String, Object>>) c.get("batches");
        for (boolean weighted : new boolean[] {false, true}) {
            Metric metric = Registry.METRICS.create(type, config);
            List<Number> expected = (List<Number>) c.get(weighted ? "weighted" : "unweighted");
            for (int b = 0; b < batches.size(); b++) {
                Map<String, Object> batch = batches.get(b);
                metric.update(matrix(batch.get("p")), matrix(batch.get("y")),
                        weighted ? Nd4j.createFromArray(doubles(batch.get("w"))) : null);
                assertEquals(expected.get(b).doubleValue(), metric.result(), 1e-12,
                        name + (weighted ? " weighted" : "") + " after batch " + b);
            }
            double last = metric.result();
            Metric fresh = metric.fresh();
            assertEquals(last, metric.result(), 0, "fresh() leaves the original's state alone");
            metric.reset();
            Map<String, Object> first = batches.get(0);
            metric.update(matrix(first.get("p")), matrix(first.get("y")),
                    weighted ? Nd4j.createFromArray(doubles(first.get("w"))) : null);
            assertEquals(expected.get(0).doubleValue(), metric.result(), 1e-12, name + ": reset starts over");
            fresh.update(matrix(first.get("p")), matrix(first.get("y")),
                    weighted ? Nd4j.createFromArray(doubles(first.get("w"))) : null);
            assertEquals(expected.get(0).doubleValue(), fresh.result(), 1e-12, name + ": fresh starts empty");
        }
        assertTrue(batches.size() == 3);
    }

    @SuppressWarnings("unchecked")
    static INDArray matrix(Object nested) {
        List<List<Number>> rows = (List<List<Number>>) nested;
        double[][] values = new double[rows.size()][];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows.get(r).stream().mapToDouble(Number::doubleValue).toArray();
        }
        return Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
    }

    @SuppressWarnings("unchecked")
    static double[] doubles(Object list) {
        return ((List<Number>) list).stream().mapToDouble(Number::doubleValue).toArray();
    }
}
