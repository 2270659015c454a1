package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training with sample weights against the independent float64 reference of
 * {@code optim/src/test/python/sample_weight_reference.py} (PyTorch autograd of Keras' weighted
 * {@code sum_over_batch_size} loss, Keras 3's update rules; fixture {@code sample_weights.json}):
 * three epochs of in-order mini-batches of 3, 3 and 2 rows, a zero weight among them, four
 * loss/optimizer pairs (one with an L2 penalty, which is not weighted). Each epoch's loss and the
 * weights after it agree to 1e-9, and so do the final weighted and unweighted {@code evaluate} losses.
 */
class SampleWeightReferenceTest {

    private static final double TOLERANCE = 1e-9;

    static Stream<Arguments> cases() throws IOException {
        return KerasReference.cases("sample_weights.json").stream().map(c -> Arguments.of(c.get("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void epochsMatchTheReference(String name, Map<String, Object> c) {
        Sequential model = KerasReference.model(c);
        INDArray x = KerasReference.array(c.get("x"));
        INDArray y = KerasReference.array(c.get("y"));
        INDArray w = KerasReference.array(c.get("sample_weight"));
        for (Object entry : (List<Object>) c.get("trajectory")) {
            Map<String, Object> epoch = (Map<String, Object>) entry;
            String at = name + " epoch " + epoch.get("epoch");
            History history = model.fit(x, y, new FitOptions().epochs(1).batchSize(((Number) c.get("batch_size")).intValue())
                    .shuffle(false).verbose(0).sampleWeight(w));
            assertClose(((Number) epoch.get("loss")).doubleValue(), history.get("loss").get(0), at + " loss");
            List<Object> expected = (List<Object>) epoch.get("weights_after");
            List<INDArray> actual = model.getWeights();
            for (int i = 0; i < expected.size(); i++) {
                INDArray reference = KerasReference.array(expected.get(i));
                double worst = reference.sub(actual.get(i).reshape(reference.shape())).amaxNumber().doubleValue();
                assertTrue(worst <= TOLERANCE, at + ": weight " + i + " differs by " + worst);
            }
        }
        Map<String, Object> last = (Map<String, Object>) c.get("final");
        assertClose(((Number) last.get("weighted_loss")).doubleValue(), model.evaluate(x, y, w).get("loss"), name + " evaluate(x, y, w)");
        assertClose(((Number) last.get("unweighted_loss")).doubleValue(), model.evaluate(x, y).get("loss"), name + " evaluate(x, y)");
        assertTrue(Math.abs(model.evaluate(x, y, w).get("loss") - model.evaluate(x, y).get("loss")) > 1e-4,
                name + ": the weights change the loss (the test could tell them apart)");
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }
}
