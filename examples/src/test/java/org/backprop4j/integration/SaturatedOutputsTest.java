package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cross-entropies on probabilities at a saturated network ({@code reference/clipping.json}:
 * softmax and sigmoid entries beyond the 1e-7 clip). backprop4j's documented choice, the same for
 * categorical and sparse labels: the reported value clips the probabilities (without
 * renormalising), and the gradient is the fused {@code (p - y) / n}, which is what TensorFlow's
 * logits shortcut gives (never zero because of the clip, so saturated units still learn).
 */
class SaturatedOutputsTest {

    @Test
    @SuppressWarnings("unchecked")
    void valueIsClippedAndGradientIsTheFusedOne() throws IOException {
        List<Map<String, Object>> cases = KerasReference.cases("clipping.json");
        assertEquals(3, cases.size());
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            Map<String, Object> spec = (Map<String, Object>) c.get("model");
            List<Object> layers = (List<Object>) spec.get("layers");
            Sequential model = new Sequential(1L);
            model.add(new Dense(5, ((Number) spec.get("input_dim")).intValue(), "tanh"));
            model.add(new Dense(3, (String) ((Map<String, Object>) layers.get(1)).get("activation")));
            model.compile(name, new SGD(0.1));
            List<INDArray> weights = new ArrayList<>();
            for (Object weight : (List<Object>) c.get("weights")) {
                weights.add(KerasReference.array(weight));
            }
            model.setWeights(weights);
            INDArray x = KerasReference.array(c.get("x"));
            INDArray y = KerasReference.array(c.get("y"));
            assertEquals(((Number) c.get("clipped_value_without_renormalising")).doubleValue(),
                    model.evaluate(x, y).get("loss"), 1e-12, name + " value");
            List<Object> expected = (List<Object>) ((Map<String, Object>) c.get("tf_logits_shortcut")).get("gradients");
            List<INDArray> gradients = model.gradients(x, y);
            for (int a = 0; a < expected.size(); a++) {
                double[] want = Arrays2D.rowMajor(KerasReference.array(expected.get(a)));
                double[] got = Arrays2D.rowMajor(gradients.get(a));
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-12, name + " gradient " + a + "[" + i + "]");
                }
            }
        }
    }
}
