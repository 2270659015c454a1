package org.backprop4j.core.initializers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.Config;
import org.backprop4j.core.Initializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code random_uniform}: every weight from {@code U(minval, maxval)} (default
 * {@code [-0.05, 0.05]}), whatever the layer's size. Drawn row by row with {@code nextDouble}.
 */
public final class RandomUniform implements Initializer {

    private final double minval;
    private final double maxval;

    /** Keras' defaults, {@code U(-0.05, 0.05)}. */
    public RandomUniform() {
        this(-0.05, 0.05);
    }

    /**
     * @throws IllegalArgumentException unless {@code minval < maxval}, both finite
     */
    public RandomUniform(double minval, double maxval) {
        if (!Double.isFinite(minval) || !Double.isFinite(maxval) || !(minval < maxval)) {
            throw new IllegalArgumentException("RandomUniform needs finite minval < maxval, got [" + minval + ", " + maxval + "]");
        }
        this.minval = minval;
        this.maxval = maxval;
    }

    /** From {@code {"minval", "maxval"}} (missing: Keras' defaults). */
    public static RandomUniform fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "random_uniform initializer", List.of(), List.of("minval", "maxval"));
        return new RandomUniform(config.containsKey("minval") ? Config.number(config, "minval") : -0.05,
                config.containsKey("maxval") ? Config.number(config, "maxval") : 0.05);
    }

    @Override
    public INDArray create(long[] shape, DataType dataType, Random random) {
        double[] values = new double[Math.toIntExact(Constant.count(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = minval + (maxval - minval) * random.nextDouble();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("minval", minval);
        config.put("maxval", maxval);
        return config;
    }

    @Override
    public String toString() {
        return "RandomUniform" + config();
    }
}
