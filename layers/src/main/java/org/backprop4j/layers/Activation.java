package org.backprop4j.layers;

import java.util.Random;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Jacobians;
import org.backprop4j.core.Layer;
import org.backprop4j.core.activations.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code Activation(name)}: applies a non-linearity to every row and has no weights.
 * Shapes: input and output {@code (batchSize, n)} with n the previous layer's output size.
 *
 * <p>Forward: {@code a = f(x)}. Backward: {@code dL/dx = J^T dL/da}, per sample, with J the
 * activation's Jacobian (diagonal for sigmoid, tanh, relu and linear; {@code diag(s) - s s^T} for
 * softmax), computed without materialising J.
 */
public class Activation extends Layer {

    private final ActivationFunction function;
    private INDArray output;

    /**
     * @param name "sigmoid", "softmax", "tanh", "relu" or "linear"
     * @throws IllegalArgumentException listing the valid names for any other
     */
    public Activation(String name) {
        super(null);
        this.function = Activations.byName(name);
    }

    @Override
    protected long build(long inputSize, Random random) {
        return inputSize;
    }

    @Override
    public INDArray forward(INDArray x) {
        output = buffer("output", x.rows(), x.columns());
        function.forward(x, output); // a = f(x), x left as it is
        return output;
    }

    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        INDArray dLdx = buffer("dLdx", dLdOutput.rows(), dLdOutput.columns());
        function.backward(output, dLdOutput, dLdx);
        return dLdx;
    }

    /**
     * The backward pass with the Jacobian materialised ({@code Backprop.EXPLICIT_JACOBIAN}): for each
     * sample b, {@code dL/dx_b = J_b^T dL/da_b} with {@code J_b} the {@code (n, n)} matrix of
     * {@link ActivationFunction#jacobian} at the sample's output (diagonal for sigmoid, tanh, relu and
     * linear; {@code diag(s) - s s^T} for softmax).
     */
    @Override
    public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        return Jacobians.activationBackward(function, output, dLdOutput);
    }

    /** The fused path: the loss already gives {@code dL/dx}, so it passes straight through. */
    @Override
    public INDArray backwardFromPreActivation(INDArray dLdPreActivation, boolean needInputGradient) {
        return needInputGradient ? dLdPreActivation : null;
    }

    @Override
    public ActivationFunction outputActivation() {
        return function;
    }

    /** The activation function. */
    public ActivationFunction function() {
        return function;
    }
}
