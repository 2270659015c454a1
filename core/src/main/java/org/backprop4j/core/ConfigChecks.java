package org.backprop4j.core;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of {@link Config} that need no registry (exact keys, a string value, how a bad value
 * is shown), here so that a contract ({@link Optimizer} reading a saved learning-rate schedule) can
 * use them without depending on the registry that {@link Config}'s component readers name.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread.
 */
final class ConfigChecks {

    private ConfigChecks() {
    }

    /** {@link Config#requireKeys(Map, String, String...)}. */
    static void requireKeys(Map<String, ?> config, String owner, String... keys) {
        if (config == null) {
            throw new IllegalArgumentException(owner + " config is missing");
        }
        Set<String> expected = new TreeSet<>(Arrays.asList(keys));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(config.keySet());
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(expected);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + " config must have the keys " + expected
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (unknown.isEmpty() ? "" : "; unknown " + unknown));
        }
    }

    /** {@link Config#string}. */
    static String string(Map<String, ?> config, String key, boolean nullable) {
        Object value = config.get(key);
        if (value == null && nullable) {
            return null;
        }
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("'" + key + "' must be a string" + (nullable ? " or null" : "")
                    + ", got " + describe(value));
        }
        return (String) value;
    }

    /** {@link Config#describe}. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        if (text.length() > 60) {
            text = text.substring(0, 60) + "...";
        }
        String kind = value instanceof String ? "string" : value instanceof Map ? "object"
                : value instanceof java.util.List ? "array" : value instanceof Boolean ? "boolean" : "number";
        return (value instanceof String ? "'" + text + "'" : text) + " (" + kind + ")";
    }

    /** {@code ModelArchive.printable}: control and bidi characters of a name from a file shown as {@code \\uXXXX} escapes. */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u061C' || c == '\u200E'
                    || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }
}
