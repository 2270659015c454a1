package org.backprop4j.optim;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs an optimizer's update rule as one Java loop over the elements of a weight, its gradient and
 * its slots: one pass over memory, no temporary arrays, and Keras' order of operations kept element
 * by element (so DOUBLE results match a float64 reference to rounding). Arrays that are not plain
 * (views, 'f' order) are copied in and written back, so the rule itself only ever sees plain arrays.
 */
final class ElementLoop {

    /** The update of one element {@code i}; {@code values[k]} are the arrays given to {@link #run}, in order. */
    @FunctionalInterface
    interface Body {
        void update(Values[] values, long i);
    }

    private ElementLoop() {
    }

    /**
     * Calls {@code body} for every element index of {@code arrays[0]}; all arrays have its length.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    static void run(Body body, INDArray... arrays) {
        long length = arrays[0].length();
        INDArray[] plain = new INDArray[arrays.length];
        Values[] values = new Values[arrays.length];
        for (int k = 0; k < arrays.length; k++) {
            if (arrays[k].length() != length) {
                throw new IllegalArgumentException("update arrays differ in length: " + length + " and " + arrays[k].length());
            }
            plain[k] = Arrays2D.isPlain(arrays[k]) ? arrays[k] : arrays[k].dup('c');
            values[k] = Values.of(plain[k]);
        }
        for (long i = 0; i < length; i++) {
            body.update(values, i);
        }
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
