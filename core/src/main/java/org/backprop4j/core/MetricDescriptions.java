package org.backprop4j.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.backprop4j.core.metrics.Metrics;
import org.backprop4j.core.metrics.WeightedMetric;

/**
 * How a compiled metric is written in a model file's {@code compile.metrics} list, and read back:
 * <pre>
 *   "accuracy"                                     a name that compile resolves to the same metric (files of
 *                                                   every version hold only these)
 *   {"type": "auc", "config": {"name": ..., ...}}  a metric object with its settings (its registered name
 *                                                   and config())
 *   {"weighted": one of the above}                 Metrics.weighted(...) of it
 * </pre>
 * Package-private: {@link ModelIO} and {@link ModelReader} use it.
 */
final class MetricDescriptions {

    private MetricDescriptions() {
    }

    /**
     * The description of {@code metric}, compiled for {@code loss} and {@code outputSize} outputs.
     *
     * @throws IllegalStateException if the metric's class is not registered (it could not be loaded back)
     */
    static Object describe(Metric metric, long outputSize, Loss loss) {
        if (metric instanceof WeightedMetric weighted) {
            Object inner = weighted.given() instanceof String name ? name : describe(weighted.metric(), outputSize, loss);
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("weighted", inner);
            return description;
        }
        if (byNameGivesSame(metric, outputSize, loss)) {
            return metric.name();
        }
        String type = Registry.METRICS.nameOrNull(metric);
        if (type == null) {
            throw new IllegalStateException("Cannot save the model: the metric '" + metric.name() + "' ("
                    + metric.getClass().getName() + ") cannot be loaded back: it is not registered; register it once"
                    + " with Registry.METRICS.register(name, " + metric.getClass().getSimpleName()
                    + ".class, factory); nothing was written");
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", type);
        description.put("config", ModelIO.jsonConfig("the metric " + type, metric.config()));
        return description;
    }

    /** Whether compiling with {@code metric.name()} would give a metric of the same class and settings. */
    private static boolean byNameGivesSame(Metric metric, long outputSize, Loss loss) {
        try {
            Metric byName = Metrics.resolve(metric.name(), outputSize, loss);
            return byName.getClass() == metric.getClass() && Objects.equals(byName.config(), metric.config());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * What {@code compile} takes for a description read from a file: a name, a {@link Metric}, or a
     * weighted one.
     *
     * @param what how messages name it, e.g. "metric 2"
     * @throws IllegalArgumentException if it is none of the forms above, or names an unknown metric
     */
    static Object read(Object description, String what) {
        if (description instanceof String name) {
            return name;
        }
        if (description instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("weighted")) {
                Object inner = read(map.get("weighted"), what);
                return Metrics.weighted(inner);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            Config.requireKeys(fields, what, List.of("type", "config"), List.of());
            if (!(fields.get("config") instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(what + "'s config must be a map, got " + Config.describe(fields.get("config")));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) fields.get("config");
            return Registry.METRICS.create(Config.string(fields, "type", false), config);
        }
        throw new IllegalArgumentException(what + " must be a name, {\"type\", \"config\"} or {\"weighted\": ...}, got "
                + Config.describe(description));
    }
}
