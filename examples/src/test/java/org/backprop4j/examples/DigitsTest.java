package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.integration.ExpectedWarnings;
import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void loadsTheWholeDataSet() throws IOException {
        Digits.DataSet data = Digits.load();

        assertEquals(1797, data.size());
        for (double[] pixels : data.pixels()) {
            assertEquals(64, pixels.length);
            for (double pixel : pixels) {
                assertTrue(pixel >= 0 && pixel <= 16, "pixel " + pixel);
            }
        }
        assertEquals(10, Arrays.stream(data.labels()).distinct().count());
    }

    @Test
    void theSplitIsStratifiedDisjointAndSeeded() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 500 ? 0 : i < 800 ? 1 : 2;         // 500, 300 and 200 samples
        }
        int[][] split = Digits.stratifiedSplit(labels, 0.2, 3L);

        assertEquals(800, split[0].length);
        assertEquals(200, split[1].length);
        int[] testCounts = new int[3];
        for (int row : split[1]) {
            testCounts[labels[row]]++;
        }
        assertEquals(100, testCounts[0]);
        assertEquals(60, testCounts[1]);
        assertEquals(40, testCounts[2]);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(split[0]).forEach(all::add);
        Arrays.stream(split[1]).forEach(all::add);
        assertEquals(1000, all.size(), "every sample in exactly one part");
        assertTrue(Arrays.equals(split[1], Digits.stratifiedSplit(labels, 0.2, 3L)[1]), "same seed, same split");
        assertTrue(!Arrays.equals(split[1], Digits.stratifiedSplit(labels, 0.2, 4L)[1]), "another seed, another split");
    }

    @Test
    void standardisingLeavesAConstantColumnAtZeroInsteadOfDividingByZero() {
        double[][] rows = {{0, 1, 5}, {0, 3, 5}};
        double[][] meanStd = Digits.meanAndStd(rows);

        assertArrayEqualsExactly(new double[] {0, 2, 5}, meanStd[0]);
        assertArrayEqualsExactly(new double[] {1, 1, 1}, meanStd[1]);
        double[][] standardised = Digits.standardised(rows, new int[] {0, 1}, meanStd[0], meanStd[1]).toDoubleMatrix();
        assertArrayEqualsExactly(new double[] {0, -1, 0}, standardised[0]);
        assertArrayEqualsExactly(new double[] {0, 1, 0}, standardised[1]);
    }

    @Test
    void theDefaultRunReachesAtLeast96PercentOnTheHeldOutPartWithAQuietHealthReport() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Digits.Result result;
        List<String> logged;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
                ExpectedWarnings warnings = new ExpectedWarnings()) {
            result = Digits.run(Digits.Settings.defaults(), out);
            logged = warnings.messages();
        }
        // the three pixels that are blank in every training image (the example explains them)
        assertEquals(3, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("input 0 is 0 in all 1438 training samples"), logged.get(0));
        assertTrue(logged.get(1).startsWith("input 32 is 0 in all 1438 training samples"), logged.get(1));
        assertTrue(logged.get(2).startsWith("input 39 is 0 in all 1438 training samples"), logged.get(2));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(result.testAccuracy() >= 0.96, "held-out accuracy " + result.testAccuracy() + "\n" + printed);
        assertEquals(Digits.EPOCHS, result.history().get("test_accuracy").size());
        for (String key : List.of("loss", "accuracy", "end_loss", "end_accuracy", "test_loss")) {
            assertEquals(Digits.EPOCHS, result.history().get(key).size(), key);
        }
        double endLoss = result.history().get("end_loss").get(Digits.EPOCHS - 1);
        assertTrue(endLoss < result.history().get("test_loss").get(Digits.EPOCHS - 1),
                "after 10 epochs the training part fits better than the held-out part");
        HealthTest.assertQuiet(result);
        assertTrue(printed.contains("Training health (TrainingHealth, after each epoch): no warnings"), printed);
        Matcher line = Pattern.compile("test accuracy: (0\\.\\d{4})\n").matcher(printed);
        assertTrue(line.find(), printed);
        assertEquals(result.testAccuracy(), Double.parseDouble(line.group(1)), 5e-5);
        assertTrue(printed.contains("epoch 10/10"), printed);

        int total = 0;
        int correct = 0;
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                total += result.confusion()[t][p];
            }
            correct += result.confusion()[t][t];
        }
        assertEquals(result.testSize(), total, "the confusion matrix counts every held-out image");
        assertEquals(result.testAccuracy(), (double) correct / total, 1e-12, "its diagonal is the accuracy");
        assertTrue(printed.contains("Confusion matrix"), printed);
        assertTrue(printed.contains("never vary in the training images"), printed);
    }

    private static void assertArrayEqualsExactly(double[] expected, double[] actual) {
        assertTrue(Arrays.equals(expected, actual), Arrays.toString(expected) + " != " + Arrays.toString(actual));
    }
}
