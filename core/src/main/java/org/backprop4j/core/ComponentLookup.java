package org.backprop4j.core;

import java.util.Map;
import java.util.ServiceLoader;

/**
 * How a contract's default methods reach the registry without depending on it: a contract's
 * {@code name()} asks {@link #nameOrClass(Class, Component)}, which asks the {@link Source} found
 * with {@link ServiceLoader} (core's own, {@code internal.RegisteredComponents}, backed by the
 * registries). The contracts ({@link ActivationFunction}, {@link Loss}, {@link Optimizer}, ...)
 * therefore compile against this class and {@link Component} only, and the registry, the built-ins
 * and the model sit above them, not in a cycle with them.
 *
 * <p>Without a source on the class path a component is named by its class's simple name.
 *
 * <p>Threads: thread-safe; the source is found once per JVM.
 */
public final class ComponentLookup {

    /** What the registry offers the contracts: a name by kind, and a component made from its saved form. */
    public interface Source {
        /**
         * The name {@code component}'s class is registered under among the components of {@code kind}
         * (a contract: {@code ActivationFunction.class}, {@code Loss.class}, ...), or null.
         */
        String nameOrNull(Class<? extends Component> kind, Component component);

        /**
         * A new component of {@code kind} made by the factory registered under {@code name}.
         *
         * @throws IllegalArgumentException for an unknown name or a bad config
         */
        <T extends Component> T create(Class<T> kind, String name, Map<String, Object> config);
    }

    private static volatile Source source;

    private ComponentLookup() {
    }

    /** The registered name of {@code component} among the components of {@code kind}, else its class's simple name. */
    public static String nameOrClass(Class<? extends Component> kind, Component component) {
        Source found = source();
        String name = found == null ? null : found.nameOrNull(kind, component);
        return name != null ? name : component.getClass().getSimpleName();
    }

    /**
     * A new component of {@code kind} made from its registered name and settings.
     *
     * @throws IllegalStateException when no source is on the class path
     * @throws IllegalArgumentException for an unknown name or a bad config
     */
    public static <T extends Component> T create(Class<T> kind, String name, Map<String, Object> config) {
        Source found = source();
        if (found == null) {
            throw new IllegalStateException("No component registry on the class path (backprop4j-core's "
                    + "META-INF/services is missing); cannot make the " + kind.getSimpleName() + " '" + name + "'");
        }
        return found.create(kind, name, config);
    }

    private static Source source() {
        Source found = source;
        if (found == null) {
            synchronized (ComponentLookup.class) {
                found = source;
                if (found == null) {
                    for (Source candidate : ServiceLoader.load(Source.class, ComponentLookup.class.getClassLoader())) {
                        found = candidate;
                        break;
                    }
                    source = found;
                }
            }
        }
        return found;
    }
}
