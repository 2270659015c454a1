package org.backprop4j.core.initializers;

import java.util.Random;

import org.backprop4j.core.Initializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' default kernel initialiser, {@code glorot_uniform}: every weight drawn from
 * {@code U(-limit, limit)} with {@code limit = sqrt(6 / (fanIn + fanOut))}.
 *
 * <p>Numbers come from the model's {@link Random}, row by row, so the same seed gives bit-identical
 * weights on every machine and JVM.
 *
 * <p>Threads: immutable: safe to share between threads and models (it draws only from the stream it
 * is given).
 */
public final class GlorotUniform implements Initializer {

    /** The bound {@code sqrt(6 / (fanIn + fanOut))}. */
    public static double limit(long fanIn, long fanOut) {
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /** A new {@code (fanIn, fanOut)} matrix of the given type, filled row by row from {@code random}. */
    public static INDArray sample(long fanIn, long fanOut, DataType dataType, Random random) {
        return new GlorotUniform().create(new long[] {fanIn, fanOut}, dataType, random);
    }

    @Override
    public INDArray create(long[] shape, DataType dataType, Random random) {
        double limit = limit(Initializer.fanIn(shape), Initializer.fanOut(shape));
        double[] values = new double[Math.toIntExact(Constant.count(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2.0 * random.nextDouble() - 1.0) * limit;
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }
}
