package org.backprop4j.core.initializers;

import java.util.Map;

/**
 * Keras' {@code glorot_normal}: a normal with variance 1.0 / (fanIn + fanOut) / 2, truncated at 2 standard deviations (Keras' truncated normal);
 * {@link VarianceScaling}(1.0, fan_avg, truncated_normal).
 */
public final class GlorotNormal extends VarianceScaling {

    /** Keras' {@code glorot_normal}. */
    public GlorotNormal() {
        super(1.0, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
    }

    /** No settings: saved by its name alone. */
    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}
