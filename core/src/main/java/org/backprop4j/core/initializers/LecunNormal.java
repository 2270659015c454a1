package org.backprop4j.core.initializers;

import java.util.Map;

/**
 * Keras' {@code lecun_normal}: a normal with variance 1.0 / fanIn, truncated at 2 standard deviations (Keras' truncated normal);
 * {@link VarianceScaling}(1.0, fan_in, truncated_normal).
 */
public final class LecunNormal extends VarianceScaling {

    /** Keras' {@code lecun_normal}. */
    public LecunNormal() {
        super(1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /** No settings: saved by its name alone. */
    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}
