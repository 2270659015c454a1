package org.backprop4j.onnx;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that {@link Onnx#export} can write: it adds the operators computing its inference-mode
 * output ({@code predict}'s, Dropout off) to the graph. A layer type that does not implement it
 * makes the export fail with a message naming it; a new layer type exports by implementing it in
 * its own class, next to its forward pass.
 *
 * <p>Example, a fully connected layer {@code z = x . kernel + bias} as ONNX's {@code Gemm}:
 * <pre>{@code
 * public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
 *     String kernel = graph.initializer(name() + "/kernel", weights.get(0));
 *     String bias = graph.initializer(name() + "/bias", weights.get(1));
 *     return graph.add("Gemm", name(), input, kernel, bias).output();
 * }
 * }</pre>
 */
public interface OnnxLayer {

    /**
     * Adds this layer's inference computation to {@code graph}.
     *
     * @param input the value holding the layer's input, {@code (batchSize, inputSize)}
     * @param weights this layer's weights in {@code parameters()} order, copied from the model at one
     *        moment (so an export running beside training writes one consistent set)
     * @return the value holding the layer's output, {@code (batchSize, outputSize)}: {@code input} itself for
     *         a layer that is the identity at inference
     * @throws IllegalStateException if this layer, as configured, has no ONNX form
     */
    String toOnnx(OnnxGraph graph, String input, List<INDArray> weights);
}
