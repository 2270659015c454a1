package org.backprop4j.core;

import java.util.Map;
import java.util.StringJoiner;

/**
 * A component's settings on one line, {@code (units=1, activation=sigmoid)}: how an unbuilt layer's
 * {@code toString()} and a model's description show what a layer or an optimizer was made with.
 * Knows layers and config maps only (not the model), so that {@link Layer#toString()} does not
 * depend on {@link Descriptions}, which describes a whole model.
 */
final class SettingsText {

    private SettingsText() {
    }

    /**
     * A layer that is not built yet, by its settings as its {@link Layer#config()} reports them:
     * {@code Dense(units=2, inputDim=2, ...)}. Settings that are null or -1 (not given) are left out;
     * a layer without settings shows as {@code MyLayer (not built)}.
     */
    static String unbuiltLayer(Layer layer) {
        Map<String, Object> config = layer.config();
        return config.isEmpty() ? layer.describe() + " (not built)" : layer.typeName() + settings(config);
    }

    /** {@code (key=value, ...)} for every setting that is given (not null, not -1). */
    static String settings(Map<String, Object> config) {
        StringJoiner text = new StringJoiner(", ", "(", ")");
        config.forEach((key, value) -> {
            boolean notGiven = value == null || (value instanceof Number number && number.doubleValue() == -1);
            if (!notGiven) {
                text.add(key + "=" + value);
            }
        });
        return text.toString();
    }
}
