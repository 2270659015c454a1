package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.examples.BackpropStep;
import org.backprop4j.examples.Xor;
import org.junit.jupiter.api.Test;

/**
 * Numbers quoted in the prose of the docs, recomputed: each check builds the phrase a page must
 * contain from a number computed here (from a training run, from a matrix printed on the page, or
 * from a formula), so a page whose prose drifts from what the program or the arithmetic gives fails.
 * docs/README.md lists the numbers that are not checked.
 */
class DocNumbersTest {

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void theXorLossHistoryInTheProse() {
        List<Double> loss = Xor.run(Xor.SEED, Xor.LEARNING_RATE, Xor.EPOCHS, 0, NOWHERE).history().get("loss");
        String page = text("xor.md");
        List<String> missing = new ArrayList<>();
        expect(page, missing, format("starts at %.4f", loss.get(0)));
        expect(page, missing, format("(%.4f at epoch 20)", loss.get(19)));
        expect(page, missing, format("(%.4f at epoch 100)", loss.get(99)));
        expect(page, missing, format("(%.4f at epoch 500)", loss.get(499)));
        expect(page, missing, format("from about %.4f to %.4f", loss.get(599), loss.get(999)));
        expect(page, missing, format("(%.4f at epoch 1,500, %.4f at 2,000,", loss.get(1499), loss.get(1999)));
        expect(page, missing, format("%.2g at 5,000)", loss.get(4999)));
        List<Double> stuck = Xor.run(Xor.LOCAL_MINIMUM_SEED, Xor.LEARNING_RATE, Xor.EPOCHS, 0, NOWHERE).history().get("loss");
        expect(page, missing, format("keeps falling, %.3f at epoch 2,000 and %.3f at epoch 5,000", stuck.get(1999),
                stuck.get(4999)));
        assertTrue(stuck.get(4999) < stuck.get(1999) && stuck.get(4999) > 0.125, "the plateau falls towards 0.125");
        double[][] p = BackpropStep.compute(Xor.SEED, Xor.LEARNING_RATE).p();
        double low = Double.MAX_VALUE;
        double high = 0;
        for (double[] row : p) {
            low = Math.min(low, row[0]);
            high = Math.max(high, row[0]);
        }
        expect(page, missing, format("start between %.2f and %.2f", low, high));
        assertTrue(missing.isEmpty(), "docs/xor.md no longer quotes these numbers of the run:\n" + String.join("\n", missing));
    }

    @Test
    void theFashionConfusionMatrixTotals() {
        String page = text("fashion.md");
        int[][] matrix = fullDataConfusionMatrix(page);
        int total = 0;
        int correct = 0;
        for (int row = 0; row < 10; row++) {
            int sum = 0;
            for (int column = 0; column < 10; column++) {
                sum += matrix[row][column];
            }
            assertEquals(1000, sum, "row " + row + " of the full-data confusion matrix: the page says every row sums to 1,000");
            total += sum;
            correct += matrix[row][row];
        }
        List<String> missing = new ArrayList<>();
        expect(page, missing, format("**%.4f** test accuracy", correct / (double) total));
        expect(page, missing, format("taken for T-shirt/top (%d), coat (%d), pullover (%d) and dress (%d)", matrix[6][0],
                matrix[6][4], matrix[6][2], matrix[6][3]));
        expect(page, missing, format("pullovers go to coat (%d) and\nshirt (%d)", matrix[2][4], matrix[2][6]));
        String answers = text("teachers/answers.md");
        int pulloverCoat = matrix[2][4] + matrix[4][2];
        int shirtTop = matrix[6][0] + matrix[0][6];
        assertTrue(pulloverCoat > shirtTop, "the best merge is Pullover + Coat");
        expect(answers, missing, format("the %d pullovers taken for coats and the %d coats taken\nfor pullovers",
                matrix[2][4], matrix[4][2]));
        expect(answers, missing, format("%d of 10,000 pictures, about %.1f points of accuracy (%.4f to\n%.4f)",
                pulloverCoat, pulloverCoat / 100.0, correct / 10000.0, (correct + pulloverCoat) / 10000.0));
        expect(answers, missing, format("T-shirt/top and Shirt give %d + %d = %d", matrix[6][0], matrix[0][6], shirtTop));
        expect(page, missing, format("about\n%.0f times the training time (285.7 s against 6.2 s)", 285.7 / 6.2));
        assertTrue(missing.isEmpty(), "numbers on docs/fashion.md or its answer key drifted:\n" + String.join("\n", missing));
    }

    @Test
    void theAdamAndRmspropNumbersByHand() {
        String page = text("adaptive-optimizers.md");
        List<String> missing = new ArrayList<>();
        double rootV = Math.sqrt(0.001);                          // sqrt(v_1) / |g| at step 1, beta2 = 0.999
        double alpha = 0.5 * Math.sqrt(1 - 0.999) / (1 - 0.9);
        expect(page, missing, format("\\sqrt{0.001} |g| = %.7f |g|$", rootV));
        expect(page, missing, format("$\\alpha_1 = 0.5 \\cdot %.7f / 0.1 = %.6f$", rootV, alpha));
        double shift = 1e-7 / rootV;                              // epsilon-hat / sqrt(v_1) per unit of |g|
        expect(page, missing, format("|g| + %.2f \\cdot 10^{-6}", shift * 1e6));
        double[] g = {1, 6, 7, 2};
        double[] undone = new double[4];
        for (int k = 0; k < 4; k++) {
            undone[k] = 0.5 * shift / (g[k] + shift);
            double step = alpha * 0.1 * g[k] / (rootV * g[k] + 1e-7);
            assertEquals(0.5 - step, undone[k], 1e-15, "the undone part of the step of weight " + k);
        }
        expect(page, missing, format("$%.1f \\cdot 10^{-6}$ for the first weight, whose $|g| = 1$", undone[0] * 1e6));
        expect(page, missing, format("$%.1f \\cdot 10^{-7}$, $%.1f \\cdot 10^{-7}$ and $%.1f \\cdot 10^{-7}$ for $|g| = 6, 7, 2$",
                undone[1] * 1e7, undone[2] * 1e7, undone[3] * 1e7));
        double v = 0.1 * 100;
        double x = 10 - 0.1 * 10 / Math.sqrt(v + 1e-7);
        expect(page, missing, format("the step is $0.1 \\cdot 10 / \\sqrt{10} = %.6f$, so\n$x = %.6f$", 10 - x, x));
        double velocity = 0;
        double[] moves = new double[3];
        for (int step = 0; step < 3; step++) {
            velocity = 0.9 * velocity - 0.1;
            moves[step] = -velocity;
        }
        expect(page, missing, format("the weight moves by %.1f, then %.2f, then %.3f", moves[0], moves[1], moves[2]));
        double smallest = 0.001;
        double m = 0.1 * smallest;
        double rootSmall = Math.sqrt(0.001 * smallest * smallest);
        double adamStep = 0.01 * Math.sqrt(1 - 0.999) / (1 - 0.9) * m / (rootSmall + 1e-7);
        expect(page, missing, format("moves a little less (%.5f): its $\\sqrt{v}$ of $%.1f \\cdot 10^{-5}$", adamStep,
                rootSmall * 1e5));
        assertTrue(missing.isEmpty(), "numbers on docs/adaptive-optimizers.md drifted:\n" + String.join("\n", missing));
    }

    /** The confusion matrix of the full-data run: the second one on the page, after "Confusion matrix". */
    private static int[][] fullDataConfusionMatrix(String page) {
        int at = page.indexOf("Confusion matrix on the test pictures");
        at = page.indexOf("Confusion matrix on the test pictures", at + 1);
        assertTrue(at > 0, "docs/fashion.md shows two confusion matrices");
        String[] lines = page.substring(at).split("\n");
        int[][] matrix = new int[10][10];
        for (int row = 0; row < 10; row++) {
            String line = lines[2 + row];
            String[] cells = line.substring(17).trim().split("\\s+");
            for (int column = 0; column < 10; column++) {
                matrix[row][column] = cells[column].equals(".") ? 0 : Integer.parseInt(cells[column]);
            }
        }
        return matrix;
    }

    private static void expect(String page, List<String> missing, String phrase) {
        if (!normalise(page).contains(normalise(phrase))) {
            missing.add("  expected: " + phrase.replace("\n", " "));
        }
    }

    /** Line breaks and runs of spaces count as one space, as in rendered Markdown. */
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
