package org.backprop4j.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.core.LayerFactory;
import org.backprop4j.core.activations.Activations;

/**
 * Saves and recreates {@link Dense} layers. Config: {@code {"units": 2, "inputDim": 2 (or -1 when
 * inferred), "activation": "sigmoid" or null}}; weights: kernel {@code (inputSize, units)} and bias
 * {@code (units)}.
 */
public final class DenseFactory implements LayerFactory {

    @Override
    public String typeName() {
        return "Dense";
    }

    @Override
    public Map<String, Object> config(Layer layer) {
        if (!(layer instanceof Dense)) {
            throw new IllegalArgumentException("DenseFactory describes Dense layers, got " + layer.describe());
        }
        Dense dense = (Dense) layer;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("units", dense.units());
        config.put("inputDim", dense.declaredInputSize());
        config.put("activation", dense.activation() == null ? null : dense.activation().name());
        return config;
    }

    @Override
    public List<long[]> weightShapes(Map<String, Object> config, long inputSize) {
        Config.requireKeys(config, "Dense", "units", "inputDim", "activation");
        long units = Config.integer(config, "units", 1, Integer.MAX_VALUE);
        long inputDim = Config.integer(config, "inputDim", -1, Integer.MAX_VALUE);
        if (inputDim != -1 && inputDim != inputSize) {
            throw new IllegalArgumentException("Dense config says inputDim " + inputDim + ", but the layer gets "
                    + inputSize + " inputs");
        }
        String activation = Config.string(config, "activation", true);
        if (activation != null) {
            Activations.byName(activation);
        }
        return List.of(new long[] {inputSize, units}, new long[] {units});
    }

    @Override
    public Layer create(Map<String, Object> config) {
        Config.requireKeys(config, "Dense", "units", "inputDim", "activation");
        return new Dense((int) Config.integer(config, "units", 1, Integer.MAX_VALUE),
                (int) Config.integer(config, "inputDim", -1, Integer.MAX_VALUE),
                Config.string(config, "activation", true));
    }
}
