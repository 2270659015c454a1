package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.layers.ModelFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ring 1's 4-5-3 network with each of Keras' ring-2 activations as its hidden activation, five
 * full-batch steps with SGD and with Adam, against the independent reference
 * {@code hidden_activations.json} (PyTorch autograd in float64 through Keras 3's activation formulas,
 * ring 1's optimizer rules; {@code optim/src/test/python/keras_activation_reference.py}): at every
 * step the gradients, the reported loss and the weights after the step agree to 1e-9 in DOUBLE.
 */
class HiddenActivationReferenceTest {

    private static final double TOLERANCE = 1e-9;
    private static final List<String> ACTIVATIONS = List.of("elu", "selu", "gelu", "silu", "softplus", "softsign",
            "leaky_relu", "hard_sigmoid", "relu6", "mish", "exponential");

    static Stream<Arguments> cases() throws IOException {
        return KerasReference.cases("hidden_activations.json").stream().map(c -> Arguments.of(c.get("name"), c));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyActivationHasCases() throws IOException {
        List<String> hidden = KerasReference.cases("hidden_activations.json").stream()
                .map(c -> (String) ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) c.get("model")).get("layers"))
                        .get(0)).get("activation"))
                .distinct().toList();
        assertEquals(ACTIVATIONS, hidden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void fiveStepsMatchTheReference(String name, Map<String, Object> c) {
        Sequential model = KerasReference.model(c);
        INDArray x = KerasReference.array(c.get("x"));
        INDArray y = KerasReference.array(c.get("y"));
        Optimizer optimizer = model.optimizer();
        double worst = 0;
        for (Object entry : (List<Object>) c.get("trajectory")) {
            Map<String, Object> step = (Map<String, Object>) entry;
            String at = name + " step " + step.get("step");
            worst = Math.max(worst, assertArraysClose((List<Object>) step.get("gradients"), model.gradients(x, y),
                    at + " gradients"));
            History history = model.fit(x, y, new FitOptions().epochs(1).batchSize(8).shuffle(false).verbose(0));
            worst = Math.max(worst, assertClose(((Number) step.get("loss")).doubleValue(), history.get("loss").get(0),
                    at + " loss"));
            worst = Math.max(worst, assertArraysClose((List<Object>) step.get("weights_after"), model.getWeights(),
                    at + " weights"));
        }
        assertEquals(5L, optimizer.iterations());
        double total = ((Number) ((Map<String, Object>) c.get("final")).get("loss")).doubleValue();
        worst = Math.max(worst, assertClose(total, model.evaluate(x, y).get("loss"), name + " final loss"));
        System.out.printf("hidden %-22s worst difference to the reference %.1e%n", name, worst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsPassTheCentralDifferenceCheck(String name, Map<String, Object> c) {
        Sequential model = KerasReference.model(c);
        ModelFixtures.assertGradientsMatch(model, KerasReference.array(c.get("x")), KerasReference.array(c.get("y")));
    }

    private static double assertClose(double expected, double actual, String what) {
        double difference = Math.abs(expected - actual) / Math.max(1, Math.abs(expected));
        assertTrue(difference <= TOLERANCE, what + ": expected " + expected + ", got " + actual);
        return difference;
    }

    private static double assertArraysClose(List<Object> expected, List<INDArray> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of arrays");
        double worst = 0;
        for (int a = 0; a < expected.size(); a++) {
            double[] want = Arrays2D.rowMajor(KerasReference.array(expected.get(a)));
            double[] got = Arrays2D.rowMajor(actual.get(a));
            assertEquals(want.length, got.length, what + " array " + a);
            for (int i = 0; i < want.length; i++) {
                worst = Math.max(worst, assertClose(want[i], got[i], what + " array " + a + " element " + i));
            }
        }
        return worst;
    }
}
