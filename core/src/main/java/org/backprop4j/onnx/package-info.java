/**
 * ONNX, the exchange format every serving stack reads: {@link org.backprop4j.onnx.Onnx#export}
 * writes a model's inference graph (Dense as {@code Gemm}, each activation as its operator, Dropout
 * as {@code Identity}) and {@link org.backprop4j.onnx.Onnx#importModel} reads chains of
 * {@code Gemm} (or {@code MatMul} + {@code Add}) and activations back into a {@code Sequential}.
 *
 * <p>The messages are ONNX's own generated classes ({@code onnx.Onnx.ModelProto} and the rest, on
 * ND4J's shaded protobuf), which ship inside {@code nd4j-api}, so the format needs no further
 * dependency. Layers and activations say how they export in their own classes, by implementing
 * {@link org.backprop4j.onnx.OnnxLayer} and {@link org.backprop4j.onnx.OnnxActivation}.
 * See {@code docs/onnx.md}.
 */
package org.backprop4j.onnx;
