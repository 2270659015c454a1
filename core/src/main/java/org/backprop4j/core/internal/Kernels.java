package org.backprop4j.core.internal;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arithmetic of a training step, in one place, with two implementations chosen by size.
 *
 * <p>Why two: every ND4J call costs microseconds of set-up (building the op, checking shapes,
 * crossing into native code) before it does any arithmetic, while a plain Java loop over the same
 * native buffer costs a few nanoseconds per element and nothing to start. On a network as small as
 * XOR's (arrays of 2 to 8 numbers) a step would be some twenty ND4J calls and all of their cost
 * set-up; on a 784-256-10 network the matrix products dominate and BLAS wins. And libnd4j runs its
 * element-wise ops on arrays of a few thousand elements in OpenMP parallel regions whose worker
 * threads keep spinning afterwards and take a core away from OpenBLAS's threads: one such op
 * between two matrix products cut their rate from 89 to 6 GFLOP/s on a 2-core machine. So each
 * operation asks for the implementation that suits its size (docs/performance.md has the
 * measurements):
 * <ul>
 *   <li>{@link #forElements}: element-wise work (activations, their backward passes, bias, sums,
 *       loss gradients); Java up to {@link #JAVA_MAX_ELEMENTS} elements;</li>
 *   <li>{@link #forBlasLevel1}: {@code y += alpha x}, which ND4J hands straight to BLAS level 1
 *       (under a microsecond to start, no OpenMP); Java up to {@link #JAVA_MAX_BLAS1_ELEMENTS};</li>
 *   <li>{@link #forProduct}: matrix products; Java up to {@link #JAVA_MAX_MULTIPLY_ADDS}
 *       multiply-adds ({@code m * n * k}), BLAS above.</li>
 * </ul>
 * {@link #JAVA} is used only for plain row-major ('c') arrays with their own buffer; anything else
 * goes to {@link #ND4J}. The choice depends only on the sizes, never on the model, and both give
 * the same numbers up to round-off (the tests compare them). The limits can be changed with the
 * system properties {@code backprop4j.kernels.javaMaxElements},
 * {@code backprop4j.kernels.javaMaxBlas1Elements} and {@code backprop4j.kernels.javaMaxMultiplyAdds}
 * (0 turns the Java path off), or with {@link #setJavaLimits}.
 *
 * <p>Shapes: matrices are {@code (rows, columns)}; a "row vector" is rank 1 of length
 * {@code columns}. An output may be the same array as an input where a method says so.
 *
 * <p>Threads: static methods; the size thresholds are volatile, so a change made on one thread is
 * seen by all.
 */
public abstract class Kernels {

    /** Default: element-wise work on at most this many elements runs in Java. */
    public static final long JAVA_MAX_ELEMENTS = Long.getLong("backprop4j.kernels.javaMaxElements", 65_536);
    /** Default: {@code y += alpha x} on at most this many elements runs in Java, above in BLAS level 1. */
    public static final long JAVA_MAX_BLAS1_ELEMENTS = Long.getLong("backprop4j.kernels.javaMaxBlas1Elements", 256);
    /** Default: matrix products of at most this many multiply-adds ({@code m * n * k}) run in Java. */
    public static final long JAVA_MAX_MULTIPLY_ADDS = Long.getLong("backprop4j.kernels.javaMaxMultiplyAdds", 4_096);

    private static volatile long javaMaxElements = JAVA_MAX_ELEMENTS;
    private static volatile long javaMaxBlas1Elements = JAVA_MAX_BLAS1_ELEMENTS;
    private static volatile long javaMaxMultiplyAdds = JAVA_MAX_MULTIPLY_ADDS;

    /** Plain Java loops over the native buffers. */
    public static final Kernels JAVA = new JavaKernels();
    /** ND4J calls. */
    public static final Kernels ND4J = new Nd4jKernels();

    Kernels() { // two implementations, both here
    }

    /** The implementation for element-wise work on {@code arrays} (the first sets the size). */
    public static Kernels forElements(INDArray... arrays) {
        return arrays[0].length() <= javaMaxElements && allPlain(arrays) ? JAVA : ND4J;
    }

    /** The implementation for {@link #axpy} on {@code arrays}: Java for tiny ones, else BLAS level 1. */
    public static Kernels forBlasLevel1(INDArray... arrays) {
        return arrays[0].length() <= javaMaxBlas1Elements && allPlain(arrays) ? JAVA : ND4J;
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
    public static long[] setJavaLimits(long maxElements, long maxBlas1Elements, long maxMultiplyAdds) {
        long[] previous = {javaMaxElements, javaMaxBlas1Elements, javaMaxMultiplyAdds};
        javaMaxElements = maxElements;
        javaMaxBlas1Elements = maxBlas1Elements;
        javaMaxMultiplyAdds = maxMultiplyAdds;
        return previous;
    }

    /** Whether every array is plain ({@link Arrays2D#isPlain}). */
    public static boolean allPlain(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (!Arrays2D.isPlain(array)) {
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

    // ---- data -----------------------------------------------------------------------------------

    /** {@code out[r] = data[rows[from + r]]} for {@code r < out.rows()}: a batch of rows in any order. */
    public abstract void gatherRows(INDArray data, int[] rows, int from, INDArray out);
}
