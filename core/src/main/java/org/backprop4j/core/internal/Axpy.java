package org.backprop4j.core.internal;

import org.backprop4j.core.threads.BlasThreads;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code y += alpha x}, element by element (an SGD step is {@code axpy(-lr, gradient, weights)}),
 * straight to OpenBLAS's {@code cblas_saxpy} / {@code cblas_daxpy} for plain arrays: ND4J's level-1
 * wrapper around the same call added its own set-up, 3.6 % of the MLP step. Long arrays (at least
 * {@link BlasThreads#SPLIT_MIN_ELEMENTS}) may run in two halves at once on this thread and
 * {@link org.backprop4j.core.threads.SecondCore}'s ({@link BlasThreads#inHalves}); every element is computed
 * alone, so the bits are the same either way.
 */
public final class Axpy {

    private Axpy() {
    }

    /** Whether {@link #axpy} takes these arrays: plain, one data type (FLOAT or DOUBLE), one length. */
    public static boolean accepts(INDArray x, INDArray y) {
        return x != y && FastElementwise.accepts(x, y);
    }

    /**
     * {@code y += alpha x} in place.
     *
     * @throws IllegalArgumentException if the arrays are not accepted ({@link #accepts})
     */
    public static void axpy(double alpha, INDArray x, INDArray y) {
        if (!accepts(x, y)) {
            throw new IllegalArgumentException("axpy needs two different plain FLOAT or DOUBLE arrays of one length, got "
                    + x.dataType() + " " + x.length() + " and " + y.dataType() + " " + y.length());
        }
        BlasThreads.inHalves((int) x.length(), (half, from, to) -> range(alpha, x, y, from, to - from));
    }

    private static void range(double alpha, INDArray x, INDArray y, long from, int count) {
        if (x.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_saxpy(count, (float) alpha,
                    ScratchPointers.floats(0, BufferViews.address(x) + from * Float.BYTES), 1,
                    ScratchPointers.floats(1, BufferViews.address(y) + from * Float.BYTES), 1);
        } else {
            openblas_nolapack.cblas_daxpy(count, alpha,
                    ScratchPointers.doubles(0, BufferViews.address(x) + from * Double.BYTES), 1,
                    ScratchPointers.doubles(1, BufferViews.address(y) + from * Double.BYTES), 1);
        }
    }
}
