package org.backprop4j.core.initializers;

import java.util.Map;

/**
 * Keras' {@code he_normal}: a normal with variance 2.0 / fanIn, truncated at 2 standard deviations (Keras' truncated normal);
 * {@link VarianceScaling}(2.0, fan_in, truncated_normal).
 */
public final class HeNormal extends VarianceScaling {

    /** Keras' {@code he_normal}. */
    public HeNormal() {
        super(2.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /** No settings: saved by its name alone. */
    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}
