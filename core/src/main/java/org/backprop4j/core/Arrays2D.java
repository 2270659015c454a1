package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Small helpers for reading matrices into Java arrays, used where plain loops are clearest. */
public final class Arrays2D {

    private Arrays2D() {
    }

    /**
     * The elements of {@code array} in row-major ('c') order as doubles, whatever its ordering, view
     * status or data type. Does not copy the native buffer twice when it is already a plain 'c' array.
     */
    public static double[] rowMajor(INDArray array) {
        INDArray plain = array.ordering() == 'c' && !array.isView() && array.offset() == 0
                && array.data().length() == array.length() ? array : array.dup('c');
        return plain.data().asDouble();
    }
}
