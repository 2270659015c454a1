package org.backprop4j.optim;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays of one optimizer update, ready for a Java loop over their elements: a weight, its
 * gradient and its slots as {@link Values} (read and written in place as doubles, whatever the
 * type). Each optimizer writes its own loop over them, so that every loop is compiled for the one
 * rule it runs: one pass over memory, no temporary arrays, and Keras' order of operations kept
 * element by element (DOUBLE results match a float64 reference to rounding). Arrays that are not
 * plain (views, 'f' order) are copied in and written back by {@link #writeBack()}.
 *
 * <pre>{@code
 * ElementLoop loop = new ElementLoop(value, gradient, slot);
 * Values w = loop.values(0), g = loop.values(1), s = loop.values(2);
 * for (long i = 0; i < loop.length(); i++) { ... }
 * loop.writeBack();
 * }</pre>
 */
final class ElementLoop {

    private final INDArray[] arrays;
    private final INDArray[] plain;
    private final Values[] values;
    private final long length;

    /**
     * @throws IllegalArgumentException if the arrays differ in length
     */
    ElementLoop(INDArray... arrays) {
        this.arrays = arrays;
        this.length = arrays[0].length();
        this.plain = new INDArray[arrays.length];
        this.values = new Values[arrays.length];
        for (int k = 0; k < arrays.length; k++) {
            if (arrays[k].length() != length) {
                throw new IllegalArgumentException("update arrays differ in length: " + length + " and " + arrays[k].length());
            }
            plain[k] = Arrays2D.isPlain(arrays[k]) ? arrays[k] : arrays[k].dup('c');
            values[k] = Values.of(plain[k]);
        }
    }

    /** The elements of the {@code k}-th array given to the constructor. */
    Values values(int k) {
        return values[k];
    }

    /** The number of elements of every array. */
    long length() {
        return length;
    }

    /** Copies the results back into the arrays that were not plain (a no-op for plain ones). */
    void writeBack() {
        for (int k = 0; k < arrays.length; k++) {
            if (plain[k] != arrays[k]) {
                arrays[k].assign(plain[k]);
            }
        }
    }

    /**
     * A hyper-parameter in {@code [0, 1)}.
     *
     * @throws IllegalArgumentException naming the optimizer, the argument and the value otherwise
     */
    static double unitInterval(String owner, String argument, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(owner + " " + argument + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * A positive finite hyper-parameter (an epsilon).
     *
     * @throws IllegalArgumentException naming the optimizer, the argument and the value otherwise
     */
    static double positive(String owner, String argument, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + " " + argument + " must be a positive finite number, got " + value);
        }
        return value;
    }
}
