package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.integration.ExpectedWarnings;
import org.backprop4j.layers.ModelFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** fit's progress output into a stream that is not a terminal: Keras' lines, thinned, never flooding. */
class ProgressOutputTest {

    private static final Pattern EPOCH = Pattern.compile("Epoch (\\d+)/(\\d+)");
    private static final String NUMBER = "\\d+\\.\\d{4}";
    private static final Pattern BAR_LINE = Pattern.compile(
            "1/1 \\[={30}\\] - \\d+s \\d+(us|ms|s)/step - loss: (" + NUMBER + ") - accuracy: (" + NUMBER + ")");
    private static final Pattern VERBOSE_2_LINE = Pattern.compile(
            "1/1 - \\d+s - loss: " + NUMBER + " - accuracy: " + NUMBER + " - \\d+(us|ms|s)/step");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private History fit(int epochs, int batchSize, int verbose) {
        INDArray x = ModelFixtures.xorX();
        return ModelFixtures.xorModel(42, 1.0).fit(x, ModelFixtures.xorY(),
                new FitOptions().epochs(epochs).batchSize(batchSize).verbose(verbose).progressOutput(out));
    }

    private List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "no carriage returns outside a terminal");
        assertTrue(text.isEmpty() || text.endsWith("\n"), "complete lines");
        return text.lines().toList();
    }

    @Test
    void aRunOfAHundredEpochsOrFewerShowsEveryEpochHoweverFast() {
        fit(Progress.ALWAYS_SHOWN_EPOCHS, 4, 2); // XOR: microseconds per epoch
        List<String> lines = lines();
        assertEquals(2 * Progress.ALWAYS_SHOWN_EPOCHS, lines.size(), "a header and a summary line per epoch");
        for (int epoch = 1; epoch <= Progress.ALWAYS_SHOWN_EPOCHS; epoch++) {
            assertEquals("Epoch " + epoch + "/" + Progress.ALWAYS_SHOWN_EPOCHS, lines.get(2 * (epoch - 1)));
        }
    }

    @Test
    void verboseOneShowsFirstAndLastEpochAndOnlyAFewInBetween() {
        long start = System.nanoTime();
        History history = fit(2000, 4, 1);
        long elapsed = System.nanoTime() - start;

        List<String> lines = lines();
        assertEquals("Epoch 1/2000", lines.get(0));
        assertEquals("Epoch 2000/2000", lines.get(lines.size() - 2));
        // an epoch is shown if it is the first or last, or 0.5 s passed since the last one shown
        long shownAtMost = 2 + elapsed / Progress.MIN_NANOS_BETWEEN_EPOCHS + 1;
        assertTrue(lines.size() <= 2 * shownAtMost, lines.size() + " lines for a run of " + elapsed / 1e9 + " s");
        assertEquals(0, lines.size() % 2);
        List<Integer> epochs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 2) {
            Matcher header = EPOCH.matcher(lines.get(i));
            assertTrue(header.matches(), lines.get(i));
            assertEquals("2000", header.group(2));
            epochs.add(Integer.parseInt(header.group(1)));
            assertTrue(BAR_LINE.matcher(lines.get(i + 1)).matches(), lines.get(i + 1));
        }
        for (int i = 1; i < epochs.size(); i++) {
            assertTrue(epochs.get(i) > epochs.get(i - 1), "epochs in order: " + epochs);
        }
        Matcher last = BAR_LINE.matcher(lines.get(lines.size() - 1));
        assertTrue(last.matches());
        assertEquals(String.format(Locale.ROOT, "%.4f", history.get("loss").get(1999)), last.group(2));
        assertEquals(String.format(Locale.ROOT, "%.4f", history.get("accuracy").get(1999)), last.group(3));
    }

    @Test
    void verboseZeroPrintsNothing() {
        fit(50, 4, 0);
        assertEquals(0, bytes.size());
    }

    @Test
    void verboseTwoPrintsOneSummaryLinePerShownEpoch() {
        fit(3, 4, 2);
        List<String> lines = lines();
        assertEquals("Epoch 1/3", lines.get(0));
        assertEquals("Epoch 3/3", lines.get(lines.size() - 2));
        for (int i = 1; i < lines.size(); i += 2) {
            assertTrue(VERBOSE_2_LINE.matcher(lines.get(i)).matches(), lines.get(i));
        }
    }

    @Test
    void evaluateWithVerbosePrintsKerasLineAndReturnsTheSameScores() {
        Sequential model = ModelFixtures.xorModel(42, 1.0);
        java.util.Map<String, Double> scores = model.evaluate(ModelFixtures.xorX(), ModelFixtures.xorY(), 1, out);
        assertEquals(model.evaluate(ModelFixtures.xorX(), ModelFixtures.xorY()), scores);
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        Matcher line = BAR_LINE.matcher(lines.get(0));
        assertTrue(line.matches(), lines.get(0));
        assertEquals(MetricFormat.format(scores.get("loss")), line.group(2));

        bytes.reset();
        model.evaluate(ModelFixtures.xorX(), ModelFixtures.xorY(), 2, out);
        assertTrue(VERBOSE_2_LINE.matcher(lines().get(0)).matches(), lines().get(0));

        bytes.reset();
        model.evaluate(ModelFixtures.xorX(), ModelFixtures.xorY(), 0, out);
        assertEquals(0, bytes.size());
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.evaluate(ModelFixtures.xorX(), ModelFixtures.xorY(), 3));
        assertEquals("verbose must be 0, 1 or 2, got 3", error.getMessage());
    }

    @Test
    void aDivergingLossPrintsInENotation() {
        Sequential model = new Sequential(5);
        model.add(new org.backprop4j.layers.Dense(1, 1));
        model.compile("mse", new org.backprop4j.optim.SGD(1e6));
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(new double[][] {{10}, {20}, {30}});
        try (ExpectedWarnings warnings = new ExpectedWarnings()) {
            // one epoch per fit, so that every epoch prints its line, until the loss overflows
            History history;
            do {
                history = model.fit(x, x.mul(2), new FitOptions().epochs(1).batchSize(3).verbose(2).progressOutput(out));
            } while (history.stopReason() == History.StopReason.COMPLETED);
            assertEquals(History.StopReason.NON_FINITE, history.stopReason());
            assertEquals(1, warnings.messages().size(), warnings.messages().toString());
        }
        List<String> values = new ArrayList<>();
        Matcher loss = Pattern.compile("loss: (\\S+)").matcher(bytes.toString(StandardCharsets.UTF_8));
        while (loss.find()) {
            values.add(loss.group(1));
        }
        assertTrue(values.size() >= 2, values.toString());
        for (String value : values) {
            assertTrue(value.matches("\\d\\.\\d{4}e[+-]\\d{2,3}|\\d{1,5}\\.\\d{4}|Infinity|NaN"), value);
        }
        assertTrue(values.stream().anyMatch(v -> v.contains("e+")), "a huge loss in e-notation: " + values);
    }

    @Test
    void theBarCountsStepsOfTheEpoch() {
        fit(1, 3, 1);   // 4 samples in batches of 3: 2 steps
        List<String> lines = lines();
        assertEquals(2, lines.size());
        assertEquals("Epoch 1/1", lines.get(0));
        assertTrue(lines.get(1).startsWith("2/2 [==============================] - "), lines.get(1));
    }
}
