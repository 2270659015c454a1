package org.backprop4j.layers;

import java.util.Arrays;

import org.backprop4j.core.Jacobians;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Dense}'s backward pass with every Jacobian materialised ({@code Backprop.EXPLICIT_JACOBIAN}),
 * as the hand derivation does it. For each sample b, with {@code delta_b = dL/dz_b}:
 * <pre>
 *   dL/dkernel += unflatten((dZ/dW) delta_b)  dZ/dW = Jacobians.denseWrtKernel(kernel, x_b),
 *                                             (inputDim*units, units), row i*inputDim + j = kernel[j][i]
 *   dL/dbias   += (dZ/db)^T delta_b          dZ/db = identity (units, units)
 *   dL/dx_b     = (dZ/dx)^T delta_b          dZ/dx = kernel^T (units, inputDim)
 * </pre>
 * Every product is a sum over the outputs k of a Jacobian entry times {@code delta_k}, written out
 * as a loop. Cost per sample: {@code inputDim * units^2} for dZ/dW, so keep it to small layers.
 * Package-private: {@link Dense#backwardExplicit} is the entry point.
 */
final class DenseJacobianBackward {

    /** The three gradients: kernel {@code (inputDim, units)}, bias {@code (units)}, input {@code (batchSize, inputDim)}. */
    record Gradients(INDArray kernel, INDArray bias, INDArray input) {
    }

    private DenseJacobianBackward() {
    }

    /**
     * @param kernel {@code (inputDim, units)}
     * @param input the layer's input {@code (batchSize, inputDim)}
     * @param dLdz {@code (batchSize, units)}: the gradient before the activation
     */
    static Gradients of(INDArray kernel, INDArray input, INDArray dLdz) {
        int batchSize = (int) dLdz.rows();
        int inputDim = (int) kernel.rows();
        int units = (int) kernel.columns();
        int weights = inputDim * units;
        DataType type = kernel.dataType();
        double[] delta = Arrays2D.rowMajor(dLdz);                                    // (batchSize, units)
        double[] x = Arrays2D.rowMajor(input);                                       // (batchSize, inputDim)
        double[] dZdx = Arrays2D.rowMajor(Jacobians.denseWrtInput(kernel));          // (units, inputDim)
        double[] dZdb = Arrays2D.rowMajor(Jacobians.denseWrtBias(kernel));           // (units, units)
        double[] dLdW = new double[weights];        // index i*inputDim + j for kernel[j][i]
        double[] dLdb = new double[units];
        double[] dLdx = new double[batchSize * inputDim];
        for (int b = 0; b < batchSize; b++) {
            INDArray sample = Nd4j.create(Arrays.copyOfRange(x, b * inputDim, (b + 1) * inputDim),
                    new long[] {inputDim}, type);
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
        return new Gradients(
                Jacobians.unflattenKernel(Nd4j.create(dLdW, new long[] {weights}, type), inputDim, units),
                Nd4j.create(dLdb, new long[] {units}, type),
                Nd4j.create(dLdx, new long[] {batchSize, inputDim}, type));
    }
}
