package org.backprop4j.core.initializers;

import java.util.Map;
import java.util.Random;

import org.backprop4j.core.Config;
import org.backprop4j.core.Initializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every weight the same value: Keras' {@code zeros} (the default for biases), {@code ones} and
 * {@code constant(value)}. Draws nothing from the random stream.
 *
 * <p>Threads: immutable: safe to share between threads and models.
 */
public class Constant implements Initializer {

    private final double value;

    /** Every weight {@code value}. */
    public Constant(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("A constant initialiser needs a finite value, got " + value);
        }
        this.value = value;
    }

    /** Keras' {@code zeros}. */
    public static Constant zeros() {
        return new Zeros();
    }

    /** Keras' {@code ones}. */
    public static Constant ones() {
        return new Ones();
    }

    /** {@code zeros}: its own class, so that it is saved and shown by that name, without settings. */
    public static final class Zeros extends Constant {
        /** Every weight 0. */
        public Zeros() {
            super(0);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of();
        }
    }

    /** {@code ones}: its own class, so that it is saved and shown by that name, without settings. */
    public static final class Ones extends Constant {
        /** Every weight 1. */
        public Ones() {
            super(1);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of();
        }
    }

    /** From {@code {"value": v}}. */
    public static Constant fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "constant initializer", "value");
        return new Constant(Config.number(config, "value"));
    }

    @Override
    public INDArray create(long[] shape, DataType dataType, Random random) {
        return Nd4j.valueArrayOf(shape, value, dataType);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("value", value);
    }

    /** The number of elements of {@code shape}. */
    static long count(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        return count;
    }
}
