package org.backprop4j.core.regularizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.Regularizer;
import org.backprop4j.core.Regularizers;
import org.backprop4j.core.Registry;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** L1, L2 and L1L2: Keras' numbers, penalties and gradients by hand and by central differences, names, bad factors. */
class RegularizersTest {

    private static final INDArray W = Nd4j.create(new double[][] {{0.5, -2.0, 0.0}, {1.5, -0.25, 3.0}});

    @Test
    void l2OfOnesMatchesKerasDocstring() {
        assertEquals(50.0, Regularizers.l2(2.0).penalty(Nd4j.ones(5, 5)), 0); // Keras: L2(2.0) on ones(5, 5)
        assertEquals(0.25, Regularizers.l1(0.01).penalty(Nd4j.ones(5, 5)), 1e-15);
    }

    @Test
    void penaltiesAndGradientsByHand() {
        double abs = 0.5 + 2 + 0 + 1.5 + 0.25 + 3;                // 7.25
        double squares = 0.25 + 4 + 0 + 2.25 + 0.0625 + 9;        // 15.5625
        assertEquals(0.1 * abs, Regularizers.l1(0.1).penalty(W), 1e-15);
        assertEquals(0.2 * squares, Regularizers.l2(0.2).penalty(W), 1e-15);
        assertEquals(0.1 * abs + 0.2 * squares, Regularizers.l1l2(0.1, 0.2).penalty(W), 1e-15);
        INDArray gradient = Nd4j.ones(DataType.DOUBLE, 2, 3);
        Regularizers.l1l2(0.1, 0.2).addGradient(W, gradient);     // 1 + 0.1 sign(w) + 0.4 w
        assertArrayEquals(new double[] {1.3, 0.1, 1.0, 1.7, 0.8, 2.3}, gradient.data().asDouble(), 1e-15);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        for (Regularizer regularizer : List.of(Regularizers.l1(0.3), Regularizers.l2(0.7), Regularizers.l1l2(0.2, 0.4))) {
            INDArray w = Nd4j.create(new double[][] {{0.5, -2.0, 0.1}, {1.5, -0.25, 3.0}});
            INDArray analytic = Nd4j.zeros(DataType.DOUBLE, 2, 3);
            regularizer.addGradient(w, analytic);
            for (int i = 0; i < 6; i++) {
                INDArray plus = w.dup();
                plus.data().put(i, w.data().getDouble(i) + 1e-6);
                INDArray minus = w.dup();
                minus.data().put(i, w.data().getDouble(i) - 1e-6);
                double numeric = (regularizer.penalty(plus) - regularizer.penalty(minus)) / 2e-6;
                assertEquals(numeric, analytic.data().getDouble(i), 1e-8, regularizer + " element " + i);
            }
        }
    }

    @Test
    void registeredUnderKerasNamesWithKerasDefaults() {
        assertEquals(0.01, assertInstanceOf(L1.class, Registry.REGULARIZERS.create("l1")).l1());
        assertEquals(0.01, assertInstanceOf(L2.class, Registry.REGULARIZERS.create("l2")).l2());
        L1L2 both = assertInstanceOf(L1L2.class, Registry.REGULARIZERS.create("l1_l2"));
        assertEquals(0.01, both.l1());
        assertEquals(0.01, both.l2());
        for (Regularizer regularizer : List.of(Regularizers.l1(0.3), Regularizers.l2(0.7), Regularizers.l1l2(0.2, 0))) {
            Regularizer again = Registry.REGULARIZERS.create(regularizer.name(), regularizer.config());
            assertEquals(regularizer.toString(), again.toString());
        }
        assertEquals(List.of("l1", "l2", "l1l2", "l1_l2"), Registry.REGULARIZERS.names());
    }

    @Test
    void badFactorsAreRejected() {
        assertMessage("The l2 regularisation factor must be a finite number >= 0, got -0.01", () -> Regularizers.l2(-0.01));
        assertMessage("The l1 regularisation factor must be a finite number >= 0, got NaN", () -> Regularizers.l1(Double.NaN));
        assertMessage("got Infinity", () -> Regularizers.l1l2(0.1, Double.POSITIVE_INFINITY));
        assertMessage("'l2' must be a finite number", () -> Registry.REGULARIZERS.create("l2", Map.of("l2", "big")));
        assertMessage("Unknown regularizer 'l3'", () -> Registry.REGULARIZERS.create("l3"));
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' should contain '" + expectedPart + "'");
    }
}
