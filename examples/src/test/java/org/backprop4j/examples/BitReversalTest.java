package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.backprop4j.integration.ExpectedWarnings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the example once with its stated settings (seed, 10,000 epochs) and checks what it prints. */
class BitReversalTest {

    private static BitReversal.Result result;
    private static String printed;
    private static List<String> logged;

    @BeforeAll
    static void runTheExample() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
                ExpectedWarnings warnings = new ExpectedWarnings()) {
            result = BitReversal.run(BitReversal.SEED, BitReversal.LEARNING_RATE, BitReversal.EPOCHS, out);
            logged = warnings.messages();
        }
        printed = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fitWarnsAboutInputZeroAndSaysWhatToDo() {
        assertEquals(List.of("input 0 is 0 in all 6 training samples: its weights will never be trained (a first-layer "
                + "weight's gradient is proportional to its input); train on samples where it varies, or remove the "
                + "column if it never does"), logged);
    }

    @Test
    void learnsTheTrainingSetExactly() {
        assertEquals(6, result.trainingCorrect(), printed);
        assertArrayEquals(BitReversal.Y, result.trainingPredictions());
        assertTrue(printed.contains("6/6 training samples reproduced exactly"), printed);
    }

    @Test
    void answersUnseenInputsWithTheTrainingTargetsSoNoneIsReversed() {
        // the source's finding: on 1xyz the network says exactly what it learned for 0xyz
        assertArrayEquals(BitReversal.Y, result.offDistributionPredictions());
        assertEquals(0, result.generalised());
        assertTrue(printed.contains("generalisation: 0/6 off-distribution inputs reversed correctly\n"), printed);
    }

    @Test
    void theWeightsOfInputZeroNeverMove() {
        double[] change = result.kernelRowChange();
        assertEquals(4, change.length);
        assertTrue(change[0] == 0.0, "row of input 0 moved by " + change[0]);
        for (int j = 1; j < change.length; j++) {
            assertTrue(change[j] > 0.1, "row of input " + j + " moved only " + change[j]);
        }
        assertTrue(printed.contains("  input 0: exactly 0   <- never moved"), printed);
        assertTrue(printed.contains("ds_t/dW_ji = s_t (I_ti - s_i) x_j"), printed);
    }

    @Test
    void theDiagnosticNamesInputZero() {
        assertEquals(1, result.findings().size(), result.findings().toString());
        assertEquals(0, result.findings().get(0).column());
        assertTrue(printed.contains("input 0 is 0 in all 6 training samples: its weights will never be trained"), printed);
    }
}
