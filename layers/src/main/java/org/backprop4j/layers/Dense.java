package org.backprop4j.layers;

import java.util.List;
import java.util.Random;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.GlorotUniform;
import org.backprop4j.core.Jacobians;
import org.backprop4j.core.Layer;
import org.backprop4j.core.activations.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer, as Keras' {@code Dense}: {@code z = x . kernel + bias}, then an optional
 * activation {@code a = f(z)}.
 *
 * <p>Shapes: x {@code (batchSize, inputSize)}, kernel {@code (inputSize, units)}, bias
 * {@code (units)}, z and a {@code (batchSize, units)}. The kernel starts glorot_uniform, the bias
 * at zero.
 *
 * <p>Backward (the DL4J contract), with {@code delta = dL/dz}:
 * <pre>
 *   dL/dkernel = x^T . delta        (inputSize, units): each sample's adjustments, summed
 *   dL/dbias   = sum over rows of delta
 *   dL/dx      = delta . kernel^T   (batchSize, inputSize)
 * </pre>
 */
public class Dense extends Layer {

    private final int units;
    private final long declaredInputSize;
    private final ActivationFunction activation;

    private INDArray kernel;
    private INDArray bias;
    private INDArray kernelGradient;
    private INDArray biasGradient;
    private INDArray input;
    private INDArray output;

    /** {@code Dense(units)}: the input size is taken from the previous layer. */
    public Dense(int units) {
        this(units, -1, null);
    }

    /** {@code Dense(units, input_shape=(inputDim,))}, for the first layer. */
    public Dense(int units, int inputDim) {
        this(units, inputDim, null);
    }

    /** {@code Dense(units, activation=...)} with the input size from the previous layer. */
    public Dense(int units, String activation) {
        this(units, -1, activation);
    }

    /**
     * {@code Dense(units, input_shape=(inputDim,), activation=...)}.
     *
     * @param inputDim the input size, or -1 to take it from the previous layer
     * @param activation an activation name (see {@link Activations#NAMES}), or null for none
     */
    public Dense(int units, int inputDim, String activation) {
        super(null);
        if (units <= 0) {
            throw new IllegalArgumentException("Dense needs units >= 1, got " + units);
        }
        if (inputDim == 0 || inputDim < -1) {
            throw new IllegalArgumentException("Dense needs inputDim >= 1 (or -1 for inferred), got " + inputDim);
        }
        this.units = units;
        this.declaredInputSize = inputDim;
        this.activation = activation == null ? null : Activations.byName(activation);
    }

    @Override
    protected long build(long inputSize, Random random) {
        kernel = GlorotUniform.sample(inputSize, units, dataType(), random);
        bias = Nd4j.zeros(dataType(), units);
        kernelGradient = Nd4j.zeros(dataType(), inputSize, units);
        biasGradient = Nd4j.zeros(dataType(), units);
        return units;
    }

    /** {@code a = f(x . kernel + bias)}. */
    @Override
    public INDArray forward(INDArray x) {
        input = x;
        output = buffer("output", x.rows(), units);
        Nd4j.gemm(x, kernel, output, false, false, 1.0, 0.0);
        output.addiRowVector(bias);
        if (activation != null) {
            activation.forwardInPlace(output);
        }
        return output;
    }

    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient) {
        if (activation == null) {
            return backwardFromPreActivation(dLdOutput, needInputGradient);
        }
        INDArray dLdz = buffer("dLdz", dLdOutput.rows(), units);
        activation.backward(output, dLdOutput, dLdz);
        return backwardFromPreActivation(dLdz, needInputGradient);
    }

    /** Given {@code delta = dL/dz}: {@code dkernel = x^T delta}, {@code dbias = sum(delta)}, {@code dx = delta kernel^T}. */
    @Override
    public INDArray backwardFromPreActivation(INDArray delta, boolean needInputGradient) {
        Nd4j.gemm(input, delta, kernelGradient, true, false, 1.0, 0.0);
        delta.sum(biasGradient, 0);
        if (!needInputGradient) {
            return null;
        }
        INDArray dLdx = buffer("dLdx", delta.rows(), inputSize());
        Nd4j.gemm(delta, kernel, dLdx, false, true, 1.0, 0.0);
        return dLdx;
    }

    /**
     * The backward pass with every Jacobian materialised ({@code Backprop.EXPLICIT_JACOBIAN}). For
     * each sample b, with {@code g = dL/da_b}:
     * <pre>
     *   delta       = J_f^T g                          J_f = f's (units, units) Jacobian at a_b (if f)
     *   dL/dkernel += unflatten((dZ/dW) delta)         dZ/dW = Jacobians.denseWrtKernel, (inputDim*units, units)
     *   dL/dbias   += (dZ/db)^T delta                  dZ/db = identity (units, units)
     *   dL/dx_b     = (dZ/dx)^T delta                  dZ/dx = kernel^T, (units, inputDim)
     * </pre>
     * Cost per sample: {@code inputDim * units^2} for dZ/dW, so keep it to small layers.
     */
    @Override
    public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient) {
        int batchSize = (int) dLdOutput.rows();
        long inputDim = inputSize();
        INDArray dZdx = Jacobians.denseWrtInput(kernel);
        INDArray dZdb = Jacobians.denseWrtBias(kernel);
        INDArray dLdx = needInputGradient ? Nd4j.create(dataType(), batchSize, inputDim) : null;
        kernelGradient.assign(0);
        biasGradient.assign(0);
        for (int b = 0; b < batchSize; b++) {
            INDArray delta = dLdOutput.getRow(b);
            if (activation != null) {
                delta = Jacobians.vectorJacobianProduct(delta, activation.jacobian(output.getRow(b)));
            }
            INDArray dZdW = Jacobians.denseWrtKernel(kernel, input.getRow(b));
            INDArray dLdW = Jacobians.vectorJacobianProduct(delta, dZdW.transpose());
            kernelGradient.addi(Jacobians.unflattenKernel(dLdW, inputDim, units));
            biasGradient.addi(Jacobians.vectorJacobianProduct(delta, dZdb));
            if (dLdx != null) {
                dLdx.putRow(b, Jacobians.vectorJacobianProduct(delta, dZdx));
            }
        }
        return dLdx;
    }

    @Override
    public ActivationFunction outputActivation() {
        return activation;
    }

    @Override
    public List<INDArray> parameters() {
        return List.of(kernel, bias);
    }

    @Override
    public List<String> parameterNames() {
        return List.of("kernel", "bias");
    }

    @Override
    public List<INDArray> gradients() {
        return List.of(kernelGradient, biasGradient);
    }

    @Override
    public long declaredInputSize() {
        return declaredInputSize;
    }

    /** Number of output columns. */
    public int units() {
        return units;
    }

    /** The activation applied after the weighted sum, or null. */
    public ActivationFunction activation() {
        return activation;
    }

    /** The live {@code (inputSize, units)} kernel. */
    public INDArray kernel() {
        return kernel;
    }

    /** The live {@code (units)} bias. */
    public INDArray bias() {
        return bias;
    }
}
