package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The masking rules hide timings and thinned epochs, and nothing else. */
class OutputNormaliserTest {

    private static final List<String> RUN_A = List.of(
            "Epoch 1/500",
            "1/1 [==============================] - 0s 619ms/step - loss: 0.2871 - accuracy: 0.5000",
            "Epoch 137/500",
            "1/1 [==============================] - 0s 6ms/step - loss: 0.2501 - accuracy: 0.5000",
            "Epoch 500/500",
            "1/1 [==============================] - 0s 366us/step - loss: 0.0123 - accuracy: 1.0000",
            "",
            "Trained in 4.97 s (993 us per epoch)");

    private static final List<String> RUN_B = List.of(
            "Epoch 1/500",
            "1/1 [==============================] - 1s 1s/step - loss: 0.2871 - accuracy: 0.5000",
            "Epoch 500/500",
            "1/1 [==============================] - 0s 12ms/step - loss: 0.0123 - accuracy: 1.0000",
            "",
            "Trained in 0.40 s (80 us per epoch)");

    @Test
    void runsThatDifferOnlyInTimingAndThinningCompareEqual() {
        assertEquals(OutputNormaliser.normalise(RUN_A), OutputNormaliser.normalise(RUN_B));
        assertEquals("1/1 [==============================] - <time> - loss: 0.2871 - accuracy: 0.5000",
                OutputNormaliser.normalise(RUN_B).get(1));
    }

    @Test
    void aChangedLossOrMetricStillFails() {
        List<String> otherLoss = RUN_B.stream().map(line -> line.replace("0.0123", "0.0124")).toList();
        assertNotEquals(OutputNormaliser.normalise(RUN_A), OutputNormaliser.normalise(otherLoss));
        List<String> otherAccuracy = RUN_B.stream().map(line -> line.replace("accuracy: 1.0000", "accuracy: 0.7500")).toList();
        assertNotEquals(OutputNormaliser.normalise(RUN_A), OutputNormaliser.normalise(otherAccuracy));
    }

    @Test
    void numbersOutsideTheTimingFieldsAreNotMasked() {
        String line = "  0   1 |   0.9701      1    |   1";
        assertEquals(line, OutputNormaliser.mask(line));
        String summary = "Total params: 9";
        assertEquals(summary, OutputNormaliser.mask(summary));
    }

    @Test
    void verboseTwoLinesKeepTheirValues() {
        assertEquals("1/1 - <time> - loss: 0.2500 - accuracy: 0.5000 - <time>/step",
                OutputNormaliser.mask("1/1 - 0s - loss: 0.2500 - accuracy: 0.5000 - 358us/step"));
    }

    @Test
    void docsFormCollapsesThinnedEpochsIntoOneElision() {
        List<String> docs = OutputNormaliser.forDocs(RUN_A);
        assertEquals(List.of("Epoch 1/500", RUN_A.get(1), "...", "Epoch 500/500", RUN_A.get(5), "", RUN_A.get(7)), docs);
        assertEquals(OutputNormaliser.normalise(RUN_B), OutputNormaliser.normalise(docs));
        assertNull(OutputNormaliser.firstThinnedEpoch(docs));
        assertEquals("Epoch 137/500", OutputNormaliser.firstThinnedEpoch(RUN_A));
    }

    @Test
    void theReversalTimingIsMaskedButItsLossIsNot() {
        assertEquals("Trained in <time>; final loss 0.00573", OutputNormaliser.mask("Trained in 8.06 s; final loss 0.00573"));
        assertNotEquals(OutputNormaliser.mask("Trained in 8.06 s; final loss 0.00573"),
                OutputNormaliser.mask("Trained in 1.00 s; final loss 0.00574"));
    }

    @Test
    void roundOffIsMaskedOnlyWhenAskedAndOnlyBelowOneBillionth() {
        List<String> a = List.of("max |J - numeric| = 6.9e-11, |sum - 1| = 0.0e+00, (fused) -1.388e-17");
        List<String> b = List.of("max |J - numeric| = 7.3e-11, |sum - 1| = 2.2e-16, (fused) 2.776e-17");
        assertEquals(OutputNormaliser.normalise(a, true), OutputNormaliser.normalise(b, true));
        assertEquals(List.of("max |J - numeric| = <round-off>, |sum - 1| = <round-off>, (fused) <round-off>"),
                OutputNormaliser.normalise(a, true));
        assertNotEquals(OutputNormaliser.normalise(a), OutputNormaliser.normalise(b));
        // a probability is a result, not round-off, where the example is not registered as printing round-off
        assertEquals(List.of("p = [ 1.0000e+00  9.3576e-14]"), OutputNormaliser.normalise(List.of("p = [ 1.0000e+00  9.3576e-14]")));
        // an error of 1e-9 or more is seen even when round-off is masked
        assertNotEquals(OutputNormaliser.normalise(List.of("max |difference| = 1.0e-09"), true),
                OutputNormaliser.normalise(List.of("max |difference| = 2.8e-17"), true));
        assertEquals(List.of("1.5e+00 2.5e-05"), OutputNormaliser.normalise(List.of("1.5e+00 2.5e-05"), true));
    }

    @Test
    void gradientCheckErrorsAreMaskedBelowTheirOwnLimit() {
        List<String> here = List.of("  dense/kernel  worst relative error 3.1e-09  below 1e-6: true");
        List<String> there = List.of("  dense/kernel  worst relative error 4.7e-10  below 1e-6: true");
        assertEquals(OutputNormaliser.normalise(here, 5), OutputNormaliser.normalise(there, 5));
        assertNotEquals(OutputNormaliser.normalise(here, true), OutputNormaliser.normalise(there, true));
        // an error of 1e-4 or more is seen, and so is the verdict
        assertNotEquals(OutputNormaliser.normalise(List.of("error 2.0e-04"), 5), OutputNormaliser.normalise(List.of("error 3.0e-04"), 5));
        assertNotEquals(OutputNormaliser.normalise(List.of("error 2.0e-09 below 1e-6: true"), 5),
                OutputNormaliser.normalise(List.of("error 2.0e-09 below 1e-6: false"), 5));
    }

    @Test
    void fullPrecisionDoublesCompareToSixSignificantDigits() {
        assertEquals(OutputNormaliser.mask("  input 1: 2.4872376838193384"), OutputNormaliser.mask("  input 1: 2.4872376838193391"));
        assertNotEquals(OutputNormaliser.mask("  input 1: 2.4872376838193384"), OutputNormaliser.mask("  input 1: 2.4873376838193384"));
        assertEquals("  input 0: 0.0   <- never moved", OutputNormaliser.mask("  input 0: 0.0   <- never moved"));
        assertEquals("loss 0.2871 and 6.7707e-04", OutputNormaliser.mask("loss 0.2871 and 6.7707e-04"));
    }
}
