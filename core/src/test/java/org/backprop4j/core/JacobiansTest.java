package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import org.backprop4j.core.activations.Softmax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Jacobians} against the numbers of the source articles (seed-notes section 2) and against
 * central differences of plain-Java reference functions on random inputs.
 */
class JacobiansTest {

    // ---- the articles' fixed example: 3 inputs, 5 classes ----------------------------------------

    private static final double[] X = {0.1, 0.5, 0.4};
    private static final double[][] W = {
        {0.1, 0.2, 0.3, 0.4, 0.5},
        {0.6, 0.7, 0.8, 0.9, 0.1},
        {0.11, 0.12, 0.13, 0.14, 0.15},
    };
    private static final double[] H = {0.19091352, 0.20353145, 0.21698333, 0.23132428, 0.15724743};
    private static final double[][] DS_DZ = {
        {0.15446555, -0.0388569, -0.04142505, -0.04416293, -0.03002066},
        {-0.0388569, 0.1621064, -0.04416293, -0.04708177, -0.0320048},
        {-0.04142505, -0.04416293, 0.16990156, -0.05019351, -0.03412007},
        {-0.04416293, -0.04708177, -0.05019351, 0.17781336, -0.03637515},
        {-0.03002066, -0.0320048, -0.03412007, -0.03637515, 0.13252067},
    };
    /** dS/dW as the articles print it, rounded to 5 decimals. */
    private static final double[][] DS_DW_5 = {
        {0.01545, 0.07723, 0.06179, -0.00389, -0.01943, -0.01554, -0.00414, -0.02071, -0.01657, -0.00442, -0.02208, -0.01767, -0.003, -0.01501, -0.01201},
        {-0.00389, -0.01943, -0.01554, 0.01621, 0.08105, 0.06484, -0.00442, -0.02208, -0.01767, -0.00471, -0.02354, -0.01883, -0.0032, -0.016, -0.0128},
        {-0.00414, -0.02071, -0.01657, -0.00442, -0.02208, -0.01767, 0.01699, 0.08495, 0.06796, -0.00502, -0.0251, -0.02008, -0.00341, -0.01706, -0.01365},
        {-0.00442, -0.02208, -0.01767, -0.00471, -0.02354, -0.01883, -0.00502, -0.0251, -0.02008, 0.01778, 0.08891, 0.07113, -0.00364, -0.01819, -0.01455},
        {-0.003, -0.01501, -0.01201, -0.0032, -0.016, -0.0128, -0.00341, -0.01706, -0.01365, -0.00364, -0.01819, -0.01455, 0.01325, 0.06626, 0.05301},
    };

    private static INDArray seedX() {
        return Nd4j.create(X);
    }

    private static INDArray seedKernel() {
        return Nd4j.create(W);
    }

    /** The articles' h, computed here by plain Java from x and W: s = softmax(W^T x). */
    private static double[] referenceH() {
        return softmaxReference(z(W, X));
    }

    /** h through the library: z = x . W (a 1-row batch), then the softmax activation. */
    private static double[] libraryH() {
        INDArray z = seedX().reshape(1, 3).mmul(seedKernel());
        new Softmax().forward(z, z);
        return z.toDoubleVector();
    }

    @Test
    void hOfTheArticlesExampleTo8Decimals() {
        double[] h = libraryH();
        assertClose(H, h, 1e-8, "h");
        assertClose(referenceH(), h, 1e-15, "h against plain Java");
        for (int i = 0; i < 5; i++) {
            assertEquals(H[i], round(h[i], 8), 0.0, "h[" + i + "] rounded to 8 decimals");
        }
        assertEquals(1.0, java.util.Arrays.stream(h).sum(), 1e-15);
    }

    @Test
    void softmaxJacobianOfTheArticlesExampleTo8Decimals() {
        INDArray dSdZ = Jacobians.softmax(Nd4j.create(libraryH()));
        assertArrayEquals(new long[] {5, 5}, dSdZ.shape());
        assertEquals(DataType.DOUBLE, dSdZ.dataType());
        double[][] actual = dSdZ.toDoubleMatrix();
        for (int i = 0; i < 5; i++) {
            assertClose(DS_DZ[i], actual[i], 1e-8, "dS/dZ row " + i);
            for (int j = 0; j < 5; j++) {
                assertEquals(DS_DZ[i][j], round(actual[i][j], 8), 0.0, "dS/dZ[" + i + "][" + j + "] rounded");
            }
        }
        // from the articles' (rounded) h, too: the Jacobian only needs s
        double[][] fromPrinted = Jacobians.softmax(Nd4j.create(H)).toDoubleMatrix();
        for (int i = 0; i < 5; i++) {
            assertClose(DS_DZ[i], fromPrinted[i], 1e-8, "dS/dZ from the printed h, row " + i);
        }
    }

    @Test
    void denseWrtKernelOfTheArticlesExampleIsXWhereIEqualsK() {
        INDArray dZdW = Jacobians.denseWrtKernel(seedKernel(), seedX());
        assertArrayEquals(new long[] {15, 5}, dZdW.shape());
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 5; k++) {
                    double expected = i == k ? X[j] : 0.0;
                    assertEquals(expected, dZdW.getDouble(i * 3 + j, k), 1e-8, "dZ/dW[" + (i * 3 + j) + "][" + k + "]");
                }
            }
        }
        // the articles' description: rows 0..2 of column 0 are 0.1, 0.5, 0.4; rows 3..5 of column 1 likewise
        assertEquals(0.5, dZdW.getDouble(1, 0), 0.0);
        assertEquals(0.4, dZdW.getDouble(5, 1), 0.0);
        assertEquals(0.0, dZdW.getDouble(3, 0), 0.0);
    }

    @Test
    void softmaxLayerOfTheArticlesExampleMatchesExactValuesAndThePrintedTable() {
        double[][] chainRule = Jacobians.softmaxLayer(seedKernel(), seedX()).toDoubleMatrix();
        double[] h = referenceH();
        assertEquals(5, chainRule.length);
        for (int t = 0; t < 5; t++) {
            assertEquals(15, chainRule[t].length);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    double exact = h[t] * ((t == i ? 1 : 0) - h[i]) * X[j];
                    double actual = chainRule[t][i * 3 + j];
                    assertEquals(exact, actual, 1e-8, "dS/dW[" + t + "][" + (i * 3 + j) + "]");
                    assertEquals(DS_DW_5[t][i * 3 + j], round(actual, 5), 0.0, "dS/dW[" + t + "][" + (i * 3 + j) + "] to 5 decimals");
                }
            }
        }
        assertEquals(0.08105, round(chainRule[1][4], 5), 0.0); // the articles' "0.0810" typo
        assertEquals(0.05301, round(chainRule[4][14], 5), 0.0);
    }

    @Test
    void shortcutEqualsChainRuleOnTheArticlesExample() {
        INDArray kernel = seedKernel();
        INDArray chainRule = Jacobians.softmaxLayer(kernel, seedX());
        INDArray shortcut = Jacobians.softmaxLayerShortcut(kernel, Nd4j.create(referenceH()), seedX());
        assertArrayEquals(chainRule.shape(), shortcut.shape());
        assertTrue(maxAbs(chainRule, shortcut) <= 1e-15, "max |chain rule - shortcut| = " + maxAbs(chainRule, shortcut));
    }

    // ---- central differences on random inputs ----------------------------------------------------

    private static final double EPSILON = 1e-6;
    private static final double TOLERANCE = 1e-8;

    @ParameterizedTest(name = "{0} classes")
    @CsvSource({"1", "2", "5", "17", "50"})
    void softmaxMatchesCentralDifferences(int classes) {
        Random random = new Random(1000 + classes);
        double[] z = gaussian(random, classes, 2.0);
        double[][] jacobian = Jacobians.softmax(Nd4j.create(softmaxReference(z))).toDoubleMatrix();
        for (int k = 0; k < classes; k++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[k] += EPSILON;
            minus[k] -= EPSILON;
            double[] sPlus = softmaxReference(plus);
            double[] sMinus = softmaxReference(minus);
            for (int i = 0; i < classes; i++) {
                double numeric = (sPlus[i] - sMinus[i]) / (2 * EPSILON);
                assertEquals(numeric, jacobian[i][k], TOLERANCE, "dS_" + i + "/dz_" + k + " with " + classes + " classes");
            }
        }
    }

    @ParameterizedTest(name = "{0} inputs, {1} classes")
    @CsvSource({"1, 1", "3, 1", "1, 4", "3, 5", "7, 2", "4, 50"})
    void denseWrtKernelMatchesCentralDifferences(int inputDim, int units) {
        Random random = new Random(31L * inputDim + units);
        double[][] kernel = uniformMatrix(random, inputDim, units);
        double[] x = uniform(random, inputDim);
        double[][] dZdW = Jacobians.denseWrtKernel(Nd4j.create(kernel), Nd4j.create(x)).toDoubleMatrix();
        assertEquals(inputDim * units, dZdW.length);
        for (int i = 0; i < units; i++) {
            for (int j = 0; j < inputDim; j++) {
                double original = kernel[j][i];
                kernel[j][i] = original + EPSILON;
                double[] zPlus = z(kernel, x);
                kernel[j][i] = original - EPSILON;
                double[] zMinus = z(kernel, x);
                kernel[j][i] = original;
                for (int k = 0; k < units; k++) {
                    double numeric = (zPlus[k] - zMinus[k]) / (2 * EPSILON);
                    assertEquals(numeric, dZdW[i * inputDim + j][k], TOLERANCE, "dz_" + k + "/dW[" + j + "][" + i + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} inputs, {1} classes")
    @CsvSource({"1, 1", "3, 1", "1, 4", "3, 5", "7, 2", "4, 50"})
    void softmaxLayerAndShortcutMatchCentralDifferences(int inputDim, int units) {
        Random random = new Random(17L * inputDim + units);
        double[][] kernel = uniformMatrix(random, inputDim, units);
        double[] x = uniform(random, inputDim);
        INDArray kernelArray = Nd4j.create(kernel);
        double[] s = softmaxReference(z(kernel, x));
        double[][] chainRule = Jacobians.softmaxLayer(kernelArray, Nd4j.create(x)).toDoubleMatrix();
        double[][] shortcut = Jacobians.softmaxLayerShortcut(kernelArray, Nd4j.create(s), Nd4j.create(x)).toDoubleMatrix();
        assertEquals(units, chainRule.length);
        for (int i = 0; i < units; i++) {
            for (int j = 0; j < inputDim; j++) {
                double original = kernel[j][i];
                kernel[j][i] = original + EPSILON;
                double[] sPlus = softmaxReference(z(kernel, x));
                kernel[j][i] = original - EPSILON;
                double[] sMinus = softmaxReference(z(kernel, x));
                kernel[j][i] = original;
                for (int t = 0; t < units; t++) {
                    double numeric = (sPlus[t] - sMinus[t]) / (2 * EPSILON);
                    assertEquals(numeric, chainRule[t][i * inputDim + j], TOLERANCE, "chain rule ds_" + t + "/dW[" + j + "][" + i + "]");
                    assertEquals(numeric, shortcut[t][i * inputDim + j], TOLERANCE, "shortcut ds_" + t + "/dW[" + j + "][" + i + "]");
                    assertEquals(chainRule[t][i * inputDim + j], shortcut[t][i * inputDim + j], 1e-15, "chain rule vs shortcut");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} inputs, {1} outputs")
    @CsvSource({"1, 1", "3, 5", "6, 2"})
    void denseWrtInputAndBiasMatchCentralDifferences(int inputDim, int units) {
        Random random = new Random(7L * inputDim + units);
        double[][] kernel = uniformMatrix(random, inputDim, units);
        double[] x = uniform(random, inputDim);
        double[][] dZdx = Jacobians.denseWrtInput(Nd4j.create(kernel)).toDoubleMatrix();
        double[][] dZdb = Jacobians.denseWrtBias(Nd4j.create(kernel)).toDoubleMatrix();
        assertEquals(units, dZdx.length);
        assertEquals(inputDim, dZdx[0].length);
        for (int j = 0; j < inputDim; j++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] += EPSILON;
            minus[j] -= EPSILON;
            double[] zPlus = z(kernel, plus);
            double[] zMinus = z(kernel, minus);
            for (int k = 0; k < units; k++) {
                assertEquals((zPlus[k] - zMinus[k]) / (2 * EPSILON), dZdx[k][j], TOLERANCE, "dz_" + k + "/dx_" + j);
            }
        }
        // z = W^T x + b: dz_k/db_i = 1 when k == i
        for (int k = 0; k < units; k++) {
            for (int i = 0; i < units; i++) {
                assertEquals(k == i ? 1.0 : 0.0, dZdb[k][i], 0.0);
            }
        }
    }

    // ---- conventions and input handling ---------------------------------------------------------

    @Test
    void oneRowMatrixAndVectorGiveTheSameResults() {
        INDArray kernel = seedKernel();
        INDArray xRow = seedX().reshape(1, 3);
        INDArray s = Nd4j.create(H);
        assertEquals(0.0, maxAbs(Jacobians.softmax(s), Jacobians.softmax(s.reshape(1, 5))));
        assertEquals(0.0, maxAbs(Jacobians.denseWrtKernel(kernel, seedX()), Jacobians.denseWrtKernel(kernel, xRow)));
        assertEquals(0.0, maxAbs(Jacobians.softmaxLayer(kernel, seedX()), Jacobians.softmaxLayer(kernel, xRow)));
        assertEquals(0.0, maxAbs(Jacobians.softmaxLayerShortcut(kernel, s, seedX()),
                Jacobians.softmaxLayerShortcut(kernel, s.reshape(1, 5), xRow)));
    }

    @Test
    void unflattenKernelFollowsTheIndexConvention() {
        int inputDim = 3;
        int units = 4;
        double[] flat = new double[inputDim * units];
        for (int r = 0; r < flat.length; r++) {
            flat[r] = r + 1;
        }
        INDArray kernel = Jacobians.unflattenKernel(Nd4j.create(flat), inputDim, units);
        assertArrayEquals(new long[] {inputDim, units}, kernel.shape());
        for (int i = 0; i < units; i++) {
            for (int j = 0; j < inputDim; j++) {
                assertEquals(flat[i * inputDim + j], kernel.getDouble(j, i), 0.0, "kernel[" + j + "][" + i + "]");
            }
        }
    }

    @Test
    void vectorJacobianProductIsJTransposeTimesG() {
        INDArray jacobian = Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}}); // (m=2, n=3)
        INDArray g = Nd4j.create(new double[] {10, -1});
        INDArray product = Jacobians.vectorJacobianProduct(g, jacobian);
        assertArrayEquals(new double[] {10 - 4, 20 - 5, 30 - 6}, product.toDoubleVector(), 0.0);
    }

    @Test
    void resultsTakeTheKernelsDataType() {
        INDArray kernel = seedKernel().castTo(DataType.FLOAT);
        assertEquals(DataType.FLOAT, Jacobians.denseWrtKernel(kernel, seedX()).dataType());
        assertEquals(DataType.FLOAT, Jacobians.softmaxLayer(kernel, seedX()).dataType());
        assertEquals(DataType.FLOAT, Jacobians.softmaxLayerShortcut(kernel, Nd4j.create(H), seedX()).dataType());
        assertEquals(DataType.FLOAT, Jacobians.softmax(Nd4j.create(H).castTo(DataType.FLOAT)).dataType());
        double[][] asFloat = Jacobians.softmaxLayer(kernel, seedX()).toDoubleMatrix();
        assertEquals(DS_DW_5[1][4], asFloat[1][4], 5e-6 + 1e-7); // table rounded to 5 decimals, FLOAT round-off
    }

    @Test
    void badShapesAreRejectedWithTheShapes() {
        INDArray kernel = seedKernel();
        IllegalArgumentException wrongLength = assertThrows(IllegalArgumentException.class,
                () -> Jacobians.denseWrtKernel(kernel, Nd4j.create(new double[] {1, 2})));
        assertTrue(wrongLength.getMessage().contains("length 3") && wrongLength.getMessage().contains("[2]"),
                wrongLength.getMessage());
        IllegalArgumentException matrix = assertThrows(IllegalArgumentException.class,
                () -> Jacobians.softmax(Nd4j.ones(2, 3)));
        assertTrue(matrix.getMessage().contains("[2, 3]"), matrix.getMessage());
        IllegalArgumentException vectorKernel = assertThrows(IllegalArgumentException.class,
                () -> Jacobians.softmaxLayer(Nd4j.create(X), seedX()));
        assertTrue(vectorKernel.getMessage().contains("kernel"), vectorKernel.getMessage());
        IllegalArgumentException wrongS = assertThrows(IllegalArgumentException.class,
                () -> Jacobians.softmaxLayerShortcut(kernel, Nd4j.create(new double[] {0.5, 0.5}), seedX()));
        assertTrue(wrongS.getMessage().contains("s must have length 5"), wrongS.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Jacobians.softmax(null));
        assertThrows(IllegalArgumentException.class, () -> Jacobians.unflattenKernel(Nd4j.create(X), 2, 2));
    }

    // ---- plain-Java references ------------------------------------------------------------------

    /** z_k = sum_j x_j W[j][k]. */
    private static double[] z(double[][] kernel, double[] x) {
        double[] z = new double[kernel[0].length];
        for (int k = 0; k < z.length; k++) {
            for (int j = 0; j < x.length; j++) {
                z[k] += x[j] * kernel[j][k];
            }
        }
        return z;
    }

    private static double[] softmaxReference(double[] z) {
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double[] s = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            s[i] = Math.exp(z[i] - max);
            sum += s[i];
        }
        for (int i = 0; i < z.length; i++) {
            s[i] /= sum;
        }
        return s;
    }

    private static double[] gaussian(Random random, int n, double scale) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian() * scale;
        }
        return values;
    }

    private static double[] uniform(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return values;
    }

    private static double[][] uniformMatrix(Random random, int rows, int columns) {
        double[][] values = new double[rows][];
        for (int r = 0; r < rows; r++) {
            values[r] = uniform(random, columns);
        }
        return values;
    }

    private static double round(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static double maxAbs(INDArray a, INDArray b) {
        double[] x = a.dup('c').data().asDouble();
        double[] y = b.dup('c').data().asDouble();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }
}
