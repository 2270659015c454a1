package org.backprop4j.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.onnx.OnnxGraph;
import org.backprop4j.onnx.OnnxLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 3's {@code Input(shape=(n,))} as a first layer: it declares that the model takes
 * {@code (batchSize, n)} inputs, so the layers after it can infer their sizes
 * ({@code new Input(784)} then {@code new Dense(128, "relu")}). No weights; its output is its input
 * and its backward pass passes the gradient through.
 */
public class Input extends Layer implements OnnxLayer {

    private final long size;

    /**
     * @param size the number of input columns (features)
     * @throws IllegalArgumentException if size is not positive
     */
    public Input(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("Input needs a positive number of input columns, got " + size);
        }
        this.size = size;
    }

    /** From {@code {"size": n}}, as {@link #config()} writes it. */
    public static Input fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Input", "size");
        return new Input(Config.integer(config, "size", 1, Integer.MAX_VALUE));
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("size", size);
    }

    @Override
    public long declaredInputSize() {
        return size;
    }

    @Override
    protected long build(long inputSize, Random random) {
        return inputSize;
    }

    /** No weights. */
    @Override
    public List<long[]> parameterShapes(long inputSize) {
        return List.of();
    }

    /** The input itself. */
    @Override
    public INDArray forward(INDArray input, CallContext context) {
        return input;
    }

    /** The gradient itself. */
    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        return needInputGradient ? dLdOutput : null;
    }

    /** The number of input columns. */
    public long size() {
        return size;
    }

    /** ONNX: nothing; the graph's input, named like this layer, is its output. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        return input;
    }
}
