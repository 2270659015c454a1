package org.backprop4j.core.internal;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.Indexer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A plain array's elements ({@link Arrays2D#isPlain}), read and written in place as doubles
 * whatever the array's type, for the Java loops of small arrays: element {@code (i, j)} of an
 * {@code (rows, n)} matrix is {@code get(i * n + j)}. A FLOAT array rounds once, on {@link #set}.
 * One small subclass per type, so that a loop is compiled for the types it actually meets.
 *
 * <p>Threads: not thread-safe: a view of one array, made and used by one thread.
 */
public abstract class Values {

    Values() {
    }

    /** The elements of {@code array}, which must be plain and DOUBLE or FLOAT. */
    public static Values of(INDArray array) {
        Indexer indexer = array.data().indexer();
        if (indexer instanceof DoubleIndexer doubles) {
            return new Doubles(doubles);
        }
        if (indexer instanceof FloatIndexer floats) {
            return new Floats(floats);
        }
        throw new IllegalArgumentException("Java loops handle DOUBLE and FLOAT arrays, got " + array.dataType());
    }

    /** Element {@code i} in row-major order. */
    public abstract double get(long i);

    /** Sets element {@code i} in row-major order. */
    public abstract void set(long i, double value);

    private static final class Doubles extends Values {
        private final DoubleIndexer values;

        Doubles(DoubleIndexer values) {
            this.values = values;
        }

        @Override
        public double get(long i) {
            return values.get(i);
        }

        @Override
        public void set(long i, double value) {
            values.put(i, value);
        }
    }

    private static final class Floats extends Values {
        private final FloatIndexer values;

        Floats(FloatIndexer values) {
            this.values = values;
        }

        @Override
        public double get(long i) {
            return values.get(i);
        }

        @Override
        public void set(long i, double value) {
            values.put(i, (float) value); // rounded once, on the way out
        }
    }
}
