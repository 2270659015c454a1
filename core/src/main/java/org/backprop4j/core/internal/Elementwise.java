package org.backprop4j.core.internal;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise loops in Java, for the small arrays on which an ND4J call's set-up costs more than
 * the arithmetic ({@link Kernels} explains the trade-off). An activation function uses them as
 * {@code if (Elementwise.inJava(a, z)) Elementwise.map(z, a, f) else <its ND4J op>}, so its formula
 * stays in its own class.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread.
 */
public final class Elementwise {

    private Elementwise() {
    }

    /** Whether element-wise work on {@code arrays} (the first sets the size) runs in Java loops. */
    public static boolean inJava(INDArray... arrays) {
        return Kernels.forElements(arrays) == Kernels.JAVA;
    }

    /** {@code out[i] = f(x[i])} for every element; out may be x. Plain arrays of the same length. */
    public static void map(INDArray x, INDArray out, DoubleUnaryOperator f) {
        Values xv = Values.of(x);
        Values ov = Values.of(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, f.applyAsDouble(xv.get(i)));
        }
    }

    /** {@code out[i] = f(x[i], y[i])} for every element; out may be x or y. Plain arrays of the same length. */
    public static void zip(INDArray x, INDArray y, INDArray out, DoubleBinaryOperator f) {
        Values xv = Values.of(x);
        Values yv = Values.of(y);
        Values ov = Values.of(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, f.applyAsDouble(xv.get(i), yv.get(i)));
        }
    }
}
