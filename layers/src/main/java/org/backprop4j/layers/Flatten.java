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
 * Keras' {@code Flatten()}: each sample's values in one row, in row-major order, so that a
 * {@code Dense} layer can follow. Shapes: {@code (batchSize, d1, ..., dk)} in,
 * {@code (batchSize, d1 * ... * dk)} out; no weights.
 * <pre>
 *   y[b, (i1 * d2 + i2) * d3 + ... + ik] = x[b, i1, i2, ..., ik]       (C order, as numpy's reshape)
 *   dL/dx = dL/dy read back with x's shape                              (the Jacobian is the identity)
 * </pre>
 * {@code new Flatten(28, 28)} as the first layer is the tutorial's {@code Flatten(input_shape=(28, 28))}:
 * the model then takes {@code (samples, 28, 28)}; {@code new Flatten()} after {@code new Input(28, 28)} is
 * the same model written with Keras 3's {@code Input((28, 28))}.
 *
 * <p>The model hands every layer its samples as rows of their values in row-major order already
 * (a (samples, 28, 28) array enters as (samples, 784), a view of the same memory: see
 * {@link Layer#outputShape(long[])}), so the forward and backward passes return their argument:
 * flattening changes how a row is read, {@link #outputShape()}, not the numbers.
 */
public class Flatten extends Layer implements OnnxLayer {

    /** The shape of one input sample declared as the first layer (Keras' input_shape=), or null. */
    private final long[] declaredShape;

    /** Flattens whatever the layer before it outputs. */
    public Flatten() {
        this.declaredShape = null;
    }

    /**
     * As the first layer: samples of {@code inputShape}, e.g. {@code new Flatten(28, 28)} for
     * Keras' {@code Flatten(input_shape=(28, 28))}.
     *
     * @throws IllegalArgumentException for no dimension, a dimension that is not positive, or more than 8
     */
    public Flatten(long... inputShape) {
        this.declaredShape = SampleShape.checked("Flatten", inputShape);
    }

    /** From {@code {}} or {@code {"inputShape": [d1, ..., dk]}}, as {@link #config()} writes them. */
    public static Flatten fromConfig(Map<String, Object> config) {
        if (config != null && config.containsKey("inputShape")) {
            Config.requireKeys(config, "Flatten", "inputShape");
            return new Flatten(SampleShape.fromConfig(config, "inputShape", "Flatten"));
        }
        Config.requireKeys(config, "Flatten");
        return new Flatten();
    }

    @Override
    public Map<String, Object> config() {
        return declaredShape == null ? Map.of() : Map.of("inputShape", SampleShape.toConfig(declaredShape));
    }

    @Override
    public long declaredInputSize() {
        return declaredShape == null ? -1 : Layer.elements(declaredShape);
    }

    @Override
    public long[] declaredInputShape() {
        return declaredShape == null ? null : declaredShape.clone();
    }

    /** One dimension: the values a sample holds. */
    @Override
    protected long[] outputShape(long[] inputShape) {
        return new long[] {Layer.elements(inputShape)};
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

    /** The rows themselves: {@code (batchSize, d1 * ... * dk)} is already the flattened batch. */
    @Override
    public INDArray forward(INDArray input, CallContext context) {
        return input;
    }

    /** The gradient itself (the model reads it with the input's shape). */
    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        return needInputGradient ? dLdOutput : null;
    }

    /** ONNX: a {@code Flatten} node with {@code axis = 1}: {@code (N, d1, ..., dk)} to {@code (N, d1 * ... * dk)}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        return graph.add("Flatten", name(), input).attribute("axis", 1L).output();
    }
}
