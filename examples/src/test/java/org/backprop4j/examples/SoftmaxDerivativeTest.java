package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Runs {@link SoftmaxDerivative} and checks what it prints and returns. */
class SoftmaxDerivativeTest {

    @Test
    void printsSoftmaxItsSumAndTheJacobianCheckedBothWays() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SoftmaxDerivative.Result result;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result = SoftmaxDerivative.run(SoftmaxDerivative.SEED, SoftmaxDerivative.SIZE, out);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        int n = SoftmaxDerivative.SIZE;

        assertEquals(1.0, result.sum(), 1e-15, "softmax sums to 1");
        double[] s = result.s().toDoubleVector();
        double[][] jacobian = result.jacobian().toDoubleMatrix();
        for (int i = 0; i < n; i++) {
            assertTrue(s[i] > 0 && s[i] < 1, "S_" + i + " = " + s[i]);
            assertEquals(s[i] * (1 - s[i]), jacobian[i][i], 1e-15, "diagonal " + i);
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    assertEquals(-s[i] * s[j], jacobian[i][j], 1e-15, "off-diagonal " + i + "," + j);
                }
            }
        }
        assertTrue(result.maxDiagonalError() <= 1e-15 && result.maxOffDiagonalError() <= 1e-15);
        assertTrue(result.maxApiDifference() <= 1e-15, "Jacobians.softmax agrees");
        assertTrue(result.maxAsymmetry() <= 1e-15 && result.maxRowSum() <= 1e-15, "symmetric, rows sum to 0");
        assertTrue(result.maxCentralDifferenceError() < 1e-8, "central differences: " + result.maxCentralDifferenceError());
        assertTrue(result.maxShiftDifference() < 1e-12, "softmax(z + 1000) = softmax(z)");

        assertTrue(output.contains(MatrixFormat.format(result.s(), 8)), "prints s");
        assertTrue(output.contains(MatrixFormat.format(result.jacobian(), 8)), "prints J");
        assertTrue(output.contains("sum(s) = "), "prints the sum");
        assertTrue(output.contains("s_i (1 - s_i)") && output.contains("-s_i s_j"), "names both cases");
        assertTrue(output.contains("J[0][0] = " + MatrixFormat.round(jacobian[0][0], 8)), "an example of the diagonal case");
        assertTrue(output.contains("[nan nan nan nan nan]"), "shows why the maximum is subtracted");
    }

    @Test
    void worksForOneClassAndForFifty() {
        for (int size : new int[] {1, 50}) {
            SoftmaxDerivative.Result result = SoftmaxDerivative.run(3L, size,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(1.0, result.sum(), 1e-14, size + " classes");
            assertTrue(result.maxCentralDifferenceError() < 1e-8, size + " classes: " + result.maxCentralDifferenceError());
            assertTrue(result.maxRowSum() <= 1e-15, size + " classes: rows sum to 0");
        }
    }
}
