package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arithmetic of a training step, in one place, with two implementations chosen by size.
 *
 * <p>Why two: every ND4J call costs microseconds of set-up (building the op, checking shapes,
 * crossing into native code) before it does any arithmetic, while a plain Java loop over the same
 * native buffer costs about a nanosecond per element and nothing to start. On a network as small as
 * XOR's (arrays of 2 to 8 numbers) a step would be some twenty calls and all of their cost set-up;
 * on a 784-256-10 network the arithmetic dominates and ND4J's vectorised, multi-threaded native code
 * and BLAS win. So each operation asks {@link #forElements} or {@link #forProduct} for the
 * implementation that suits its size:
 * <ul>
 *   <li>{@link #JAVA}: loops over the arrays' native buffers, for arrays up to
 *       {@link #JAVA_MAX_ELEMENTS} elements ({@link #JAVA_MAX_TRANSCENDENTAL_ELEMENTS} for the
 *       operations that call {@code exp}) and matrix products up to
 *       {@link #JAVA_MAX_MULTIPLY_ADDS} multiply-adds;</li>
 *   <li>{@link #ND4J}: the cheapest ND4J entry point for each operation, for everything larger and
 *       for any array that is not a plain row-major ('c') array with its own buffer.</li>
 * </ul>
 * The choice depends only on the sizes, never on the model, and both give the same numbers up to
 * round-off (the tests compare them). The limits were measured (docs/performance.md) and can be
 * changed with the system properties {@code backprop4j.kernels.javaMaxElements},
 * {@code backprop4j.kernels.javaMaxTranscendentalElements} and
 * {@code backprop4j.kernels.javaMaxMultiplyAdds} (0 turns the Java path off).
 *
 * <p>Shapes: matrices are {@code (rows, columns)}; a "row vector" is rank 1 of length
 * {@code columns}. An output may be the same array as an input where a method says so.
 */
public abstract class Kernels {

    /** Default: element-wise arithmetic on at most this many elements runs in Java. */
    public static final long JAVA_MAX_ELEMENTS = Long.getLong("backprop4j.kernels.javaMaxElements", 65_536);
    /** Default: element-wise operations that call {@code exp} on at most this many elements run in Java. */
    public static final long JAVA_MAX_TRANSCENDENTAL_ELEMENTS =
            Long.getLong("backprop4j.kernels.javaMaxTranscendentalElements", 4_096);
    /** Default: matrix products of at most this many multiply-adds ({@code m * n * k}) run in Java. */
    public static final long JAVA_MAX_MULTIPLY_ADDS = Long.getLong("backprop4j.kernels.javaMaxMultiplyAdds", 32_768);

    private static volatile long javaMaxElements = JAVA_MAX_ELEMENTS;
    private static volatile long javaMaxTranscendentalElements = JAVA_MAX_TRANSCENDENTAL_ELEMENTS;
    private static volatile long javaMaxMultiplyAdds = JAVA_MAX_MULTIPLY_ADDS;

    /** Plain Java loops over the native buffers. */
    public static final Kernels JAVA = new JavaKernels();
    /** ND4J calls. */
    public static final Kernels ND4J = new Nd4jKernels();

    Kernels() {
    }

    /** The implementation for element-wise arithmetic on {@code arrays} (the first is the largest). */
    public static Kernels forElements(INDArray... arrays) {
        return arrays[0].length() <= javaMaxElements && allPlain(arrays) ? JAVA : ND4J;
    }

    /** As {@link #forElements}, for operations that evaluate {@code exp} on every element. */
    public static Kernels forTranscendental(INDArray... arrays) {
        return arrays[0].length() <= javaMaxTranscendentalElements && allPlain(arrays) ? JAVA : ND4J;
    }

    /** The implementation for {@code c = op(a) . op(b)}: Java when {@code m * n * k} is small. */
    public static Kernels forProduct(INDArray a, boolean transposeA, INDArray b, INDArray c) {
        long inner = transposeA ? a.rows() : a.columns();
        return c.length() * inner <= javaMaxMultiplyAdds && allPlain(a, b, c) ? JAVA : ND4J;
    }

    /**
     * Changes the three limits for the whole JVM (for experiments and tests: {@code (0, 0, 0)} sends
     * everything to ND4J, {@code Long.MAX_VALUE} everything plain to Java).
     *
     * @return the previous limits, in the same order, to restore them
     */
    public static long[] setJavaLimits(long maxElements, long maxTranscendentalElements, long maxMultiplyAdds) {
        long[] previous = {javaMaxElements, javaMaxTranscendentalElements, javaMaxMultiplyAdds};
        javaMaxElements = maxElements;
        javaMaxTranscendentalElements = maxTranscendentalElements;
        javaMaxMultiplyAdds = maxMultiplyAdds;
        return previous;
    }

    /** A plain array: row-major, not a view, its buffer holding exactly its elements. */
    static boolean allPlain(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array.isView() || array.ordering() != 'c' || array.data().length() != array.length()) {
                return false;
            }
        }
        return true;
    }

    /** The implementation's name, "java" or "nd4j". */
    public abstract String name();

    // ---- linear algebra -------------------------------------------------------------------------

    /**
     * {@code c = op(a) . op(b)}, with {@code op(m) = m^T} when its flag is set: no transposed copy
     * is made. Shapes: {@code op(a)} (m, k), {@code op(b)} (k, n), {@code c} (m, n), a different
     * array from a and b.
     */
    public abstract void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c);

    /** {@code z[i][j] += bias[j]} for every row i: z (rows, n), bias (n). */
    public abstract void addRowVector(INDArray z, INDArray bias);

    /** {@code sums[j] = sum over i of m[i][j]}: m (rows, n), sums (n). */
    public abstract void columnSums(INDArray m, INDArray sums);

    /** {@code y += alpha * x}, element by element; same shapes. */
    public abstract void axpy(double alpha, INDArray x, INDArray y);

    /** {@code x *= alpha}, element by element. */
    public abstract void scale(double alpha, INDArray x);

    /** {@code out = scale * (p - y)}, element by element; out may be p. */
    public abstract void scaledDifference(INDArray p, INDArray y, double scale, INDArray out);

    /** {@code out = x}. */
    public abstract void copy(INDArray x, INDArray out);

    // ---- activations, forward (a may be z) ------------------------------------------------------

    /** {@code a = 1 / (1 + exp(-z))}. */
    public abstract void sigmoid(INDArray z, INDArray a);

    /** {@code a = tanh(z)}. */
    public abstract void tanh(INDArray z, INDArray a);

    /** {@code a = max(0, z)}. */
    public abstract void relu(INDArray z, INDArray a);

    /** {@code s[i][j] = exp(z[i][j] - max_k z[i][k]) / sum_k exp(z[i][k] - max_k z[i][k])}, per row. */
    public abstract void softmaxRows(INDArray z, INDArray s);

    // ---- activations, backward: dLdz from the output a and g = dL/da (dLdz a different array) ----

    /** {@code dLdz = g * a * (1 - a)}. */
    public abstract void sigmoidBackward(INDArray a, INDArray g, INDArray dLdz);

    /** {@code dLdz = g * (1 - a^2)}. */
    public abstract void tanhBackward(INDArray a, INDArray g, INDArray dLdz);

    /** {@code dLdz = g * (a > 0 ? 1 : 0)}. */
    public abstract void reluBackward(INDArray a, INDArray g, INDArray dLdz);

    /** {@code dLdz = s * (g - rowsum(g * s))}, per row: the softmax Jacobian-vector product. */
    public abstract void softmaxBackward(INDArray s, INDArray g, INDArray dLdz);

    // ---- data -----------------------------------------------------------------------------------

    /** {@code out[r] = data[rows[from + r]]} for {@code r < out.rows()}: a batch of rows in any order. */
    public abstract void gatherRows(INDArray data, int[] rows, int from, INDArray out);
}
