package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs {@link SoftmaxLayerDerivative} once and checks what it prints and returns. */
class SoftmaxLayerDerivativeTest {

    /** dS/dZ exactly as the articles' numpy printed it (seed-notes section 2). */
    private static final String DS_DZ = String.join("\n",
            "[[ 0.15446555 -0.0388569  -0.04142505 -0.04416293 -0.03002066]",
            " [-0.0388569   0.1621064  -0.04416293 -0.04708177 -0.0320048 ]",
            " [-0.04142505 -0.04416293  0.16990156 -0.05019351 -0.03412007]",
            " [-0.04416293 -0.04708177 -0.05019351  0.17781336 -0.03637515]",
            " [-0.03002066 -0.0320048  -0.03412007 -0.03637515  0.13252067]]");

    /** dS/dW rounded to 5 decimals, as in seed-notes section 2. */
    private static final String DS_DW = String.join("\n",
            "[[ 0.01545  0.07723  0.06179 -0.00389 -0.01943 -0.01554 -0.00414 -0.02071 -0.01657 -0.00442 -0.02208 -0.01767 -0.003   -0.01501 -0.01201]",
            " [-0.00389 -0.01943 -0.01554  0.01621  0.08105  0.06484 -0.00442 -0.02208 -0.01767 -0.00471 -0.02354 -0.01883 -0.0032  -0.016   -0.0128 ]",
            " [-0.00414 -0.02071 -0.01657 -0.00442 -0.02208 -0.01767  0.01699  0.08495  0.06796 -0.00502 -0.0251  -0.02008 -0.00341 -0.01706 -0.01365]",
            " [-0.00442 -0.02208 -0.01767 -0.00471 -0.02354 -0.01883 -0.00502 -0.0251  -0.02008  0.01778  0.08891  0.07113 -0.00364 -0.01819 -0.01455]",
            " [-0.003   -0.01501 -0.01201 -0.0032  -0.016   -0.0128  -0.00341 -0.01706 -0.01365 -0.00364 -0.01819 -0.01455  0.01325  0.06626  0.05301]]");

    private static SoftmaxLayerDerivative.Result result;
    private static String output;

    @BeforeAll
    static void run() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result = SoftmaxLayerDerivative.run(out);
        }
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheArticlesKeyNumbersRounded() {
        for (String number : new String[] {"0.19091352", "0.15446555", "0.08105", "0.05301", "-0.0388569 "}) {
            assertTrue(output.contains(number), "output shows " + number);
        }
        assertTrue(output.contains("[0.19091352 0.20353145 0.21698333 0.23132428 0.15724743]"), "s as numpy prints it");
        assertTrue(output.contains(DS_DZ), "ds/dz as the articles print it");
        assertEquals(2, output.split(java.util.regex.Pattern.quote(DS_DW), -1).length - 1,
                "ds/dW printed twice (chain rule and shortcut), as the articles print it");
        assertTrue(output.contains("[[0.1 0.5 0.4 0.  0.  0.  0.  0.  0.  0.  0.  0.  0.  0.  0. ]\n"
                + " [0.  0.  0.  0.1 0.5 0.4 0.  0.  0.  0.  0.  0.  0.  0.  0. ]"), "dz/dW's first rows, one per score");
        assertTrue(output.matches("(?s).*max \\|chain rule - shortcut\\| = \\d\\.\\d{3}e-\\d\\d.*"), "difference line");
    }

    @Test
    void returnsTheShapesAndNumbersItPrinted() {
        assertArrayEquals(new long[] {5}, result.s().shape());
        assertArrayEquals(new long[] {5, 5}, result.dsdz().shape());
        assertArrayEquals(new long[] {5, 15}, result.dzdW().shape());
        assertArrayEquals(new long[] {5, 15}, result.dsdWChainRule().shape());
        assertEquals(0.19091352, result.s().getDouble(0), 1e-8);
        assertEquals(0.15446555, result.dsdz().getDouble(0, 0), 1e-8);
        assertEquals(0.08105, result.dsdWChainRule().getDouble(1, 4), 5e-6);
        assertEquals(0.05301, result.dsdWShortcut().getDouble(4, 14), 5e-6);
        assertTrue(result.maxShortcutDifference() <= 1e-15, "shortcut = chain rule: " + result.maxShortcutDifference());
    }

    @Test
    void theJacobianGivesTheFrameworksCrossEntropyGradient() {
        // x^T (s - y) computed here from the returned s
        double[] x = SoftmaxLayerDerivative.X;
        double[] y = SoftmaxLayerDerivative.Y;
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 5; i++) {
                double expected = x[j] * (result.s().getDouble(i) - y[i]);
                assertEquals(expected, result.gradientClosedForm().getDouble(j, i), 1e-15);
                assertEquals(expected, result.gradientFromJacobian().getDouble(j, i), 1e-15, "from dL/ds . ds/dW");
                assertEquals(expected, result.gradientFused().getDouble(j, i), 1e-15, "backprop4j FUSED");
                assertEquals(expected, result.gradientExplicit().getDouble(j, i), 1e-15, "backprop4j EXPLICIT_JACOBIAN");
            }
        }
        assertTrue(output.contains("x^T (s - y) ="), "prints the closed form");
        assertTrue(output.contains("model.gradients(x, y)"), "prints the framework's gradient");
        // the class-2 column of the kernel gradient: (s_2 - 1) x = -0.07830167, -0.39150833, -0.31320667
        assertTrue(output.contains("-0.39150833"), "the framework's gradient printed");
    }
}
