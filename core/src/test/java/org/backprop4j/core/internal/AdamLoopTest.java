package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamLoopTest {

    private static INDArray random(Random random, int length, double scale) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) ((random.nextDouble() - 0.5) * scale);
        }
        return Nd4j.createFromArray(values);
    }

    @Test
    void oneStepMatchesTheFormulaInDoubleToFloatRounding() {
        Random random = new Random(3);
        for (int length : new int[] {1, 7, 16, 37, 1000}) { // tails only, and SIMD bodies with tails
            INDArray w = random(random, length, 2);
            INDArray g = random(random, length, 1e-2);
            INDArray m = random(random, length, 1e-3);
            INDArray v = random(random, length, 1e-4).addi(1e-4); // in (5e-5, 1.5e-4): positive
            double[] w0 = w.toDoubleVector();
            double[] g0 = g.toDoubleVector();
            double[] m0 = m.toDoubleVector();
            double[] v0 = v.toDoubleVector();
            double alpha = 1e-3 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.9 * 0.9);
            AdamLoop.step(w, g, m, v, alpha, 0.1, 0.001, 1e-7);
            for (int i = 0; i < length; i++) {
                double mi = m0[i] + (g0[i] - m0[i]) * 0.1;
                double vi = v0[i] + (g0[i] * g0[i] - v0[i]) * 0.001;
                double wi = w0[i] - mi * alpha / (Math.sqrt(vi) + 1e-7);
                assertEquals(mi, m.getDouble(i), 2e-7 * (Math.abs(m0[i]) + Math.abs(g0[i])), "m at " + i); // float rounding of the terms
                assertEquals(vi, v.getDouble(i), 2e-7 * (Math.abs(v0[i]) + g0[i] * g0[i]), "v at " + i);
                assertEquals(wi, w.getDouble(i), 2e-7 * Math.abs(w0[i]) + 1e-5 * Math.abs(wi - w0[i]), "w at " + i);
            }
        }
    }

    @Test
    void simdAndPlainLoopGiveTheSameBits() {
        Random random = new Random(5);
        int length = 1003;
        INDArray w = random(random, length, 2);
        INDArray g = random(random, length, 1e-2);
        INDArray m = random(random, length, 1e-3);
        INDArray v = random(random, length, 1e-4).addi(1e-4);
        INDArray w2 = w.dup();
        INDArray m2 = m.dup();
        INDArray v2 = v.dup();
        AdamLoop.step(w, g, m, v, 3e-4, 0.1, 0.001, 1e-7);
        AdamLoop.scalar(w2.data().asNio().order(ByteOrder.nativeOrder()), g.data().asNio().order(ByteOrder.nativeOrder()),
                m2.data().asNio().order(ByteOrder.nativeOrder()), v2.data().asNio().order(ByteOrder.nativeOrder()),
                3e-4f, 0.1f, 0.001f, 1e-7f, 0, length);
        assertArrayEquals(w2.toFloatVector(), w.toFloatVector());
        assertArrayEquals(m2.toFloatVector(), m.toFloatVector());
        assertArrayEquals(v2.toFloatVector(), v.toFloatVector());
    }

    @Test
    void refusesDoubleViewsAndMismatchedLengths() {
        INDArray d = Nd4j.zeros(DataType.DOUBLE, 4);
        assertFalse(AdamLoop.accepts(d, d.dup(), d.dup(), d.dup()));
        INDArray f = Nd4j.zeros(DataType.FLOAT, 4, 4);
        assertFalse(AdamLoop.accepts(f.getRow(1), f.getRow(2), f.getRow(3), f.getRow(0)), "views");
        INDArray one = Nd4j.zeros(DataType.FLOAT, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdamLoop.step(one, one.dup(), one.dup(), Nd4j.zeros(DataType.FLOAT, 5), 1e-3, 0.1, 1e-3, 1e-7));
        assertFalse(e.getMessage().isEmpty());
    }
}
