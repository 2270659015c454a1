package org.backprop4j.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.activations.Elu;

/**
 * Keras' {@code ELU} layer: {@code y = x} for {@code x > 0}, else {@code alpha (exp(x) - 1)},
 * element-wise, no weights; alpha 1.0 by default. Shapes: input and output {@code (batchSize, n)}.
 *
 * <p>It is an {@link Activation} layer with the {@link Elu} activation: the formula, its derivative
 * ({@code dL/dx = dL/dy} where {@code y > 0}, else {@code (y + alpha) dL/dy}), its Jacobian, its fast
 * kernels and its ONNX form ({@code Elu}) are that class's; this one only carries Keras' name, default
 * and config ({@code {"alpha": ...}}).
 *
 * <p>Threads: as {@link Activation}.
 */
public final class ELU extends Activation {

    private final double alpha;

    /** {@code ELU()}: alpha 1.0. */
    public ELU() {
        this(1.0);
    }

    /**
     * @param alpha the scale of the negative part
     * @throws IllegalArgumentException if alpha is negative, NaN or infinite
     */
    public ELU(double alpha) {
        super(function(alpha));
        this.alpha = alpha;
    }

    private static Elu function(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("ELU's alpha must be a finite number >= 0, got " + alpha);
        }
        return new Elu(alpha);
    }

    /** From {@code {"alpha": ...}} (missing: 1.0), as {@link #config()} writes it. */
    public static ELU fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "ELU", List.of(), List.of("alpha"));
        return new ELU(config.containsKey("alpha") ? Config.number(config, "alpha") : 1.0);
    }

    /** {@code {"alpha": alpha}}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("alpha", alpha);
        return config;
    }

    /** The scale of the negative part. */
    public double alpha() {
        return alpha;
    }
}
