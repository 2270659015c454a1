package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The numbers the prose of the three ported tutorials quotes (docs/basic-regression.md,
 * overfit-and-underfit.md, fine-tuning.md), recomputed from the examples' output (the same run
 * {@link DocOutputsTest} compares with the pages' output blocks), and the claims the prose makes about
 * them: the page must contain each phrase built from the recomputed numbers, and each claim must hold.
 */
class TutorialNumbersTest {

    @Test
    void basicRegression() {
        String output = DocExamples.output("regression");
        Map<String, double[]> rows = rows(output, "^(linear_model, Adam\\(0\\.1\\)|bmi_model|linear_model|dnn_bmi_model"
                + "|dnn_model|mean)\\s+(\\d+|-)\\s+([0-9.]+)(?:   \\(.*\\))?");
        double mean = rows.get("mean")[1];
        double slow = rows.get("linear_model, Adam(0.1)")[1];
        List<String> missing = new ArrayList<>();
        String page = text("basic-regression.md");
        // claims: the tutorial's rate loses to the mean; every other model beats it; the deep runs stopped early
        assertTrue(slow > mean, "the tutorial's Adam(0.1) should lose to predicting the mean: " + slow + " vs " + mean);
        for (String model : List.of("bmi_model", "linear_model", "dnn_bmi_model", "dnn_model")) {
            assertTrue(rows.get(model)[1] < mean, model + " should beat the mean: " + rows.get(model)[1]);
        }
        assertTrue(rows.get("dnn_model")[0] < 100 && rows.get("dnn_bmi_model")[0] < 100, "EarlyStopping ended the deep runs");
        expect(page, missing, format("(%.0f against %.0f)", slow, mean));
        expect(page, missing, format("reach test errors of %.1f and %.1f", rows.get("bmi_model")[1],
                rows.get("linear_model")[1]));
        expect(page, missing, format("all ten features to %.1f linearly", rows.get("linear_model")[1]));
        expect(page, missing, format("ends at %.1f", rows.get("dnn_model")[1]));
        Matcher bias = Pattern.compile("Adam\\(0\\.1\\) ended at ([0-9.]+) after").matcher(output);
        assertTrue(bias.find(), output);
        expect(page, missing, format("carry it to %.0f", Double.parseDouble(bias.group(1))));
        assertTrue(output.contains("Non-trainable params: 21"), "the normalizer's 21 weights are non-trainable");
        assertTrue(missing.isEmpty(), "docs/basic-regression.md does not quote the run:\n" + String.join("\n", missing));
    }

    @Test
    void overfitAndUnderfit() {
        String output = DocExamples.output("overfit");
        // model, layers, params, epochs, best, train CE, val CE, val-train, val acc
        Map<String, double[]> runs = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^(tiny|small|medium|large|l2|dropout|combined)\\s+[0-9-]+(?: L2)?(?: drop)?"
                + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)$").matcher(output);
        while (row.find()) {
            double[] values = new double[7];
            for (int k = 0; k < 7; k++) {
                values[k] = Double.parseDouble(row.group(k + 2));
            }
            runs.put(row.group(1), values);
        }
        assertEquals(7, runs.size(), output);
        final int epochs = 1;
        final int best = 2;
        final int train = 3;
        final int validation = 4;
        final int gap = 5;
        // claims: tiny underfits (best at its last epoch), large overfits at once, the gap grows with size,
        // every regulariser lowers large's validation cross-entropy, none beats small and medium
        assertEquals(runs.get("tiny")[epochs], runs.get("tiny")[best], "tiny's best epoch is its last");
        assertTrue(runs.get("large")[best] <= 5, "large is at its best within 5 epochs");
        List<String> sizes = List.of("tiny", "small", "medium", "large");
        for (int k = 1; k < sizes.size(); k++) {
            assertTrue(runs.get(sizes.get(k))[gap] > runs.get(sizes.get(k - 1))[gap], "the gap grows with " + sizes.get(k));
        }
        for (String variant : List.of("l2", "dropout", "combined")) {
            assertTrue(runs.get(variant)[validation] < runs.get("large")[validation], variant + " helps large");
            assertTrue(runs.get(variant)[gap] < runs.get("large")[gap], variant + " narrows large's gap");
            assertTrue(runs.get(variant)[validation] > runs.get("medium")[validation], variant + " does not beat medium");
        }
        List<String> missing = new ArrayList<>();
        String page = text("overfit-and-underfit.md");
        expect(page, missing, format("Large was at its best after %.0f epochs", runs.get("large")[best]));
        expect(page, missing, format("0.%03.0f for tiny, 0.%03.0f for small, 0.%03.0f for medium, 0.%03.0f for large",
                runs.get("tiny")[gap] * 1000, runs.get("small")[gap] * 1000, runs.get("medium")[gap] * 1000,
                runs.get("large")[gap] * 1000));
        expect(page, missing, format("training cross-entropy, %.4f,", runs.get("large")[train]));
        double low = Math.min(runs.get("l2")[validation], Math.min(runs.get("dropout")[validation], runs.get("combined")[validation]));
        double high = Math.max(runs.get("l2")[validation], Math.max(runs.get("dropout")[validation], runs.get("combined")[validation]));
        expect(page, missing, format("from %.3f down to between %.3f and %.3f", runs.get("large")[validation], low, high));
        expect(page, missing, format("beats small's %.3f or medium's %.3f", runs.get("small")[validation],
                runs.get("medium")[validation]));
        assertTrue(missing.isEmpty(), "docs/overfit-and-underfit.md does not quote the run:\n" + String.join("\n", missing));
    }

    @Test
    void fineTuning() {
        String output = DocExamples.output("fine-tune");
        assertTrue(output.contains("largest change of a frozen weight: 0.0;"), "frozen weights moved:\n" + output);
        assertTrue(output.contains("Trainable params: 325\nNon-trainable params: 8,320"), output);
        double head = number(output, "of a head weight: ([0-9.]+)");
        double transfer = number(output, "3\\. Trained the new head on 5 to 9 for \\d+ epochs: test accuracy ([0-9.]+)");
        double tuned = number(output, "for \\d+ epochs: test accuracy ([0-9.]+)\\n\\n5\\.");
        double scratch = number(output, "same \\d+ pictures: test accuracy ([0-9.]+)");
        assertTrue(head > 0, "the new head learnt");
        assertTrue(transfer < tuned && transfer < scratch, "the frozen body with a new head is behind: " + output);
        List<String> missing = new ArrayList<>();
        String page = text("fine-tuning.md");
        expect(page, missing, format("reach %.0f%% on the new digits", 100 * transfer));
        expect(page, missing, format("fine-tuning brings %.0f%%", 100 * tuned));
        expect(page, missing, format("reaches %.0f%% too", 100 * scratch));
        expect(page, missing, format("up to %.2f", head));
        assertTrue(missing.isEmpty(), "docs/fine-tuning.md does not quote the run:\n" + String.join("\n", missing));
    }

    /** {@code name -> [epochs (NaN for "-"), value]} for each line matching {@code pattern}'s three groups. */
    private static Map<String, double[]> rows(String output, String pattern) {
        Map<String, double[]> rows = new HashMap<>();
        Matcher matcher = Pattern.compile("(?m)" + pattern + "$").matcher(output);
        while (matcher.find()) {
            rows.put(matcher.group(1), new double[] {matcher.group(2).equals("-") ? Double.NaN
                    : Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(3))});
        }
        assertEquals(6, rows.size(), output);
        return rows;
    }

    private static double number(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        assertTrue(matcher.find(), "no " + pattern + " in\n" + output);
        return Double.parseDouble(matcher.group(1));
    }

    private static void expect(String page, List<String> missing, String phrase) {
        if (!normalise(page).contains(normalise(phrase))) {
            missing.add("  expected: " + phrase);
        }
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private static String text(String page) {
        return String.join("\n", DocPage.read(DocPage.docsDir().resolve(page)).lines());
    }
}
