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
 * Keras' {@code random_normal}: every weight from {@code N(mean, stddev^2)} (default mean 0,
 * stddev 0.05; not truncated), whatever the layer's size. Drawn row by row with {@code nextGaussian}.
 */
public final class RandomNormal implements Initializer {

    private final double mean;
    private final double stddev;

    /** Keras' defaults, {@code N(0, 0.05^2)}. */
    public RandomNormal() {
        this(0.0, 0.05);
    }

    /**
     * @throws IllegalArgumentException unless the mean is finite and stddev a positive finite number
     */
    public RandomNormal(double mean, double stddev) {
        if (!Double.isFinite(mean) || !(stddev > 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("RandomNormal needs a finite mean and a positive finite stddev, got mean "
                    + mean + ", stddev " + stddev);
        }
        this.mean = mean;
        this.stddev = stddev;
    }

    /** From {@code {"mean", "stddev"}} (missing: Keras' defaults). */
    public static RandomNormal fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "random_normal initializer", List.of(), List.of("mean", "stddev"));
        return new RandomNormal(config.containsKey("mean") ? Config.number(config, "mean") : 0.0,
                config.containsKey("stddev") ? Config.number(config, "stddev") : 0.05);
    }

    @Override
    public INDArray create(long[] shape, DataType dataType, Random random) {
        double[] values = new double[Math.toIntExact(Constant.count(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + stddev * random.nextGaussian();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mean", mean);
        config.put("stddev", stddev);
        return config;
    }

    @Override
    public String toString() {
        return "RandomNormal" + config();
    }
}
