package org.backprop4j.core;

import java.util.Arrays;

import org.backprop4j.core.activations.Softmax;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-derived Jacobians of a Dense layer and of softmax, one sample at a time, as matrices you
 * can print and multiply. This is the derivation behind backpropagation written as code; training
 * uses the same matrices in {@link Backprop#EXPLICIT_JACOBIAN} mode.
 *
 * <p>The layer is {@code h = S(Z(x))} with {@code Z = W^T x}, i.e. {@code z_k = sum_j x_j W[j][k]},
 * and {@code S} the softmax. Shapes: {@code x} has length {@code inputDim}, the kernel {@code W} is
 * {@code (inputDim, units)} (a Keras Dense kernel), z and s have length {@code units}.
 *
 * <p><b>Index convention for derivatives with respect to W.</b> The {@code inputDim * units} weights
 * are laid out in one axis, and index {@code i*inputDim + j} stands for {@code W[j][i]}, the weight
 * from input j to output i. That is the kernel read column by column (Fortran order): all weights
 * into output 0, then all into output 1, and so on. {@link #unflattenKernel} turns such a vector back
 * into the kernel's shape.
 *
 * <p>A sample ({@code x}, {@code s}) may be given as a rank-1 vector or as a 1-row matrix. Results
 * are new arrays of the kernel's (or, for {@link #softmax}, of {@code s}'s) floating-point type.
 * Bad shapes throw {@link IllegalArgumentException} naming them.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread.
 */
public final class Jacobians {

    private Jacobians() {
    }

    /**
     * The softmax Jacobian {@code dS_i/dz_j = S_i (delta_ij - S_j)}, i.e. {@code diag(s) - s s^T}:
     * {@code S_j (1 - S_i)} on the diagonal, {@code -S_i S_j} off it. Symmetric, every row sums to 0.
     *
     * @param s the softmax output of one sample, length N (rank 1 or {@code (1, N)})
     * @return {@code (N, N)}
     */
    public static INDArray softmax(INDArray s) {
        INDArray column = sample("s", s).reshape(s.length(), 1);
        INDArray outer = column.mmul(column.transpose()); // s s^T, (N, N)
        return Nd4j.diag(column.reshape(s.length())).subi(outer);
    }

    /**
     * dZ/dW for {@code Z = W^T x}: entry {@code [i*inputDim + j][k] = dz_k/dW[j][i]}, which is
     * {@code x_j} when {@code i == k} and 0 otherwise. Column k therefore holds x in rows
     * {@code k*inputDim .. k*inputDim + inputDim - 1} and zeros elsewhere. Z is linear in W, so the
     * kernel's values do not matter, only its shape.
     *
     * @param kernel {@code (inputDim, units)}
     * @param x one sample, length {@code inputDim}
     * @return {@code (inputDim*units, units)}
     */
    public static INDArray denseWrtKernel(INDArray kernel, INDArray x) {
        long[] shape = kernelShape(kernel);
        int inputDim = (int) shape[0];
        int units = (int) shape[1];
        double[] input = Arrays2D.rowMajor(sampleOfLength("x", x, inputDim, kernel));
        double[] dZdW = new double[inputDim * units * units];
        for (int i = 0; i < units; i++) {
            for (int j = 0; j < inputDim; j++) {
                dZdW[(i * inputDim + j) * units + i] = input[j]; // row i*inputDim + j, column k = i
            }
        }
        return create(dZdW, new long[] {(long) inputDim * units, units}, kernel);
    }

    /**
     * dZ/dx for {@code Z = W^T x}: {@code dz_k/dx_j = W[j][k]}, so the matrix is {@code W^T}.
     * The chain rule then gives {@code dL/dx = (dZ/dx)^T dL/dz = W dL/dz}.
     *
     * @param kernel {@code (inputDim, units)}
     * @return a new {@code (units, inputDim)} matrix
     */
    public static INDArray denseWrtInput(INDArray kernel) {
        kernelShape(kernel);
        return floating(kernel).transpose().dup('c');
    }

    /**
     * dZ/db for {@code Z = W^T x + b}: {@code dz_k/db_i = delta_ki}, the identity.
     *
     * @param kernel {@code (inputDim, units)}, for the size and data type
     * @return {@code (units, units)}
     */
    public static INDArray denseWrtBias(INDArray kernel) {
        long units = kernelShape(kernel)[1];
        return Nd4j.eye(units).castTo(floating(kernel).dataType());
    }

    /**
     * The softmax layer's derivative with respect to its weights by the chain rule:
     * {@code dS/dW = dS/dZ . (dZ/dW)^T}, with {@code s = softmax(W^T x)} (the layer has no bias, as
     * in the derivation), {@code dS/dZ = } {@link #softmax(INDArray)} and
     * {@code dZ/dW = } {@link #denseWrtKernel}. Entry {@code [t][i*inputDim + j] = ds_t/dW[j][i]}.
     *
     * @param kernel {@code (inputDim, units)}
     * @param x one sample, length {@code inputDim}
     * @return {@code (units, inputDim*units)}
     */
    public static INDArray softmaxLayer(INDArray kernel, INDArray x) {
        long[] shape = kernelShape(kernel);
        INDArray input = sampleOfLength("x", x, shape[0], kernel).reshape(1, shape[0]);
        INDArray s = input.mmul(floating(kernel)); // z = W^T x as a (1, units) row
        new Softmax().forward(s, s);
        return softmax(s).mmul(denseWrtKernel(kernel, input).transpose());
    }

    /**
     * The same matrix as {@link #softmaxLayer} without any matrix product. dZ/dW is zero except where
     * {@code i == k}, so the chain-rule sum keeps one term:
     * {@code ds_t/dW[j][i] = S_t (delta_ti - S_i) x_j}. It needs only the layer's output s and its
     * input x (s may come from a layer with a bias too).
     *
     * @param kernel {@code (inputDim, units)}, for the shapes and data type
     * @param s the layer's softmax output, length {@code units}
     * @param x the layer's input, length {@code inputDim}
     * @return {@code (units, inputDim*units)}
     */
    public static INDArray softmaxLayerShortcut(INDArray kernel, INDArray s, INDArray x) {
        long[] shape = kernelShape(kernel);
        int inputDim = (int) shape[0];
        int units = (int) shape[1];
        double[] output = Arrays2D.rowMajor(sampleOfLength("s", s, units, kernel));
        double[] input = Arrays2D.rowMajor(sampleOfLength("x", x, inputDim, kernel));
        int weights = inputDim * units;
        double[] dSdW = new double[units * weights];
        for (int t = 0; t < units; t++) {
            for (int i = 0; i < units; i++) {
                double dSdZ = output[t] * ((t == i ? 1 : 0) - output[i]); // S_t (delta_ti - S_i)
                for (int j = 0; j < inputDim; j++) {
                    dSdW[t * weights + i * inputDim + j] = dSdZ * input[j];
                }
            }
        }
        return create(dSdW, new long[] {units, weights}, kernel);
    }

    /**
     * The vector-Jacobian product of the chain rule: given {@code g = dL/doutput} and
     * {@code J = doutput/dinput} of one sample, {@code dL/dinput_k = sum_t g_t J[t][k]}, i.e.
     * {@code J^T g}: each input's adjustments summed over the outputs.
     *
     * @param g length m
     * @param jacobian {@code (m, n)}
     * @return a new vector of length n
     */
    public static INDArray vectorJacobianProduct(INDArray g, INDArray jacobian) {
        if (jacobian == null || jacobian.rank() != 2) {
            throw new IllegalArgumentException("jacobian must be a matrix, got "
                    + (jacobian == null ? "null" : "shape " + Arrays.toString(jacobian.shape())));
        }
        INDArray row = sampleOfLength("g", g, jacobian.rows(), jacobian).reshape(1, jacobian.rows());
        return row.mmul(floating(jacobian)).reshape(jacobian.columns());
    }

    /**
     * The chain rule through an activation, one sample at a time with its materialised Jacobian:
     * row b of the result is {@code J_b^T g_b}, where {@code J_b = activation.jacobian(z_b, a_b)} is
     * the {@code (n, n)} Jacobian at sample b and {@code g_b} is row b of {@code dLda}.
     *
     * @param activation the activation function
     * @param z its inputs, {@code (batchSize, n)}, or null if the activation does not need them
     * @param a its outputs, {@code (batchSize, n)}
     * @param dLda the gradient with respect to them, {@code (batchSize, n)}
     * @return a new {@code (batchSize, n)} matrix {@code dL/dz}
     */
    public static INDArray activationBackward(ActivationFunction activation, INDArray z, INDArray a, INDArray dLda) {
        if (a == null || dLda == null || a.rank() != 2 || !Arrays.equals(a.shape(), dLda.shape())
                || z != null && !Arrays.equals(a.shape(), z.shape())) {
            throw new IllegalArgumentException(activation.getClass().getSimpleName()
                    + ": z, a and dL/da must be matrices of one shape, got "
                    + (z == null ? "null" : Arrays.toString(z.shape())) + ", "
                    + (a == null ? "null" : Arrays.toString(a.shape())) + " and "
                    + (dLda == null ? "null" : Arrays.toString(dLda.shape())));
        }
        int batchSize = (int) a.rows();
        int n = (int) a.columns();
        double[] inputs = z == null ? null : Arrays2D.rowMajor(z);
        double[] outputs = Arrays2D.rowMajor(a);
        double[] g = Arrays2D.rowMajor(dLda);
        double[] dLdz = new double[batchSize * n];
        for (int b = 0; b < batchSize; b++) {
            INDArray zb = inputs == null ? null
                    : Nd4j.create(Arrays.copyOfRange(inputs, b * n, (b + 1) * n), new long[] {n}, a.dataType());
            INDArray ab = Nd4j.create(Arrays.copyOfRange(outputs, b * n, (b + 1) * n), new long[] {n}, a.dataType());
            double[] jacobian = Arrays2D.rowMajor(activation.jacobian(zb, ab)); // J[t][k] = da_t/dz_k at t*n + k
            for (int k = 0; k < n; k++) {
                double sum = 0;
                for (int t = 0; t < n; t++) {
                    sum += g[b * n + t] * jacobian[t * n + k]; // dL/dz_k = sum over outputs t of dL/da_t da_t/dz_k
                }
                dLdz[b * n + k] = sum;
            }
        }
        return Nd4j.create(dLdz, new long[] {batchSize, n}, a.dataType());
    }

    /**
     * Turns a vector indexed by the convention above ({@code i*inputDim + j} for {@code W[j][i]}),
     * such as {@code (dZ/dW) dL/dz}, back into the kernel's {@code (inputDim, units)} shape.
     *
     * @param flat length {@code inputDim*units}
     * @return a new {@code (inputDim, units)} 'c'-order matrix
     */
    public static INDArray unflattenKernel(INDArray flat, long inputDim, long units) {
        if (inputDim <= 0 || units <= 0) {
            throw new IllegalArgumentException("inputDim and units must be positive, got " + inputDim + " and " + units);
        }
        INDArray vector = sampleOfLength("flat", flat, inputDim * units, flat);
        return vector.reshape('f', new long[] {inputDim, units}).dup('c');
    }

    // ---- checks ---------------------------------------------------------------------------------

    private static long[] kernelShape(INDArray kernel) {
        if (kernel == null || kernel.rank() != 2 || kernel.length() == 0) {
            throw new IllegalArgumentException("kernel must be an (inputDim, units) matrix, got "
                    + (kernel == null ? "null" : "shape " + Arrays.toString(kernel.shape())));
        }
        return kernel.shape();
    }

    /** One sample as a rank-1 floating-point vector: accepts shape (n) or (1, n). */
    private static INDArray sample(String what, INDArray a) {
        if (a == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        boolean vector = a.rank() == 1 || (a.rank() == 2 && a.rows() == 1);
        if (!vector || a.length() == 0) {
            throw new IllegalArgumentException(what + " must be one sample, a vector (n) or a 1-row matrix (1, n), got shape "
                    + Arrays.toString(a.shape()));
        }
        INDArray values = floating(a);
        return values.rank() == 1 ? values : values.reshape(a.length());
    }

    /** As {@link #sample} with a required length, in the data type of {@code like}. */
    private static INDArray sampleOfLength(String what, INDArray a, long length, INDArray like) {
        INDArray vector = sample(what, a);
        if (vector.length() != length) {
            throw new IllegalArgumentException(what + " must have length " + length + " to match the kernel/Jacobian, got shape "
                    + Arrays.toString(a.shape()));
        }
        DataType type = floating(like).dataType();
        return vector.dataType() == type ? vector : vector.castTo(type);
    }

    private static INDArray floating(INDArray a) {
        return a.dataType().isFPType() ? a : a.castTo(DataType.DOUBLE);
    }

    private static INDArray create(double[] values, long[] shape, INDArray like) {
        return Nd4j.create(values, shape, floating(like).dataType());
    }
}
