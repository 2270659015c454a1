package org.backprop4j.core.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.backprop4j.core.internal.Arrays2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** glorot_uniform: U(-L, L) with L = sqrt(6 / (fanIn + fanOut)), reproducible from the seed. */
class GlorotUniformTest {

    @Test
    void limitIsSqrtOfSixOverFanInPlusFanOut() {
        assertEquals(Math.sqrt(6.0 / 4), GlorotUniform.limit(2, 2), 0);
        assertEquals(Math.sqrt(6.0 / 300), GlorotUniform.limit(100, 200), 0);
    }

    @Test
    void samplesStayWithinTheBoundAndSpreadOverIt() {
        INDArray kernel = GlorotUniform.sample(50, 30, DataType.DOUBLE, new Random(1));
        assertArrayEquals(new long[] {50, 30}, kernel.shape());
        assertEquals(DataType.DOUBLE, kernel.dataType());
        double limit = Math.sqrt(6.0 / 80);
        double[] values = Arrays2D.rowMajor(kernel);
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        assertTrue(min >= -limit && max <= limit, "range [" + min + ", " + max + "] vs limit " + limit);
        // 1500 uniform draws: the extremes come within 2% of the bound and the mean is near 0
        assertTrue(min < -0.98 * limit && max > 0.98 * limit, "range [" + min + ", " + max + "]");
        assertEquals(0, Arrays.stream(values).average().orElseThrow(), 0.05 * limit);
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        double[] a = Arrays2D.rowMajor(GlorotUniform.sample(4, 3, DataType.DOUBLE, new Random(42)));
        double[] b = Arrays2D.rowMajor(GlorotUniform.sample(4, 3, DataType.DOUBLE, new Random(42)));
        double[] c = Arrays2D.rowMajor(GlorotUniform.sample(4, 3, DataType.DOUBLE, new Random(43)));
        assertArrayEquals(a, b, 0);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void floatSamplesAreTheDoubleSamplesRounded() {
        INDArray single = GlorotUniform.sample(3, 2, DataType.FLOAT, new Random(7));
        INDArray twice = GlorotUniform.sample(3, 2, DataType.DOUBLE, new Random(7));
        assertEquals(DataType.FLOAT, single.dataType());
        double[] f = Arrays2D.rowMajor(single);
        double[] d = Arrays2D.rowMajor(twice);
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], (float) f[i], 0);
        }
    }
}
