package org.backprop4j.core.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.backprop4j.core.TestArrays;
import org.backprop4j.core.internal.Arrays2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Softmax: the forward pass (normalised, stable), its Jacobian and the fused backward pass. */
class SoftmaxTest {

    private final Softmax softmax = new Softmax();

    @Test
    void rowsAreExpOverSumAndSumToOne() {
        INDArray z = TestArrays.uniform(new Random(1), 6, 5, -3, 3);
        double[] logits = Arrays2D.rowMajor(z);
        INDArray s = z.dup();
        softmax.forward(s, s);
        double[] probabilities = Arrays2D.rowMajor(s);
        for (int row = 0; row < 6; row++) {
            double sum = 0;
            double expSum = 0;
            for (int k = 0; k < 5; k++) {
                expSum += Math.exp(logits[row * 5 + k]);
            }
            for (int k = 0; k < 5; k++) {
                double p = probabilities[row * 5 + k];
                assertEquals(Math.exp(logits[row * 5 + k]) / expSum, p, 1e-15);
                assertTrue(p > 0 && p < 1);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-15, "row " + row);
        }
    }

    @Test
    void hugeLogitsStayFiniteAndExact() {
        INDArray z = Nd4j.create(new double[][] {{1000, 0, -1000}, {-1000, 1000, 0}});
        softmax.forward(z, z);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, Arrays2D.rowMajor(z), 1e-300);

        INDArray tie = Nd4j.create(new double[][] {{1000, 1000}, {-1000, -1000}});
        softmax.forward(tie, tie);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, Arrays2D.rowMajor(tie), 0);
    }

    @Test
    void jacobianIsDiagSMinusSSTransposed() {
        INDArray s = Nd4j.create(new double[] {0.1, 0.2, 0.3, 0.4});
        INDArray jacobian = softmax.jacobian(org.nd4j.linalg.ops.transforms.Transforms.log(s, true), s); // z = log s
        assertArrayEquals(new long[] {4, 4}, jacobian.shape());
        double[] values = {0.1, 0.2, 0.3, 0.4};
        for (int i = 0; i < 4; i++) {
            double rowSum = 0;
            for (int k = 0; k < 4; k++) {
                double expected = (i == k ? values[i] : 0) - values[i] * values[k];
                assertEquals(expected, jacobian.getDouble(i, k), 1e-16);
                assertEquals(jacobian.getDouble(k, i), jacobian.getDouble(i, k), 0, "symmetric");
                rowSum += jacobian.getDouble(i, k);
            }
            assertEquals(0, rowSum, 1e-16);
        }
    }

    /** The 5 x 5 dS/dZ of the softmax-layer worked example (seed notes section 2), exact to 8 decimals. */
    @Test
    void jacobianMatchesTheWorkedExample() {
        INDArray x = Nd4j.create(new double[][] {{0.1, 0.5, 0.4}});
        INDArray w = Nd4j.create(new double[][] {
            {0.1, 0.2, 0.3, 0.4, 0.5}, {0.6, 0.7, 0.8, 0.9, 0.1}, {0.11, 0.12, 0.13, 0.14, 0.15}});
        INDArray z = x.mmul(w);
        INDArray h = z.dup();
        softmax.forward(z, h);
        assertArrayEquals(new double[] {0.19091352, 0.20353145, 0.21698333, 0.23132428, 0.15724743},
                Arrays2D.rowMajor(h), 5e-9);
        double[][] expected = {
            {0.15446555, -0.0388569, -0.04142505, -0.04416293, -0.03002066},
            {-0.0388569, 0.1621064, -0.04416293, -0.04708177, -0.0320048},
            {-0.04142505, -0.04416293, 0.16990156, -0.05019351, -0.03412007},
            {-0.04416293, -0.04708177, -0.05019351, 0.17781336, -0.03637515},
            {-0.03002066, -0.0320048, -0.03412007, -0.03637515, 0.13252067}};
        INDArray jacobian = softmax.jacobian(z.reshape(5), h.reshape(5));
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 5; k++) {
                assertEquals(expected[i][k], jacobian.getDouble(i, k), 5e-9, "J[" + i + "][" + k + "]");
            }
        }
    }

    @Test
    void fusedBackwardEqualsJacobianTransposeTimesGradientRowByRow() {
        Random random = new Random(7);
        INDArray z = TestArrays.uniform(random, 5, 4, -2, 2);
        INDArray s = z.dup();
        softmax.forward(z, s);
        INDArray g = TestArrays.uniform(random, 5, 4, -1, 1);
        INDArray dLdz = Nd4j.zeros(s.dataType(), 5, 4);
        softmax.backward(z, s, g, dLdz);
        for (int row = 0; row < 5; row++) {
            INDArray jacobian = softmax.jacobian(z.getRow(row).dup(), s.getRow(row).dup());
            INDArray expected = jacobian.transpose().mmul(g.getRow(row).dup().reshape(4, 1)).reshape(4);
            assertArrayEquals(Arrays2D.rowMajor(expected), Arrays2D.rowMajor(dLdz.getRow(row)), 1e-15, "row " + row);
        }
    }
}
