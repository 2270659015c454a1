package org.backprop4j.core.initializers;

import java.util.Map;

/**
 * Keras' {@code lecun_uniform}: U(-limit, limit), limit = sqrt(3 * 1.0 / fanIn);
 * {@link VarianceScaling}(1.0, fan_in, uniform).
 */
public final class LecunUniform extends VarianceScaling {

    /** Keras' {@code lecun_uniform}. */
    public LecunUniform() {
        super(1.0, Mode.FAN_IN, Distribution.UNIFORM);
    }

    /** No settings: saved by its name alone. */
    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}
