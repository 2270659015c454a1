package org.backprop4j.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Name -> factory, one registry per kind of component: how {@code compile("mse", "sgd")} finds its
 * loss and optimizer, how {@code Dense(4, "relu")} finds its activation, how {@code summary()} names
 * a layer, and how a saved model's {@code model.json} turns back into objects.
 *
 * <p>A component describes its settings with its own {@code config()} (Keras' {@code get_config});
 * the factory registered under its name makes it again from that map (Keras' {@code from_config}).
 * A user's own component is one class and one registration, after which it works by name in
 * compile, fit, summary, save and load:
 *
 * <pre>{@code
 * Registry.ACTIVATIONS.register("my_softplus", MySoftplus.class, config -> new MySoftplus());
 * model.add(new Dense(8, "my_softplus"));
 * }</pre>
 *
 * <p>Names stay unambiguous: registering a name that is taken (a built-in included, case ignored)
 * by another class throws, naming the name, the class holding it and who registered it; replacing
 * one is explicit, with {@link #replace}. Registering the same class under the same name again is
 * allowed (a component's own {@code register()} may run twice) and only renews its factory.
 *
 * <p>The built-in components register themselves, each module's (core's included) through a
 * {@link Provider} listed in its {@code META-INF/services}; core's run first, so that another
 * module's or a user's provider may {@link #replace} a built-in. Thread-safe.
 *
 * @param <T> the kind of component
 *
 * <p>Threads: thread-safe: lookups and registrations may come from any thread.
 */
public final class Registry<T extends Component> {

    /** Layers, by type name ({@code "Dense"}, {@code "Activation"}). */
    public static final Registry<Layer> LAYERS = new Registry<>("layer", "backprop4j-layers");
    /** Activation functions, by Keras name ({@code "sigmoid"}). */
    public static final Registry<ActivationFunction> ACTIVATIONS = new Registry<>("activation", "backprop4j-core");
    /** Losses, by Keras name and aliases ({@code "mean_squared_error"}, {@code "mse"}). */
    public static final Registry<Loss> LOSSES = new Registry<>("loss", "backprop4j-core");
    /** Metrics, by Keras name ({@code "binary_accuracy"}); {@code "accuracy"} is resolved by the model. */
    public static final Registry<Metric> METRICS = new Registry<>("metric", "backprop4j-core");
    /** Optimizers, by Keras name ({@code "sgd"}). */
    public static final Registry<Optimizer> OPTIMIZERS = new Registry<>("optimizer", "backprop4j-optim");
    /** Weight initialisers, by Keras name ({@code "glorot_uniform"}). */
    public static final Registry<Initializer> INITIALIZERS = new Registry<>("initializer", "backprop4j-core");
    /** Weight regularisers, by Keras name ({@code "l2"}). */
    public static final Registry<Regularizer> REGULARIZERS = new Registry<>("regularizer", "backprop4j-core");
    /** Learning-rate schedules, by Keras class name ({@code "ExponentialDecay"}). */
    public static final Registry<LearningRateSchedule> SCHEDULES = new Registry<>("learning-rate schedule", "backprop4j-optim");

    /** Makes a component from its config map (values as {@code config()} returned them, or as read from a file). */
    @FunctionalInterface
    public interface Factory<T extends Component> {
        /**
         * @throws IllegalArgumentException naming a missing, unknown or bad setting
         */
        T create(Map<String, Object> config);
    }

    /** A library module's registrations, found with {@link ServiceLoader}. */
    public interface Provider {
        /** Registers the module's components. */
        void registerComponents();
    }

    /** @param owner the class whose code registered it, for messages */
    private record Entry<T extends Component>(String name, Class<? extends T> type, Factory<? extends T> factory,
                                              String owner) {
    }

    private static volatile boolean loaded;
    private static boolean loading; // guarded by Registry.class

    private final String kind;
    private final String module;
    private final Map<String, Entry<T>> byName = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> nameByType = new ConcurrentHashMap<>();
    /** Every name in the order it was first registered, for messages. */
    private final CopyOnWriteArrayList<String> order = new CopyOnWriteArrayList<>();

    private Registry(String kind, String module) {
        this.kind = kind;
        this.module = module;
    }

    /**
     * Registers {@code type} under {@code name}; {@code factory} makes an instance from a config map.
     * A class registered under several names is saved under the first ({@link #nameOf}) unless its
     * own {@code name()} says otherwise.
     *
     * @return this registry
     * @throws IllegalArgumentException for a blank name, a null type or factory, or a name (or alias)
     *         another class holds already, compared ignoring case: use {@link #replace} to replace it
     */
    public Registry<T> register(String name, Class<? extends T> type, Factory<? extends T> factory) {
        return put(name, type, factory, false);
    }

    /**
     * Registers {@code type} under {@code name}, replacing what {@code name} (or a name differing only
     * in case) held, a built-in included: the explicit form of {@link #register}, for a module or a
     * user that means to take the name over.
     *
     * @return this registry
     * @throws IllegalArgumentException for a blank name, a null type or factory
     */
    public Registry<T> replace(String name, Class<? extends T> type, Factory<? extends T> factory) {
        return put(name, type, factory, true);
    }

    private Registry<T> put(String name, Class<? extends T> type, Factory<? extends T> factory, boolean replace) {
        if (name == null || name.isBlank() || type == null || factory == null) {
            throw new IllegalArgumentException("Registering a " + kind + " needs a name, a class and a factory");
        }
        loadProviders();
        String owner = caller();
        synchronized (this) {
            Entry<T> taken = find(name);
            if (taken != null && !replace && taken.type() != type) {
                throw new IllegalArgumentException(taken(name, taken) + "; choose another name, or replace it explicitly"
                        + " with Registry." + constantName() + ".replace(\"" + name + "\", ...)");
            }
            for (String key : List.copyOf(byName.keySet())) {
                if (key.equalsIgnoreCase(name)) { // the old entry, and any spelling differing only in case
                    Entry<T> old = byName.remove(key);
                    nameByType.remove(old.type(), key);
                    if (!key.equals(name)) {
                        order.remove(key);
                    }
                }
            }
            byName.put(name, new Entry<>(name, type, factory, owner));
            order.addIfAbsent(name);
            nameByType.putIfAbsent(type, name);
        }
        return this;
    }

    /** "The activation 'softplus' is already registered to ... (by ...)". */
    private String taken(String name, Entry<T> taken) {
        return "The " + kind + " name '" + name + "' is already registered" + (taken.name().equals(name) ? ""
                : " (as '" + taken.name() + "')") + " to " + taken.type().getName() + " by " + taken.owner();
    }

    /** The class outside this one whose code is registering, for messages. */
    private static String caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type != Registry.class).findFirst())
                .map(Class::getName).orElse("unknown code");
    }

    /**
     * Makes {@code alias} another name for the registered {@code name} (Keras' {@code "mse"} for
     * {@code "mean_squared_error"}); saving always uses {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is unknown, or {@code alias} is taken by another class
     */
    public Registry<T> alias(String alias, String name) {
        Entry<T> entry = entry(name);
        synchronized (this) {
            Entry<T> taken = alias == null ? null : find(alias);
            if (taken != null && taken.type() != entry.type()) {
                throw new IllegalArgumentException(taken(alias, taken) + "; it cannot become an alias of '" + name + "'");
            }
            byName.put(alias, new Entry<>(entry.name(), entry.type(), entry.factory(), caller()));
            order.addIfAbsent(alias);
        }
        return this;
    }

    /** A new component with default settings: {@code create(name, Map.of())}. */
    public T create(String name) {
        return create(name, Map.of());
    }

    /**
     * A new component made by the factory registered under {@code name} (exact, else ignoring case).
     *
     * @throws IllegalArgumentException naming the registered names when none matches, or from the
     *         factory for a bad config
     */
    public T create(String name, Map<String, Object> config) {
        return entry(name).factory().create(config == null ? Map.of() : config);
    }

    /** Whether {@code name} is registered (exact, else ignoring case). */
    public boolean contains(String name) {
        loadProviders();
        return name != null && find(name) != null;
    }

    /**
     * The name {@code component}'s class is registered under.
     *
     * @throws IllegalArgumentException if its class is not registered
     */
    public String nameOf(T component) {
        String name = nameOrNull(component);
        if (name == null) {
            throw new IllegalArgumentException("The " + kind + " " + component.getClass().getName()
                    + " is not registered; register it once with Registry." + constantName() + ".register(name, "
                    + (component.getClass().isAnonymousClass() ? "YourClass" : component.getClass().getSimpleName())
                    + ".class, factory)");
        }
        return name;
    }

    /** The name {@code component}'s class is registered under, else its class's simple name (for messages). */
    public String nameOrClass(T component) {
        String name = nameOrNull(component);
        return name != null ? name : component.getClass().getSimpleName();
    }

    /** The name {@code component}'s class is registered under, or null. */
    public String nameOrNull(T component) {
        loadProviders();
        return component == null ? null : nameByType.get(component.getClass());
    }

    /** Every registered name and alias, in the order they were registered (the built-ins first). */
    public List<String> names() {
        loadProviders();
        return List.copyOf(order);
    }

    private Entry<T> entry(String name) {
        loadProviders();
        Entry<T> entry = name == null ? null : find(name);
        if (entry == null) {
            throw new IllegalArgumentException("Unknown " + kind + " '" + name + "'; registered " + kind + (kind.endsWith("s") ? "es" : "s") + ": "
                    + (byName.isEmpty() ? "none (add " + module + " to the class path)" : String.join(", ", names())));
        }
        return entry;
    }

    private Entry<T> find(String name) {
        Entry<T> entry = byName.get(name);
        if (entry != null) {
            return entry;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Entry<T>> candidate : byName.entrySet()) {
            if (candidate.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                return candidate.getValue();
            }
        }
        return null;
    }

    private String constantName() {
        return switch (kind) {
            case "learning-rate schedule" -> "SCHEDULES";
            default -> kind.toUpperCase(Locale.ROOT) + "S";
        };
    }

    /**
     * Runs every module's {@link Provider}, once per JVM: those packaged with this class (core's)
     * first, the others in class-path order.
     */
    private static void loadProviders() {
        if (loaded) {
            return;
        }
        synchronized (Registry.class) {
            if (loaded || loading) {
                return; // done, or this thread is registering them right now (register() calls back here)
            }
            loading = true;
            try {
                List<Provider> providers = new ArrayList<>();
                ServiceLoader.load(Provider.class).forEach(providers::add);
                if (providers.stream().noneMatch(Registry::packagedWithCore)) {
                    for (Provider provider : ServiceLoader.load(Provider.class, Registry.class.getClassLoader())) {
                        if (packagedWithCore(provider)) {
                            providers.add(provider); // the context class loader does not see core's own
                        }
                    }
                }
                providers.sort(Comparator.comparing(provider -> packagedWithCore(provider) ? 0 : 1));
                for (Provider provider : providers) {
                    provider.registerComponents();
                }
            } finally {
                loading = false;
                loaded = true;
            }
        }
    }

    private static boolean packagedWithCore(Provider provider) {
        java.security.CodeSource core = Registry.class.getProtectionDomain().getCodeSource();
        java.security.CodeSource its = provider.getClass().getProtectionDomain().getCodeSource();
        return core != null && its != null && core.getLocation() != null && core.getLocation().equals(its.getLocation());
    }
}
