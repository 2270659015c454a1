package org.backprop4j.layers;

import java.util.Random;

import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Normal random numbers for the noise layers, drawn from the model's seeded stream so that a rerun
 * with the same seed (and a saved model's continuation) is bit-identical. Package-private.
 *
 * <p>Box and Muller's transform, two uniform numbers per pair of normal ones:
 * <pre>
 *   u1 = 1 - nextDouble()  in (0, 1],   u2 = nextDouble()  in [0, 1)
 *   r = sqrt(-2 ln u1);   z0 = r cos(2 pi u2),   z1 = r sin(2 pi u2)      (independent, each N(0, 1))
 *   value = mean + stddev * z
 * </pre>
 * in row-major order, z0 then z1; an odd count drops the last pair's z1. Nothing is cached between
 * calls (unlike {@code Random.nextGaussian}, whose cached second value is no part of the stream's saved
 * state), and {@link StrictMath} gives the same numbers on every JVM and CPU.
 */
final class NormalDraws {

    private NormalDraws() {
    }

    /** Fills {@code out} (any shape, a plain 'c' array) with {@code mean + stddev * N(0, 1)} draws. */
    static void fill(INDArray out, double mean, double stddev, Random random) {
        Values values = Values.of(out);
        long length = out.length();
        for (long i = 0; i < length; i += 2) {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            double angle = 2.0 * StrictMath.PI * u2;
            values.set(i, mean + stddev * (r * StrictMath.cos(angle)));
            if (i + 1 < length) {
                values.set(i + 1, mean + stddev * (r * StrictMath.sin(angle)));
            }
        }
    }
}
