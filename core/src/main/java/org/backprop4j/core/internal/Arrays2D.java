package org.backprop4j.core.internal;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small helpers for reading matrices into Java arrays, used where plain loops are clearest.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread.
 */
public final class Arrays2D {

    private Arrays2D() {
    }

    /**
     * The elements of {@code array} in row-major ('c') order as doubles, whatever its ordering, view
     * status or data type. Does not copy the native buffer twice when it is already a plain 'c' array.
     */
    public static double[] rowMajor(INDArray array) {
        return (isPlain(array) ? array : array.dup('c')).data().asDouble();
    }

    /**
     * Whether {@code array} is plain: row-major ('c'), not a view, at offset 0, its buffer holding
     * exactly its elements, so that element {@code i} in row-major order is buffer element {@code i}.
     */
    public static boolean isPlain(INDArray array) {
        return array.ordering() == 'c' && !array.isView() && array.offset() == 0
                && array.data().length() == array.length();
    }
}
