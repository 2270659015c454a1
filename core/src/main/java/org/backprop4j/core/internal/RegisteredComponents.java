package org.backprop4j.core.internal;

import java.util.Map;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Component;
import org.backprop4j.core.ComponentLookup;
import org.backprop4j.core.Initializer;
import org.backprop4j.core.Layer;
import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Metric;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Regularizer;

/**
 * The {@link ComponentLookup.Source} backed by the {@link Registry} of each kind of component;
 * listed in core's {@code META-INF/services}, so that the contracts name themselves through the
 * registry without depending on it. Not for direct use.
 *
 * <p>Threads: thread-safe, as the registries are.
 */
public final class RegisteredComponents implements ComponentLookup.Source {

    /** For {@link java.util.ServiceLoader}. */
    public RegisteredComponents() {
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public String nameOrNull(Class<? extends Component> kind, Component component) {
        Registry registry = registry(kind);
        return registry == null ? null : registry.nameOrNull(component);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Component> T create(Class<T> kind, String name, Map<String, Object> config) {
        Registry<?> registry = registry(kind);
        if (registry == null) {
            throw new IllegalArgumentException("No registry for " + kind.getSimpleName());
        }
        return (T) registry.create(name, config);
    }

    private static Registry<?> registry(Class<?> kind) {
        if (kind == Layer.class) {
            return Registry.LAYERS;
        } else if (kind == ActivationFunction.class) {
            return Registry.ACTIVATIONS;
        } else if (kind == Loss.class) {
            return Registry.LOSSES;
        } else if (kind == Metric.class) {
            return Registry.METRICS;
        } else if (kind == Optimizer.class) {
            return Registry.OPTIMIZERS;
        } else if (kind == Initializer.class) {
            return Registry.INITIALIZERS;
        } else if (kind == Regularizer.class) {
            return Registry.REGULARIZERS;
        } else if (kind == LearningRateSchedule.class) {
            return Registry.SCHEDULES;
        }
        return null;
    }
}
