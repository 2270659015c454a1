package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.backprop4j.core.internal.Arrays2D;
import org.junit.jupiter.api.Test;

/** The XOR example: the Keras summary, predictions that round to 0 1 1 0, and reproducible training. */
class XorTest {

    private static Xor.Result run(int epochs, ByteArrayOutputStream bytes) {
        return Xor.run(Xor.SEED, Xor.LEARNING_RATE, epochs, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    @Test
    void theStatedRunConvergesToXor() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Xor.Result result = run(Xor.EPOCHS, bytes);
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(output.startsWith("Model: \"sequential\"\n"), output);
        assertTrue(output.contains("Total params: 9\n"), output);
        assertTrue(output.contains("Converged: the predictions round to 0 1 1 0."), output);
        double[] predictions = Arrays2D.rowMajor(result.predictions());
        double[] rounded = new double[predictions.length];
        for (int i = 0; i < predictions.length; i++) {
            rounded[i] = Math.round(predictions[i]);
        }
        assertArrayEquals(new double[] {0, 1, 1, 0}, rounded, 0, "predictions " + result.predictions());
        assertEquals(Xor.EPOCHS, result.history().epochs());
        assertEquals(1.0, result.history().get("accuracy").get(Xor.EPOCHS - 1), 0);
    }

    @Test
    void theSameSeedTrainsIdentically() {
        Xor.Result first = run(300, new ByteArrayOutputStream());
        Xor.Result second = run(300, new ByteArrayOutputStream());
        assertEquals(first.history().history(), second.history().history());
        assertEquals(first.model().getWeights(), second.model().getWeights());
        assertArrayEquals(Arrays2D.rowMajor(first.predictions()), Arrays2D.rowMajor(second.predictions()));
    }
}
