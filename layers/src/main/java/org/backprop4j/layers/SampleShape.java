package org.backprop4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;

/**
 * The shape of one sample as {@link Input} and {@link Flatten} declare it (Keras' {@code shape=} and
 * {@code input_shape=}): checked when it is given, written to and read from a layer's config as a
 * list of integers. Package-private.
 */
final class SampleShape {

    /** The most dimensions a sample may have. */
    static final int MAX_RANK = 8;

    private SampleShape() {
    }

    /**
     * {@code shape} checked: 1 to {@link #MAX_RANK} positive dimensions whose product (the values per
     * sample) fits an int. A copy.
     *
     * @param owner how messages name the layer, e.g. "Input"
     */
    static long[] checked(String owner, long[] shape) {
        if (shape == null || shape.length == 0 || shape.length > MAX_RANK) {
            throw new IllegalArgumentException(owner + " needs the shape of one sample, 1 to " + MAX_RANK
                    + " dimensions, got " + (shape == null ? "null" : java.util.Arrays.toString(shape)));
        }
        long product = 1;
        for (long dimension : shape) {
            if (dimension <= 0) {
                throw new IllegalArgumentException(owner + " needs positive dimensions, got the shape "
                        + java.util.Arrays.toString(shape));
            }
            product *= dimension;
            if (product > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(owner + ": a sample of shape " + java.util.Arrays.toString(shape)
                        + " holds more than " + Integer.MAX_VALUE + " values");
            }
        }
        return shape.clone();
    }

    /** The shape as a config value: a list of numbers. */
    static List<Object> toConfig(long[] shape) {
        List<Object> list = new ArrayList<>();
        for (long dimension : shape) {
            list.add(dimension);
        }
        return list;
    }

    /** The shape under {@code key} of a config, checked as {@link #checked} checks it. */
    static long[] fromConfig(Map<String, Object> config, String key, String owner) {
        if (!(config.get(key) instanceof List<?> list) || list.isEmpty() || list.size() > MAX_RANK) {
            throw new IllegalArgumentException(owner + " config: '" + key + "' must be a list of 1 to " + MAX_RANK
                    + " positive integers, got " + Config.describe(config.get(key)));
        }
        long[] shape = new long[list.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Config.integer(Map.of(key, list.get(i) == null ? "null" : list.get(i)), key, 1, Integer.MAX_VALUE);
        }
        return checked(owner, shape);
    }

    /** {@code (None, 28, 28)}. */
    static String text(long[] shape) {
        return Layer.shapeText(shape);
    }
}
