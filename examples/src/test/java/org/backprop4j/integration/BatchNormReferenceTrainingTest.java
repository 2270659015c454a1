package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.layers.BatchNormalization;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.LayerNormalization;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Five full-batch training steps of Dense(5, tanh) - BatchNormalization - Dense(4, relu) -
 * LayerNormalization - Dense(3, softmax) against {@code reference/batchnorm.json} (written by
 * {@code optim/src/test/python/batchnorm_reference.py}: PyTorch autograd gradients through the batch
 * statistics, Keras 3's normalisation and update rules, float64): at every step the gradients, the
 * loss and every weight after the step, the moving statistics included; then the predictions. Trained
 * with Adam, with SGD (Nesterov momentum), and with the BatchNormalization frozen. Agreement to 1e-9 in
 * DOUBLE.
 */
class BatchNormReferenceTrainingTest {

    private static final double TOLERANCE = 1e-9;

    static Stream<Arguments> cases() throws IOException {
        return KerasReference.cases("batchnorm.json").stream().map(c -> Arguments.of(c.get("name"), c));
    }

    @SuppressWarnings("unchecked")
    private static Sequential model(Map<String, Object> c) {
        Map<String, Object> bn = (Map<String, Object>) c.get("batch_normalization");
        Map<String, Object> ln = (Map<String, Object>) c.get("layer_normalization");
        Map<String, Object> spec = (Map<String, Object>) c.get("optimizer");
        Sequential model = new Sequential(1L, DataType.DOUBLE);
        BatchNormalization norm = new BatchNormalization(((Number) bn.get("momentum")).doubleValue(),
                ((Number) bn.get("epsilon")).doubleValue());
        model.add(new Dense(5, 4, "tanh")).add(norm).add(new Dense(4, "relu"))
                .add(new LayerNormalization(((Number) ln.get("epsilon")).doubleValue())).add(new Dense(3, "softmax"));
        if ((Boolean) c.get("frozen_batch_normalization")) {
            norm.setTrainable(false);
        }
        double rate = ((Number) spec.get("learning_rate")).doubleValue();
        Optimizer optimizer = "Adam".equals(spec.get("name")) ? new Adam(rate)
                : new SGD(rate, ((Number) spec.get("momentum")).doubleValue(), (Boolean) spec.get("nesterov"));
        model.compile("categorical_crossentropy", optimizer);
        List<INDArray> initial = new ArrayList<>();
        for (Object weight : (List<Object>) c.get("initial_weights")) {
            initial.add(KerasReference.array(weight));
        }
        model.setWeights(initial);
        assertEquals(c.get("weight_names"), model.parameters().stream().map(Parameter::name).toList(), "Keras' weight order");
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void fiveStepsMatchTheReference(String name, Map<String, Object> c) {
        Sequential model = model(c);
        INDArray x = KerasReference.array(c.get("x"));
        INDArray y = KerasReference.array(c.get("y"));
        List<Parameter> parameters = model.parameters();
        for (Object entry : (List<Object>) c.get("trajectory")) {
            Map<String, Object> step = (Map<String, Object>) entry;
            String at = name + " step " + step.get("step");
            List<INDArray> gradients = model.gradients(x, y);
            List<Object> expectedGradients = (List<Object>) step.get("gradients");
            for (int p = 0; p < parameters.size(); p++) {
                if (parameters.get(p).trainable()) {
                    assertClose(expectedGradients.get(p), gradients.get(p), at + " gradient of " + parameters.get(p).name());
                }
            }
            History history = model.fit(x, y, new FitOptions().epochs(1).batchSize(8).shuffle(false).verbose(0));
            double loss = ((Number) step.get("loss")).doubleValue();
            assertTrue(Math.abs(loss - history.get("loss").get(0)) <= TOLERANCE, at + " loss " + history.get("loss") + " vs " + loss);
            List<Object> expectedWeights = (List<Object>) step.get("weights_after");
            List<INDArray> weights = model.getWeights();
            for (int p = 0; p < parameters.size(); p++) {
                assertClose(expectedWeights.get(p), weights.get(p), at + " " + parameters.get(p).name());
            }
        }
        assertClose(c.get("predict"), model.predict(x), name + " predict (moving statistics)");
    }

    private static void assertClose(Object expected, INDArray actual, String what) {
        double[] want = Arrays2D.rowMajor(KerasReference.array(expected));
        double[] got = Arrays2D.rowMajor(actual);
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= TOLERANCE * Math.max(1, Math.abs(want[i])),
                    what + " element " + i + ": expected " + want[i] + ", got " + got[i]);
        }
    }
}
