package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.backprop4j.core.internal.SimdGate;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam's float loop (plain FLOAT weights): its formula, SIMD against scalar, split against whole. */
class AdamFloatLoopTest {


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
            Adam.floatStep(w, g, m, v, (float) alpha, 0.1f, 0.001f, 1e-7f);
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
        assertTrue(new SimdGate("check").isOpen(), "optim's pom opens the gates, so that this compares the SIMD loop");
        updateMatchesTheScalarFormulaBitForBit(new Random(5));
    }

    @Test
    void whileTheGateProbesTheUpdateHasTheSameBits() {
        Boolean previous = SimdGate.force(null); // probing (Adam's probe runs until its loop is compiled)
        try {
            Random random = new Random(9);
            for (int round = 0; round < 3; round++) {
                updateMatchesTheScalarFormulaBitForBit(random);
            }
        } finally {
            SimdGate.force(previous);
        }
    }

    /** One {@link Adam#floatStep} on 1,003 random weights (vectors and a tail) gives {@link #scalarOnly}'s bits. */
    private static void updateMatchesTheScalarFormulaBitForBit(Random random) {
        INDArray w = random(random, 1003, 2);
        INDArray g = random(random, 1003, 1e-2);
        INDArray m = random(random, 1003, 1e-3);
        INDArray v = random(random, 1003, 1e-4).addi(1e-4);
        INDArray w2 = w.dup();
        INDArray m2 = m.dup();
        INDArray v2 = v.dup();
        Adam.floatStep(w, g, m, v, 3e-4f, 0.1f, 0.001f, 1e-7f);
        scalarOnly(w2, g, m2, v2, 3e-4f, 0.1f, 0.001f, 1e-7f);
        assertArrayEquals(w2.toFloatVector(), w.toFloatVector());
        assertArrayEquals(m2.toFloatVector(), m.toFloatVector());
        assertArrayEquals(v2.toFloatVector(), v.toFloatVector());
    }

    /** The update element by element, as Adam's scalar loop writes it. */
    private static void scalarOnly(INDArray w, INDArray g, INDArray m, INDArray v, float alpha, float b1, float b2,
                                   float eps) {
        for (int i = 0; i < w.length(); i++) {
            float gi = g.getFloat(i);
            float mi = m.getFloat(i) + (gi - m.getFloat(i)) * b1;
            float vi = v.getFloat(i) + (gi * gi - v.getFloat(i)) * b2;
            m.putScalar(i, mi);
            v.putScalar(i, vi);
            w.putScalar(i, w.getFloat(i) - (mi * alpha) / ((float) Math.sqrt(vi) + eps));
        }
    }

    @Test
    void doubleViewsAndAmsgradTakeTheGeneralLoopWithTheSameResult() {
        Random random = new Random(9);
        INDArray w = random(random, 40, 2);
        INDArray g = random(random, 40, 1e-2);
        Adam fast = new Adam(1e-3);
        Adam general = new Adam(1e-3);
        INDArray wFast = w.dup();
        INDArray wDouble = w.castTo(DataType.DOUBLE);
        fast.bind(this, java.util.List.of(new org.backprop4j.core.Parameter("w", wFast, g.dup())));
        general.bind(this, java.util.List.of(new org.backprop4j.core.Parameter("w", wDouble, g.castTo(DataType.DOUBLE))));
        fast.apply();
        general.apply();
        for (int i = 0; i < 40; i++) {
            assertEquals(wDouble.getDouble(i), wFast.getDouble(i), 1e-6 * Math.abs(wDouble.getDouble(i)) + 1e-9, "w at " + i);
        }
    }

    @Test
    void splitAndWholeGiveTheSameBits() {
        int length = 100_003; // odd: the halves end in scalar tails
        Random random = new Random(3);
        INDArray[] start = {random(random, length, 2), random(random, length, 1), random(random, length, 1),
            random(random, length, 1)};
        start[3] = org.nd4j.linalg.ops.transforms.Transforms.abs(start[3]); // v >= 0
        float[][][] results = new float[2][][];
        for (int pass = 0; pass < 2; pass++) {
            Boolean previous = org.backprop4j.core.threads.BlasThreads.force(pass == 1);
            try {
                INDArray w = start[0].dup();
                INDArray m = start[2].dup();
                INDArray v = start[3].dup();
                Adam.floatStep(w, start[1], m, v, 1e-3f, 0.1f, 0.001f, 1e-7f);
                results[pass] = new float[][] {w.data().asFloat(), m.data().asFloat(), v.data().asFloat()};
            } finally {
                org.backprop4j.core.threads.BlasThreads.force(previous);
            }
        }
        for (int array = 0; array < 3; array++) {
            assertArrayEquals(results[0][array], results[1][array], 0f, "array " + array + " split vs whole");
        }
    }
}
