package org.backprop4j.onnx;

import java.util.Map;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Registry;

/**
 * An activation function's ONNX form, implemented by the activation's own class beside its forward
 * pass and its Jacobian: how {@link Onnx#export} writes {@code a = f(z)} and which ONNX operator
 * {@link Onnx#importModel} reads back as this activation.
 *
 * <p>Export adds one operator when ONNX (opset {@value Onnx#OPSET}) has it ({@code Sigmoid},
 * {@code Tanh}, {@code Relu}, {@code Softmax}), or the elementary operators it decomposes into
 * otherwise (e.g. {@code mish(z) = z * tanh(softplus(z))} as {@code Softplus}, {@code Tanh},
 * {@code Mul}). Import maps one operator, {@link #onnxOp()}, to the activation; an activation
 * written as several operators is exported only.
 *
 * <p>An activation of yours joins both directions by implementing this interface next to
 * {@code ActivationFunction} and registering as usual ({@code Registry.ACTIVATIONS.register});
 * import finds every registered activation whose {@link #onnxOp()} is not null.
 */
public interface OnnxActivation {

    /**
     * Adds the operators computing this activation of {@code input} to {@code graph}.
     *
     * @param name the name of the (last) node, whose output is the activation's
     * @return the value holding {@code f(input)}
     */
    String toOnnx(OnnxGraph graph, String input, String name);

    /** The single ONNX operator import reads as this activation ({@code "Relu"}), or null for none. */
    default String onnxOp() {
        return null;
    }

    /**
     * This activation as {@link #onnxOp()}'s node with {@code attributes} describes it: the
     * attributes are {@code Long} (ONNX INT), {@code Double} (FLOAT) or {@code String} values, the
     * ones the file set. By default the operator takes no attribute and this activation's registered
     * name makes a new instance.
     *
     * @throws IllegalArgumentException naming an attribute this activation cannot take, or a value it
     *         cannot have
     */
    default ActivationFunction fromOnnx(Map<String, Object> attributes) {
        if (!attributes.isEmpty()) {
            throw new IllegalArgumentException("attributes " + attributes.keySet() + " are not supported; "
                    + onnxOp() + " is read without attributes");
        }
        if (!(this instanceof ActivationFunction function)) {
            throw new IllegalStateException(getClass().getName() + " implements OnnxActivation but is no ActivationFunction");
        }
        return Registry.ACTIVATIONS.create(Registry.ACTIVATIONS.nameOf(function));
    }
}
