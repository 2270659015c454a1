package org.backprop4j.core.activations;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reading an ONNX activation node's FLOAT attributes on import ({@code OnnxActivation.fromOnnx}): the
 * attributes it may have, and each value or the operator's default.
 */
final class OnnxAttributes {

    private OnnxAttributes() {
    }

    /** Refuses any attribute other than {@code allowed}, naming them. */
    static void only(Map<String, Object> attributes, String op, String... allowed) {
        List<String> names = Arrays.asList(allowed);
        for (String key : attributes.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("attribute '" + key + "' is not supported; " + op + " is read with "
                        + (names.isEmpty() ? "no attributes" : "only " + names));
            }
        }
    }

    /** The number {@code key} holds, or {@code fallback} (ONNX's default) when the node does not set it. */
    static double number(Map<String, Object> attributes, String key, double fallback) {
        Object value = attributes.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Double number)) {
            throw new IllegalArgumentException("attribute '" + key + "' must be a FLOAT, got " + value);
        }
        return Double.parseDouble(Float.toString(number.floatValue())); // ONNX keeps a float: 0.2f reads as 0.2
    }

    /** Refuses a value of {@code key} that is not {@code expected} as a 32-bit float (the default counts as given). */
    static void requireFloat(Map<String, Object> attributes, String op, String key, double fallback, double expected) {
        double value = number(attributes, key, fallback);
        if ((float) value != (float) expected) {
            throw new IllegalArgumentException(op + " with " + key + " = " + value + " has no backprop4j activation;"
                    + " the one read is " + key + " = " + (float) expected);
        }
    }
}
