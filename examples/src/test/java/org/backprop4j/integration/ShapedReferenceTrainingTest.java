package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Flatten;
import org.backprop4j.layers.Input;
import org.backprop4j.layers.Rescaling;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Samples of a shape against an independent float64 reference ({@code optim/src/test/python/shape_reference.py}:
 * PyTorch autograd, Keras 3's loss and update rules from ring 1's script): {@code Input(2, 3) ->
 * Rescaling(0.5, -0.25) -> Flatten -> Dense(5, tanh) -> Dense(3)} on {@code (8, 2, 3)} samples, five
 * full-batch steps with SGD and categorical cross-entropy and with Adam and mean squared error. At every
 * step the gradients, the loss and the weights after the step agree to 1e-9.
 */
class ShapedReferenceTrainingTest {

    private static final double TOLERANCE = 1e-9;

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() throws IOException {
        Path path = Path.of(System.getProperty("basedir", "."), "..", "optim", "src", "test", "resources", "reference",
                "shapes.json");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) new ObjectMapper().readValue(path.toFile(), Map.class)
                .get("cases");
        assertEquals(2, cases.size());
        return cases.stream().map(c -> Arguments.of(c.get("name"), c));
    }

    /** A nested list of numbers as a DOUBLE array of its shape. */
    static INDArray array(Object nested) {
        List<Long> shape = new ArrayList<>();
        Object level = nested;
        while (level instanceof List<?> list) {
            shape.add((long) list.size());
            level = list.get(0);
        }
        List<Double> values = new ArrayList<>();
        flatten(nested, values);
        double[] data = values.stream().mapToDouble(Double::doubleValue).toArray();
        return Nd4j.createFromArray(data).reshape('c', shape.stream().mapToLong(Long::longValue).toArray());
    }

    private static void flatten(Object nested, List<Double> into) {
        if (nested instanceof List<?> list) {
            list.forEach(item -> flatten(item, into));
        } else {
            into.add(((Number) nested).doubleValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void fiveStepsMatchTheReference(String name, Map<String, Object> c) {
        Map<String, Object> spec = (Map<String, Object>) c.get("optimizer");
        double rate = ((Number) spec.get("learning_rate")).doubleValue();
        Optimizer optimizer = spec.get("class").equals("SGD") ? new SGD(rate) : new Adam(rate);
        String output = (String) c.get("output");
        Sequential model = new Sequential(1L).add(new Input(2, 3))
                .add(new Rescaling(((Number) c.get("scale")).doubleValue(), ((Number) c.get("offset")).doubleValue()))
                .add(new Flatten()).add(new Dense(5, "tanh")).add(new Dense(3, output));
        model.compile((String) c.get("loss"), optimizer);
        List<INDArray> weights = new ArrayList<>();
        for (Object w : (List<Object>) c.get("weights")) {
            weights.add(array(w));
        }
        model.setWeights(weights);
        INDArray x = array(c.get("x"));
        INDArray y = array(c.get("y"));
        assertEquals(3, x.rank(), "the samples have a shape: (8, 2, 3)");
        for (Object entry : (List<Object>) c.get("trajectory")) {
            Map<String, Object> step = (Map<String, Object>) entry;
            String at = name + " step " + step.get("step");
            assertArraysClose((List<Object>) step.get("gradients"), model.gradients(x, y), at + " gradients");
            History history = model.fit(x, y, new FitOptions().epochs(1).batchSize(8).shuffle(false).verbose(0));
            assertClose(((Number) step.get("loss")).doubleValue(), history.get("loss").get(0), at + " loss");
            assertArraysClose((List<Object>) step.get("weights_after"), model.getWeights(), at + " weights");
        }
        assertEquals(5L, optimizer.iterations());
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual + " (difference " + (actual - expected) + ")");
    }

    private static void assertArraysClose(List<Object> expected, List<INDArray> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of arrays");
        for (int a = 0; a < expected.size(); a++) {
            double[] want = Arrays2D.rowMajor(array(expected.get(a)));
            double[] got = Arrays2D.rowMajor(actual.get(a));
            assertEquals(want.length, got.length, what + " array " + a);
            for (int i = 0; i < want.length; i++) {
                assertClose(want[i], got[i], what + " array " + a + " element " + i);
            }
        }
    }
}
