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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Five full-batch training steps of a 4-5-3 network (tanh hidden layer) for every optimizer, loss and
 * regulariser of the Keras-parity work, against the reference fixtures (PyTorch autograd gradients
 * and Keras 3's formulas in float64): at every step the learning rate used, the reported loss
 * (data loss plus penalty), the gradients and the weights after the step; at the end the
 * optimizer's slots. Agreement is to 1e-9 or better (two float64 implementations of the same rule
 * differ only by rounding); a central-difference gradient check runs on each case too.
 */
class KerasReferenceTrainingTest {

    private static final double TOLERANCE = 1e-9;

    static Stream<Arguments> cases() throws IOException {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String file : List.of("optimizers.json", "losses.json", "regularizers.json")) {
            for (Map<String, Object> c : KerasReference.cases(file)) {
                all.add(Arguments.of(file + ": " + c.get("name"), c));
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void fiveStepsMatchTheReference(String name, Map<String, Object> c) {
        Sequential model = KerasReference.model(c);
        INDArray x = KerasReference.array(c.get("x"));
        INDArray y = KerasReference.array(c.get("y"));
        Optimizer optimizer = model.optimizer();
        List<Object> trajectory = (List<Object>) c.get("trajectory");
        for (Object entry : trajectory) {
            Map<String, Object> step = (Map<String, Object>) entry;
            String at = name + " step " + step.get("step");
            assertEquals(((Number) step.get("iterations_before")).longValue(), optimizer.iterations(), at);
            assertEquals(((Number) step.get("learning_rate")).doubleValue(), optimizer.learningRate(), 1e-15, at + " learning rate");
            assertArraysClose((List<Object>) step.get("gradients"), model.gradients(x, y), at + " gradients");
            History history = model.fit(x, y, new FitOptions().epochs(1).batchSize(8).shuffle(false).verbose(0));
            assertClose(((Number) step.get("loss")).doubleValue(), history.get("loss").get(0), at + " loss");
            assertArraysClose((List<Object>) step.get("weights_after"), model.getWeights(), at + " weights");
        }
        Map<String, Object> last = (Map<String, Object>) ((Map<String, Object>) c.get("final")).get("optimizer_state");
        assertEquals(5L, optimizer.iterations());
        Map<String, INDArray> state = optimizer.state();
        int slotsChecked = 0;
        for (Map.Entry<String, Object> slot : ((Map<String, Object>) last.get("slots")).entrySet()) {
            List<Object> arrays = (List<Object>) slot.getValue();
            for (int i = 0; i < arrays.size(); i++) {
                INDArray mine = state.get(slot.getKey() + "/" + i);
                assertTrue(mine != null, name + ": no slot " + slot.getKey() + "/" + i + " in " + state.keySet());
                assertArraysClose(List.of(arrays.get(i)), List.of(mine), name + " slot " + slot.getKey() + "/" + i);
                slotsChecked++;
            }
        }
        assertEquals(state.size(), slotsChecked, name + ": the same slots as Keras");
        double total = ((Number) ((Map<String, Object>) c.get("final")).get("loss")).doubleValue();
        assertClose(total, model.evaluate(x, y).get("loss"), name + " final loss (evaluate)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsPassTheCentralDifferenceCheck(String name, Map<String, Object> c) {
        Sequential model = KerasReference.model(c);
        ModelFixtures.assertGradientsMatch(model, KerasReference.array(c.get("x")), KerasReference.array(c.get("y")));
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual + " (difference " + (actual - expected) + ")");
    }

    private static void assertArraysClose(List<Object> expected, List<INDArray> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of arrays");
        for (int a = 0; a < expected.size(); a++) {
            double[] want = Arrays2D.rowMajor(KerasReference.array(expected.get(a)));
            double[] got = Arrays2D.rowMajor(actual.get(a));
            assertEquals(want.length, got.length, what + " array " + a);
            for (int i = 0; i < want.length; i++) {
                assertClose(want[i], got[i], what + " array " + a + " element " + i);
            }
        }
    }
}
