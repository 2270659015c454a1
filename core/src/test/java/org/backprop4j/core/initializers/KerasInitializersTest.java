package org.backprop4j.core.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.Config;
import org.backprop4j.core.Initializer;
import org.backprop4j.core.Registry;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The named initialisers: each sample's spread against Keras' formula (variance scale / fan, the
 * normal ones cut at two standard deviations), reproducibility from the seed, names and bad values.
 */
class KerasInitializersTest {

    private static final long[] KERNEL = {784, 128};

    private static double[] sample(String name) {
        return Registry.INITIALIZERS.create(name).create(KERNEL, DataType.DOUBLE, new Random(11)).data().asDouble();
    }

    private static double variance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void varianceIsScaleOverFanAndNormalsAreCutAtTwoSigma() {
        double fanIn = 784;
        double fanAvg = (784 + 128) / 2.0;
        Map<String, double[]> expected = Map.of(          // {variance, bound on |w|}
                "he_normal", new double[] {2 / fanIn, 2 * Math.sqrt(2 / fanIn) / VarianceScaling.TRUNCATED_STDDEV},
                "lecun_normal", new double[] {1 / fanIn, 2 * Math.sqrt(1 / fanIn) / VarianceScaling.TRUNCATED_STDDEV},
                "glorot_normal", new double[] {1 / fanAvg, 2 * Math.sqrt(1 / fanAvg) / VarianceScaling.TRUNCATED_STDDEV},
                "he_uniform", new double[] {2 / fanIn, Math.sqrt(6 / fanIn)},
                "lecun_uniform", new double[] {1 / fanIn, Math.sqrt(3 / fanIn)},
                "glorot_uniform", new double[] {1 / fanAvg, Math.sqrt(3 / fanAvg)},
                "random_uniform", new double[] {0.1 * 0.1 / 12, 0.05},
                "random_normal", new double[] {0.05 * 0.05, Double.POSITIVE_INFINITY});
        expected.forEach((name, want) -> {
            double[] values = sample(name);
            assertEquals(want[0], variance(values), 0.02 * want[0], name + " variance");   // 100k draws: ~0.5% noise
            assertTrue(maxAbs(values) <= want[1], name + " max |w| " + maxAbs(values) + " beyond " + want[1]);
            if (name.endsWith("_normal") && !name.startsWith("random")) {
                assertTrue(maxAbs(values) > 0.97 * want[1], name + ": the cut at 2 sigma is reached");
            }
        });
    }

    @Test
    void sameSeedSameWeightsAndFloatToo() {
        for (String name : List.of("he_normal", "glorot_normal", "lecun_uniform", "random_normal")) {
            Initializer initializer = Registry.INITIALIZERS.create(name);
            INDArray a = initializer.create(new long[] {5, 3}, DataType.DOUBLE, new Random(3));
            INDArray b = initializer.create(new long[] {5, 3}, DataType.DOUBLE, new Random(3));
            assertArrayEquals(a.data().asDouble(), b.data().asDouble(), 0.0, name);
            assertEquals(DataType.FLOAT, initializer.create(new long[] {4}, DataType.FLOAT, new Random(3)).dataType());
        }
    }

    @Test
    void namesRoundTripAndUnknownNamesAreListed() {
        for (String name : List.of("glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal")) {
            Initializer initializer = Registry.INITIALIZERS.create(name);
            assertEquals(name, Config.component(Registry.INITIALIZERS, initializer), "saved by its name alone");
        }
        Object uniform = Config.component(Registry.INITIALIZERS, new RandomUniform(-1, 2));
        assertEquals(Map.of("type", "random_uniform", "config", Map.of("minval", -1.0, "maxval", 2.0)), uniform);
        VarianceScaling custom = assertInstanceOf(VarianceScaling.class, Registry.INITIALIZERS.create("variance_scaling",
                Map.of("scale", 3.0, "mode", "fan_out", "distribution", "untruncated_normal")));
        assertEquals(VarianceScaling.Mode.FAN_OUT, custom.mode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Registry.INITIALIZERS.create("he_normall"));
        assertTrue(e.getMessage().startsWith("Unknown initializer 'he_normall'; registered initializers: glorot_uniform"), e.getMessage());
        assertTrue(e.getMessage().contains("he_normal, lecun_uniform"), e.getMessage());
    }

    @Test
    void badSettingsAreRejected() {
        assertMessage("RandomUniform needs finite minval < maxval, got [1.0, 1.0]", () -> new RandomUniform(1, 1));
        assertMessage("RandomNormal needs a finite mean and a positive finite stddev, got mean 0.0, stddev -1.0",
                () -> new RandomNormal(0, -1));
        assertMessage("VarianceScaling scale must be a positive finite number, got 0.0",
                () -> new VarianceScaling(0, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.UNIFORM));
        assertMessage("VarianceScaling mode must be one of fan_in, fan_out, fan_avg, got 'fan_all'",
                () -> Registry.INITIALIZERS.create("variance_scaling", Map.of("mode", "fan_all")));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
