package org.backprop4j.core;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Describes one type of {@link Layer} so that models holding it can be saved and loaded: the
 * layer's hyper-parameters as a small map (Keras' {@code get_config}), and the way back.
 *
 * <p>Implementations live next to their layers (e.g. {@code org.backprop4j.layers.DenseFactory})
 * and register themselves with {@link ServiceLoader} in
 * {@code META-INF/services/org.backprop4j.core.LayerFactory}; {@link #forType(String)} finds them
 * by the layer's {@link Layer#typeName()}. Config values must be JSON-friendly: numbers, booleans,
 * strings, null.
 *
 * <p>A loader calls {@link #weightShapes} before {@link #create}, so it can compare the sizes a
 * file claims with what the config implies before any memory is allocated.
 */
public interface LayerFactory {

    /** The {@link Layer#typeName()} of the layers this factory handles, e.g. {@code "Dense"}. */
    String typeName();

    /**
     * The hyper-parameters of {@code layer}, enough for {@link #create} to make an identical but
     * unbuilt layer (the name and the weights are saved separately).
     *
     * @throws IllegalArgumentException if {@code layer} is not of this factory's type
     */
    Map<String, Object> config(Layer layer);

    /**
     * The shapes of the weights, in {@link Layer#parameters()} order, that a layer made from
     * {@code config} has once built for {@code inputSize} inputs.
     *
     * @throws IllegalArgumentException naming a missing, unknown or bad setting, or an input size
     *         the config rules out
     */
    List<long[]> weightShapes(Map<String, Object> config, long inputSize);

    /**
     * A new, unbuilt, unnamed layer with the hyper-parameters of {@code config}.
     *
     * @throws IllegalArgumentException naming a missing, unknown or bad setting
     */
    Layer create(Map<String, Object> config);

    /**
     * The registered factory for a layer type name.
     *
     * @throws IllegalArgumentException naming the registered types when none matches
     */
    static LayerFactory forType(String typeName) {
        TreeSet<String> known = new TreeSet<>();
        for (LayerFactory factory : ServiceLoader.load(LayerFactory.class)) {
            if (factory.typeName().equals(typeName)) {
                return factory;
            }
            known.add(factory.typeName());
        }
        throw new IllegalArgumentException("No LayerFactory for layer type '" + typeName + "'; registered types: "
                + (known.isEmpty() ? "none (add backprop4j-layers to the class path)" : String.join(", ", known)));
    }
}
