package org.backprop4j.core.initializers;

import java.util.Map;

/**
 * Keras' {@code he_uniform}: U(-limit, limit), limit = sqrt(3 * 2.0 / fanIn);
 * {@link VarianceScaling}(2.0, fan_in, uniform).
 */
public final class HeUniform extends VarianceScaling {

    /** Keras' {@code he_uniform}. */
    public HeUniform() {
        super(2.0, Mode.FAN_IN, Distribution.UNIFORM);
    }

    /** No settings: saved by its name alone. */
    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}
