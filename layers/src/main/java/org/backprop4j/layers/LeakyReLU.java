package org.backprop4j.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.activations.LeakyRelu;

/**
 * Keras' {@code LeakyReLU} layer: {@code y = x} for {@code x > 0}, else {@code negativeSlope x},
 * element-wise, no weights. The layer's default slope is 0.3 (Keras 3's layer; the
 * {@code "leaky_relu"} activation's is 0.2). Shapes: input and output {@code (batchSize, n)}.
 *
 * <p>It is an {@link Activation} layer with the {@link LeakyRelu} activation: the formula, its
 * derivative ({@code dL/dx = dL/dy} where {@code y > 0}, else {@code negativeSlope dL/dy}), its
 * Jacobian, its fast kernels and its ONNX form ({@code LeakyRelu}) are that class's; this one only
 * carries Keras' name, default and config ({@code {"negative_slope": ...}}).
 *
 * <p>Threads: as {@link Activation}.
 */
public final class LeakyReLU extends Activation {

    /** Keras 3's default slope of the layer. */
    public static final double DEFAULT_SLOPE = 0.3;

    private final double negativeSlope;

    /** {@code LeakyReLU()}: slope 0.3. */
    public LeakyReLU() {
        this(DEFAULT_SLOPE);
    }

    /**
     * @param negativeSlope the factor of x below 0
     * @throws IllegalArgumentException if it is negative, NaN or infinite (Keras refuses a negative one)
     */
    public LeakyReLU(double negativeSlope) {
        super(function(negativeSlope));
        this.negativeSlope = negativeSlope;
    }

    private static LeakyRelu function(double negativeSlope) {
        if (!(negativeSlope >= 0) || Double.isInfinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU's negative_slope must be a finite number >= 0, got "
                    + negativeSlope);
        }
        return new LeakyRelu(negativeSlope);
    }

    /** From {@code {"negative_slope": ...}} (missing: 0.3), as {@link #config()} writes it. */
    public static LeakyReLU fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "LeakyReLU", List.of(), List.of("negative_slope"));
        return new LeakyReLU(config.containsKey("negative_slope") ? Config.number(config, "negative_slope") : DEFAULT_SLOPE);
    }

    /** {@code {"negative_slope": negativeSlope}}, Keras' key. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("negative_slope", negativeSlope);
        return config;
    }

    /** The factor of x below 0. */
    public double negativeSlope() {
        return negativeSlope;
    }
}
