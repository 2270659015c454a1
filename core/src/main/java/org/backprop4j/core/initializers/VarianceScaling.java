package org.backprop4j.core.initializers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.Config;
import org.backprop4j.core.Initializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code VarianceScaling(scale, mode, distribution)}, the family behind the named
 * initialisers: weights whose variance is {@code scale / n}, with n the fan-in, the fan-out or their
 * mean ({@code mode}), so that activations (he, lecun: fan-in) or gradients (glorot: the average)
 * keep their size from layer to layer.
 * <pre>
 *   s = scale / max(1, n)
 *   uniform:             U(-limit, limit),  limit = sqrt(3 s)                 (variance limit^2 / 3 = s)
 *   truncated_normal:    N(0, sigma^2) cut at 2 sigma (re-drawn beyond), sigma = sqrt(s) / 0.87962566103423978
 *                        (the constant is the standard deviation of N(0, 1) cut at 2, so the variance is s)
 *   untruncated_normal:  N(0, s)
 * </pre>
 * The presets: {@code glorot_normal} (1, fan_avg, truncated), {@code he_uniform} (2, fan_in, uniform),
 * {@code he_normal} (2, fan_in, truncated), {@code lecun_uniform} (1, fan_in, uniform),
 * {@code lecun_normal} (1, fan_in, truncated); {@code glorot_uniform} is {@link GlorotUniform}.
 * Numbers come from the model's {@link Random} in row-major order ({@code nextDouble} for uniform,
 * {@code nextGaussian} for normal), so the same seed gives the same weights.
 */
public class VarianceScaling implements Initializer {

    /** The standard deviation of a standard normal truncated to [-2, 2] (Keras' constant). */
    public static final double TRUNCATED_STDDEV = 0.87962566103423978;

    /** Which fan divides the scale. */
    public enum Mode {
        FAN_IN, FAN_OUT, FAN_AVG
    }

    /** How the weights are drawn. */
    public enum Distribution {
        UNIFORM, TRUNCATED_NORMAL, UNTRUNCATED_NORMAL
    }

    private final double scale;
    private final Mode mode;
    private final Distribution distribution;

    /**
     * @throws IllegalArgumentException if scale is not a positive finite number, or mode or
     *         distribution is null
     */
    public VarianceScaling(double scale, Mode mode, Distribution distribution) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("VarianceScaling scale must be a positive finite number, got " + scale);
        }
        if (mode == null || distribution == null) {
            throw new IllegalArgumentException("VarianceScaling needs a mode and a distribution");
        }
        this.scale = scale;
        this.mode = mode;
        this.distribution = distribution;
    }

    /**
     * From {@code {"scale", "mode", "distribution"}} with Keras' spellings ({@code "fan_in"},
     * {@code "truncated_normal"}); missing keys take Keras' defaults (1.0, fan_in, truncated_normal).
     */
    public static VarianceScaling fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "variance_scaling initializer", java.util.List.of(),
                java.util.List.of("scale", "mode", "distribution"));
        double scale = config.containsKey("scale") ? Config.number(config, "scale") : 1.0;
        Mode mode = config.containsKey("mode") ? parse(Mode.class, Config.string(config, "mode", false), "mode") : Mode.FAN_IN;
        Distribution distribution = config.containsKey("distribution")
                ? parse(Distribution.class, Config.string(config, "distribution", false), "distribution")
                : Distribution.TRUNCATED_NORMAL;
        return new VarianceScaling(scale, mode, distribution);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("VarianceScaling " + what + " must be one of " + valid + ", got '" + value + "'");
    }

    @Override
    public INDArray create(long[] shape, DataType dataType, Random random) {
        long fanIn = Initializer.fanIn(shape);
        long fanOut = Initializer.fanOut(shape);
        double n = switch (mode) {
            case FAN_IN -> fanIn;
            case FAN_OUT -> fanOut;
            case FAN_AVG -> (fanIn + fanOut) / 2.0;
        };
        double s = scale / Math.max(1.0, n);
        double[] values = new double[Math.toIntExact(Constant.count(shape))];
        switch (distribution) {
            case UNIFORM -> {
                double limit = Math.sqrt(3.0 * s);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (2.0 * random.nextDouble() - 1.0) * limit;
                }
            }
            case TRUNCATED_NORMAL -> {
                double sigma = Math.sqrt(s) / TRUNCATED_STDDEV;
                for (int i = 0; i < values.length; i++) {
                    values[i] = truncatedGaussian(random) * sigma;
                }
            }
            case UNTRUNCATED_NORMAL -> {
                double sigma = Math.sqrt(s);
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextGaussian() * sigma;
                }
            }
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }

    /** A standard normal number in [-2, 2]: draws beyond two standard deviations are re-drawn, as Keras. */
    static double truncatedGaussian(Random random) {
        double z;
        do {
            z = random.nextGaussian();
        } while (Math.abs(z) > 2.0);
        return z;
    }

    /** {@code {"scale", "mode", "distribution"}} in Keras' spellings. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scale", scale);
        config.put("mode", mode.name().toLowerCase(Locale.ROOT));
        config.put("distribution", distribution.name().toLowerCase(Locale.ROOT));
        return config;
    }

    /** The variance numerator. */
    public double scale() {
        return scale;
    }

    /** The fan used. */
    public Mode mode() {
        return mode;
    }

    /** The distribution drawn from. */
    public Distribution distribution() {
        return distribution;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + config();
    }
}
