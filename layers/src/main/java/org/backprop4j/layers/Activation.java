package org.backprop4j.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.Jacobians;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Registry;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.backprop4j.onnx.OnnxLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code Activation(name)}: applies a non-linearity to every row and has no weights.
 * Shapes: input and output {@code (batchSize, n)} with n the previous layer's output size.
 *
 * <p>Forward: {@code a = f(x)}. Backward: {@code dL/dx = J^T dL/da}, per sample, with J the
 * activation's Jacobian (diagonal for sigmoid, tanh, relu and linear; {@code diag(s) - s s^T} for
 * softmax), computed without materialising J.
 *
 * <p>Threads: belongs to one model; its forward pass may run on several threads at once, each with
 * its own context (see {@link org.backprop4j.core.Layer}).
 */
public class Activation extends Layer implements OnnxLayer {

    private final ActivationFunction function;

    /**
     * @param name a registered activation: "sigmoid", "softmax", "tanh", "relu", "linear", or one of yours
     * @throws IllegalArgumentException listing the registered names for any other
     */
    public Activation(String name) {
        this(Registry.ACTIVATIONS.create(name));
    }

    /** An Activation layer applying {@code function}. */
    public Activation(ActivationFunction function) {
        if (function == null) {
            throw new IllegalArgumentException("Activation needs an activation function, got null");
        }
        this.function = function;
    }

    /** From {@code {"activation": name or {"type", "config"}}}. */
    public static Activation fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Activation", "activation");
        return new Activation(Config.component(Registry.ACTIVATIONS, config, "activation", false));
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("activation", Config.component(Registry.ACTIVATIONS, function));
    }

    @Override
    protected long build(long inputSize, Random random) {
        return inputSize;
    }

    /** {@code a = f(x)}, x left as it is. */
    @Override
    public INDArray forward(INDArray x, CallContext context) {
        INDArray output = context.buffer(this, "output", x.rows(), x.columns());
        function.forward(x, output);
        if (context.training()) {
            context.keep(this, "input", x);
            context.keep(this, "output", output);
        }
        return output;
    }

    /** {@code dL/dx = J^T dL/da}, as the function's vector-Jacobian product. */
    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        if (!needInputGradient) {
            return null;
        }
        INDArray dLdx = context.buffer(this, "dLdx", dLdOutput.rows(), dLdOutput.columns());
        function.backward(function.needsPreActivation() ? context.kept(this, "input") : null, // z only if read
                context.kept(this, "output"), dLdOutput, dLdx);
        return dLdx;
    }

    /**
     * The backward pass with the Jacobian materialised ({@code Backprop.EXPLICIT_JACOBIAN}): for each
     * sample b, {@code dL/dx_b = J_b^T dL/da_b} with {@code J_b} the {@code (n, n)} matrix of
     * {@link ActivationFunction#jacobian} at the sample's input and output.
     */
    @Override
    public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        if (!needInputGradient) {
            return null;
        }
        return Jacobians.activationBackward(function, context.kept(this, "input"), context.kept(this, "output"),
                dLdOutput);
    }

    /** The fused path: the loss already gives {@code dL/dx}, so it passes straight through. */
    @Override
    public INDArray backwardFromPreActivation(INDArray dLdz, boolean needInputGradient, CallContext context) {
        return needInputGradient ? dLdz : null;
    }

    @Override
    public ActivationFunction outputActivation() {
        return function;
    }

    /** The activation function. */
    public ActivationFunction function() {
        return function;
    }

    /** ONNX: the activation's own node(s), the last named like this layer. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        if (!(function instanceof OnnxActivation onnx)) {
            throw new IllegalStateException("the activation " + function.name() + " (" + function.getClass().getName()
                    + ") has no ONNX form: the class does not implement org.backprop4j.onnx.OnnxActivation");
        }
        return onnx.toOnnx(graph, input, name());
    }
}
