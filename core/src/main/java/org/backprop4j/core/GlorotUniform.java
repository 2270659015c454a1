package org.backprop4j.core;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' default kernel initialiser: every weight drawn from {@code U(-limit, limit)} with
 * {@code limit = sqrt(6 / (fanIn + fanOut))}.
 *
 * <p>Numbers come from {@link java.util.Random}, so the same seed gives bit-identical weights on
 * every machine and JVM.
 */
public final class GlorotUniform {

    private GlorotUniform() {
    }

    /** The bound {@code sqrt(6 / (fanIn + fanOut))}. */
    public static double limit(long fanIn, long fanOut) {
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /** A new {@code (fanIn, fanOut)} matrix of the given type, filled row by row from {@code random}. */
    public static INDArray sample(long fanIn, long fanOut, DataType dataType, Random random) {
        double limit = limit(fanIn, fanOut);
        double[][] values = new double[Math.toIntExact(fanIn)][Math.toIntExact(fanOut)];
        for (double[] row : values) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (2.0 * random.nextDouble() - 1.0) * limit;
            }
        }
        return Nd4j.create(values).castTo(dataType);
    }
}
