package org.backprop4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Arrays2D;
import org.backprop4j.core.GlorotUniform;
import org.backprop4j.core.Jacobians;
import org.backprop4j.core.Kernels;
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
        Kernels.forProduct(x, false, kernel, output).multiply(x, false, kernel, false, output); // z = x . kernel
        Kernels.forElements(output, bias).addRowVector(output, bias);                            // z += bias, every row
        if (activation != null) {
            activation.forwardInPlace(output);                                                  // a = f(z)
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
        Kernels.forProduct(input, true, delta, kernelGradient)
                .multiply(input, true, delta, false, kernelGradient);           // dL/dkernel = x^T . delta
        Kernels.forElements(delta, biasGradient).columnSums(delta, biasGradient); // dL/dbias = sum over rows of delta
        if (!needInputGradient) {
            return null;                                                        // first layer: dL/dx is never used
        }
        INDArray dLdx = buffer("dLdx", delta.rows(), inputSize());
        Kernels.forProduct(delta, false, kernel, dLdx).multiply(delta, false, kernel, true, dLdx); // dL/dx = delta . kernel^T
        return dLdx;
    }

    /**
     * The backward pass with every Jacobian materialised ({@code Backprop.EXPLICIT_JACOBIAN}). For
     * each sample b, with {@code g = dL/da_b}:
     * <pre>
     *   delta_b     = J_f^T g                    J_f = f's (units, units) Jacobian at a_b (if f)
     *   dL/dkernel += unflatten((dZ/dW) delta_b)  dZ/dW = Jacobians.denseWrtKernel(kernel, x_b),
     *                                             (inputDim*units, units), row i*inputDim + j = kernel[j][i]
     *   dL/dbias   += (dZ/db)^T delta_b          dZ/db = identity (units, units)
     *   dL/dx_b     = (dZ/dx)^T delta_b          dZ/dx = kernel^T (units, inputDim)
     * </pre>
     * Every product is a sum over the outputs k of a Jacobian entry times {@code delta_k}, written out
     * as a loop. Cost per sample: {@code inputDim * units^2} for dZ/dW, so keep it to small layers.
     */
    @Override
    public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient) {
        int batchSize = (int) dLdOutput.rows();
        int inputDim = (int) inputSize();
        int weights = inputDim * units;
        INDArray dLdz = activation == null ? dLdOutput : Jacobians.activationBackward(activation, output, dLdOutput);
        double[] delta = Arrays2D.rowMajor(dLdz);                                    // (batchSize, units)
        double[] x = Arrays2D.rowMajor(input);                                       // (batchSize, inputDim)
        double[] dZdx = Arrays2D.rowMajor(Jacobians.denseWrtInput(kernel));          // (units, inputDim)
        double[] dZdb = Arrays2D.rowMajor(Jacobians.denseWrtBias(kernel));           // (units, units)
        double[] dLdW = new double[weights];        // index i*inputDim + j for kernel[j][i]
        double[] dLdb = new double[units];
        double[] dLdx = new double[batchSize * inputDim];
        for (int b = 0; b < batchSize; b++) {
            INDArray sample = Nd4j.create(Arrays.copyOfRange(x, b * inputDim, (b + 1) * inputDim),
                    new long[] {inputDim}, dataType());
            double[] dZdW = Arrays2D.rowMajor(Jacobians.denseWrtKernel(kernel, sample)); // (weights, units)
            for (int k = 0; k < units; k++) {
                double deltaK = delta[b * units + k];
                for (int r = 0; r < weights; r++) {
                    dLdW[r] += dZdW[r * units + k] * deltaK;          // dz_k/dw_r * dL/dz_k
                }
                for (int i = 0; i < units; i++) {
                    dLdb[i] += dZdb[k * units + i] * deltaK;          // dz_k/db_i * dL/dz_k
                }
                for (int j = 0; j < inputDim; j++) {
                    dLdx[b * inputDim + j] += dZdx[k * inputDim + j] * deltaK; // dz_k/dx_j * dL/dz_k
                }
            }
        }
        kernelGradient.assign(Jacobians.unflattenKernel(Nd4j.create(dLdW, new long[] {weights}, dataType()), inputDim, units));
        biasGradient.assign(Nd4j.create(dLdb, new long[] {units}, dataType()));
        return needInputGradient ? Nd4j.create(dLdx, new long[] {batchSize, inputDim}, dataType()) : null;
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
