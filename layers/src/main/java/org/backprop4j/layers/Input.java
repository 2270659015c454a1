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
 * Keras 3's {@code Input(shape=...)} as a first layer: it declares the shape of one sample, so the
 * layers after it can infer their sizes: {@code new Input(784)} then {@code new Dense(128, "relu")}
 * takes {@code (batchSize, 784)}; {@code new Input(28, 28)} then {@code new Flatten()} takes pictures
 * {@code (batchSize, 28, 28)}, as the tutorial's {@code Input((28, 28))}. No weights; its output is its
 * input and its backward pass passes the gradient through.
 */
public class Input extends Layer implements OnnxLayer {

    private final long[] shape;

    /**
     * @param size the number of input columns (features)
     * @throws IllegalArgumentException if size is not positive
     */
    public Input(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("Input needs a positive number of input columns, got " + size);
        }
        this.shape = new long[] {size};
    }

    /**
     * Samples of a shape, e.g. {@code new Input(28, 28)} for 28x28 pictures: Keras' {@code Input(shape=(28, 28))}.
     *
     * @param shape one sample's dimensions, each positive (1 to 8 of them)
     * @throws IllegalArgumentException for no dimension, a dimension that is not positive, or more than 8
     */
    public Input(long... shape) {
        this.shape = SampleShape.checked("Input", shape);
    }

    /** From {@code {"size": n}} or {@code {"shape": [d1, ..., dk]}}, as {@link #config()} writes them. */
    public static Input fromConfig(Map<String, Object> config) {
        if (config != null && config.containsKey("shape")) {
            Config.requireKeys(config, "Input", "shape");
            return new Input(SampleShape.fromConfig(config, "shape", "Input"));
        }
        Config.requireKeys(config, "Input", "size");
        return new Input(Config.integer(config, "size", 1, Integer.MAX_VALUE));
    }

    /** {@code {"size": n}} for flat samples (as files before shapes), else {@code {"shape": [d1, ..., dk]}}. */
    @Override
    public Map<String, Object> config() {
        return shape.length == 1 ? Map.of("size", shape[0]) : Map.of("shape", SampleShape.toConfig(shape));
    }

    /** The values one sample holds (the product of the shape's dimensions). */
    @Override
    public long declaredInputSize() {
        return Layer.elements(shape);
    }

    @Override
    public long[] declaredInputShape() {
        return shape.clone();
    }

    /** The same shape out as in. */
    @Override
    protected long[] outputShape(long[] inputShape) {
        return inputShape;
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

    /** The number of input columns: the values one sample holds. */
    public long size() {
        return Layer.elements(shape);
    }

    /** The shape of one sample, e.g. {@code [28, 28]}. A copy. */
    public long[] shape() {
        return shape.clone();
    }

    /** ONNX: nothing; the graph's input, named like this layer, is its output. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        return input;
    }
}
