package org.backprop4j.core;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.backprop4j.core.internal.Checks;

/**
 * Reading typed values from a config map (a component's registered factory, a model file) that
 * may come from an untrusted file: each accessor checks presence, type and range, and fails with an
 * {@link IllegalArgumentException} naming the key and the value found.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread.
 */
public final class Config {

    private Config() {
    }

    /**
     * Checks that {@code config} has exactly the keys {@code keys}.
     *
     * @param owner how messages name the config's owner, e.g. "Dense"
     */
    public static void requireKeys(Map<String, ?> config, String owner, String... keys) {
        ConfigChecks.requireKeys(config, owner, keys);
    }

    /**
     * An integer value in {@code [min, max]}.
     *
     * @throws IllegalArgumentException if it is not an integer in range
     */
    public static long integer(Map<String, ?> config, String key, long min, long max) {
        Object value = config.get(key);
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)
                || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
            throw new IllegalArgumentException("'" + key + "' must be an integer in [" + min + ", " + max + "], got "
                    + describe(value));
        }
        return ((Number) value).longValue();
    }

    /**
     * A finite number.
     *
     * @throws IllegalArgumentException if it is not a finite number
     */
    public static double number(Map<String, ?> config, String key) {
        Object value = config.get(key);
        if (!(value instanceof Double || value instanceof Float || value instanceof Integer || value instanceof Long)
                || !Double.isFinite(((Number) value).doubleValue())) {
            throw new IllegalArgumentException("'" + key + "' must be a finite number, got " + describe(value));
        }
        return ((Number) value).doubleValue();
    }

    /**
     * A boolean.
     *
     * @throws IllegalArgumentException if it is not true or false
     */
    public static boolean bool(Map<String, ?> config, String key) {
        Object value = config.get(key);
        if (!(value instanceof Boolean)) {
            throw new IllegalArgumentException("'" + key + "' must be true or false, got " + describe(value));
        }
        return (Boolean) value;
    }

    /**
     * A string, or null when the value is null and {@code nullable}.
     *
     * @throws IllegalArgumentException if it is not a string (or an allowed null)
     */
    public static String string(Map<String, ?> config, String key, boolean nullable) {
        return ConfigChecks.string(config, key, nullable);
    }

    /**
     * How a component is written into its owner's config: its registered name when it has no
     * settings ({@code "glorot_uniform"}), else {@code {"type": name, "config": {...}}}.
     */
    public static <T extends Component> Object component(Registry<T> registry, T component) {
        Map<String, Object> settings = component.config();
        if (settings.isEmpty()) {
            return registry.nameOf(component);
        }
        Map<String, Object> description = new java.util.LinkedHashMap<>();
        description.put("type", registry.nameOf(component));
        description.put("config", settings);
        return description;
    }

    /**
     * The component {@link #component(Registry, Component)} described: a registered name, or
     * {@code {"type": name, "config": {...}}}; null stays null when {@code nullable}.
     *
     * @throws IllegalArgumentException if the value is neither, or names no registered component
     */
    @SuppressWarnings("unchecked")
    public static <T extends Component> T component(Registry<T> registry, Map<String, ?> config, String key, boolean nullable) {
        Object value = config.get(key);
        if (value == null && nullable) {
            return null;
        }
        if (value instanceof String name) {
            return registry.create(name);
        }
        if (value instanceof Map<?, ?> description) {
            requireKeys((Map<String, ?>) description, "'" + key + "'", "type", "config");
            Object settings = description.get("config");
            if (!(settings instanceof Map)) {
                throw new IllegalArgumentException("'" + key + "' config must be an object, got " + describe(settings));
            }
            return registry.create(string((Map<String, ?>) description, "type", false), (Map<String, Object>) settings);
        }
        throw new IllegalArgumentException("'" + key + "' must be a name or {\"type\", \"config\"}, got " + describe(value));
    }

    /**
     * Checks that {@code config} has every key of {@code required} and no key outside
     * {@code required} and {@code optional}.
     */
    public static void requireKeys(Map<String, ?> config, String owner, java.util.List<String> required,
                                   java.util.List<String> optional) {
        if (config == null) {
            throw new IllegalArgumentException(owner + " config is missing");
        }
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(config.keySet());
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(required);
        optional.forEach(unknown::remove);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + " config needs the keys " + required + ", may have "
                    + optional + (missing.isEmpty() ? "" : "; missing " + missing) + (unknown.isEmpty() ? "" : "; unknown " + unknown));
        }
    }

    /** How messages show a value read from a file: its text, shortened, and its kind. */
    public static String describe(Object value) {
        return ConfigChecks.describe(value);
    }
}
