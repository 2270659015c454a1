package org.backprop4j.layers;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.core.LayerFactory;
import org.backprop4j.core.activations.Activations;

/** Saves and recreates {@link Activation} layers. Config: {@code {"activation": "softmax"}}; no weights. */
public final class ActivationFactory implements LayerFactory {

    @Override
    public String typeName() {
        return "Activation";
    }

    @Override
    public Map<String, Object> config(Layer layer) {
        if (!(layer instanceof Activation)) {
            throw new IllegalArgumentException("ActivationFactory describes Activation layers, got " + layer.describe());
        }
        return Map.of("activation", ((Activation) layer).function().name());
    }

    @Override
    public List<long[]> weightShapes(Map<String, Object> config, long inputSize) {
        Config.requireKeys(config, "Activation", "activation");
        Activations.byName(Config.string(config, "activation", false));
        return List.of();
    }

    @Override
    public Layer create(Map<String, Object> config) {
        Config.requireKeys(config, "Activation", "activation");
        return new Activation(Config.string(config, "activation", false));
    }
}
