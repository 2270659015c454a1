package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' own numbers for single optimizer steps and for its golden sequences
 * ({@code keras/src/optimizers/*_test.py}, listed with their setup in
 * {@code reference/keras_goldens.json}), at Keras' tolerances, and at 1e-12 against the float64
 * values the reference script computed with Keras' formulas.
 */
class KerasGoldenOptimizerTest {

    /** One bound weight vector: set its gradient, step. */
    private static final class OneWeight {
        final INDArray value;
        final INDArray gradient;
        final Optimizer optimizer;

        OneWeight(Optimizer optimizer, double... initial) {
            this.optimizer = optimizer;
            value = Nd4j.create(initial.clone(), new long[] {initial.length});
            gradient = value.ulike();
            optimizer.bind(this, List.of(new Parameter("w", value, gradient)));
        }

        double[] step(double... g) {
            gradient.assign(Nd4j.create(g, new long[] {g.length}));
            optimizer.apply();
            return value.toDoubleVector();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> golden(String name) throws IOException {
        for (Object entry : (List<Object>) KerasSpecs.fixture("keras_goldens.json").get("goldens")) {
            Map<String, Object> golden = (Map<String, Object>) entry;
            if (golden.get("name").equals(name)) {
                return golden;
            }
        }
        throw new AssertionError("no golden " + name);
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static void assertClose(double expected, double actual, double rtol, double atol, String what) {
        assertTrue(Math.abs(expected - actual) <= atol + rtol * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual);
    }

    @SuppressWarnings("unchecked")
    private static Optimizer optimizerOf(Map<String, Object> golden) {
        return KerasSpecs.optimizer((Map<String, Object>) ((Map<String, Object>) golden.get("setup")).get("optimizer"));
    }

    @Test
    void singleStepsMatchKerasTests() throws IOException {
        for (String name : List.of("sgd_single_step", "adam_single_step", "rmsprop_single_step", "adagrad_single_step")) {
            Map<String, Object> golden = golden(name);
            double[] after = new OneWeight(optimizerOf(golden), 1, 2, 3, 4).step(1, 6, 7, 2);
            double[] expected = doubles(golden.get("expected"));
            double[] reference = doubles(golden.get("reference_float64"));
            for (int i = 0; i < 4; i++) {
                assertClose(expected[i], after[i], 1e-4, 1e-4, name + "[" + i + "] vs Keras");
                assertEquals(reference[i], after[i], 1e-12, name + "[" + i + "] vs float64 reference");
            }
        }
    }

    @Test
    void adamSingleStepIsHalfAStepDownEverywhere() {
        // Adam lr 0.5, first step: m = 0.1 g, v = 0.001 g^2, alpha = 0.5 sqrt(0.001) / 0.1, so the
        // step is 0.5 * g / (|g| + 1e-7 / sqrt(0.001)): 0.5 for every entry, to 1e-5
        double[] after = new OneWeight(new Adam(0.5), 1, 2, 3, 4).step(1, 6, 7, 2);
        double[] expected = {0.5, 1.5, 2.5, 3.5};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], after[i], 1e-5);
            assertEquals(expected[i] + 0.5 * (1 - 1 / (1 + 1e-7 / Math.sqrt(0.001) / new double[] {1, 6, 7, 2}[i])),
                    after[i], 1e-14);
        }
    }

    @Test
    void rmspropDocstringStep() throws IOException {
        // loss var^2 / 2 from var = 10: gradient 10; v = 0.1 * 100 = 10; 10 - 0.1 * 10 / sqrt(10 + 1e-7)
        double after = new OneWeight(new RMSprop(0.1), 10).step(10)[0];
        assertClose(9.683772, after, 1e-6, 1e-6, "rmsprop docstring");
        assertEquals(10 - 1 / Math.sqrt(10 + 1e-7), after, 1e-15);
        assertEquals(((Number) golden("rmsprop_docstring").get("reference_float64")).doubleValue(), after, 1e-12);
    }

    @Test
    @SuppressWarnings("unchecked")
    void goldenSequencesMatchKeras() throws IOException {
        for (String name : List.of("adam_amsgrad_golden", "rmsprop_centered_golden", "adagrad_golden", "sgd_nesterov_golden")) {
            Map<String, Object> golden = golden(name);
            OneWeight weight = new OneWeight(optimizerOf(golden), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            List<Object> expected = (List<Object>) golden.get("expected");
            List<Object> reference = (List<Object>) golden.get("reference_float64");
            double[] ramp = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
            for (int step = 0; step < 5; step++) {
                double[] after = step == 0 ? weight.step(0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01)
                        : weight.step(ramp);
                double[] keras = doubles(expected.get(step));
                double[] float64 = doubles(reference.get(step));
                for (int i = 0; i < 10; i++) {
                    assertClose(keras[i], after[i], 5e-4, 5e-4, name + " step " + (step + 1) + " [" + i + "] vs Keras");
                    assertEquals(float64[i], after[i], 1e-12, name + " step " + (step + 1) + " [" + i + "] vs float64");
                }
            }
        }
    }

    @Test
    void amsgradSequenceIsKerasDocumentedOne() {
        OneWeight weight = new OneWeight(new Adam(0.001, 0.9, 0.999, 1e-7, true), 1, 1, 1);
        double[] expected = {0.999, 0.9982, 0.9974, 0.9965, 0.9955}; // entry 0, from adam_test.py
        double[] first = weight.step(0.01, 0.01, 0.01);
        assertClose(expected[0], first[0], 5e-4, 5e-4, "step 1");
        for (int step = 1; step < 5; step++) {
            assertClose(expected[step], weight.step(0.1, 0.2, 0.3)[0], 5e-4, 5e-4, "step " + (step + 1));
        }
    }
}
