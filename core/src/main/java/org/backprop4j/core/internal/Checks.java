package org.backprop4j.core.internal;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Argument checks shared by the model's entry points: each failure names what was wrong.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread.
 */
public final class Checks {

    /** Arrays up to this length are scanned for NaN/Inf in Java, larger ones by ND4J. */
    private static final long SCAN_IN_JAVA_UP_TO = 65_536;

    private Checks() {
    }

    /**
     * Checks that {@code array} is a non-empty, finite rank-2 matrix and returns it as a plain 'c'
     * array of {@code dataType} (the same object when it already is one).
     *
     * @param what how the message names the array, e.g. "x"
     */
    public static INDArray matrix(String what, INDArray array, DataType dataType) {
        if (array == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (array.rank() != 2) {
            throw new IllegalArgumentException(what + " must be a matrix (rows = samples, columns = features), got rank "
                    + array.rank() + " with shape " + Arrays.toString(array.shape())
                    + (array.rank() == 1 ? "; use reshape(1, n) for one sample or reshape(n, 1) for one feature" : ""));
        }
        if (array.length() == 0) {
            throw new IllegalArgumentException(what + " is empty: shape " + Arrays.toString(array.shape()));
        }
        if (!array.dataType().isFPType() && !array.dataType().isIntType()) {
            throw new IllegalArgumentException(what + " must hold numbers, got data type " + array.dataType());
        }
        INDArray result = array;
        boolean checked = false;
        if (result.dataType() != dataType) {
            result = castFinite(what, result, dataType);
            checked = true;
        }
        if (!Arrays2D.isPlain(result)) {
            result = result.dup('c');
        }
        if (!checked) {
            requireFinite(what, result);
        }
        return result;
    }

    /**
     * {@code array} converted to {@code dataType}, checked finite: a value that was finite but does
     * not fit the type (1e39 as FLOAT) is reported as overflowing, with its position, rather than as
     * the infinity the conversion made of it.
     *
     * @param what how the message names the array, e.g. "x"
     */
    public static INDArray castFinite(String what, INDArray array, DataType dataType) {
        if (array.dataType() == dataType) {
            requireFinite(what, array);
            return array;
        }
        INDArray cast = array.castTo(dataType);
        try {
            requireFinite(what, cast); // one scan on the usual path; NaN and infinity survive the cast
        } catch (IllegalArgumentException e) {
            double[] before = Arrays2D.rowMajor(array);
            double[] after = Arrays2D.rowMajor(cast);
            long columns = array.rank() == 2 ? array.columns() : after.length;
            for (int i = 0; i < after.length; i++) {
                if (!Double.isFinite(after[i])) {
                    if (!Double.isFinite(before[i])) {
                        throw e; // it was NaN or infinite already: "contains NaN at row ..."
                    }
                    throw new IllegalArgumentException(what + " holds " + before[i] + " at row " + (i / columns)
                            + ", column " + (i % columns) + " (shape " + Arrays.toString(array.shape()) + "), which"
                            + " overflows " + dataType + (dataType == DataType.FLOAT ? " (largest finite value "
                            + Float.MAX_VALUE + ")" : ""), e);
                }
            }
            throw e;
        }
        return cast;
    }

    /** Throws, naming the first position, if {@code array} holds a NaN or an infinity. */
    public static void requireFinite(String what, INDArray array) {
        // small arrays: one Java pass (each ND4J scan costs tens of microseconds to start); large: ND4J
        // plain FLOAT/DOUBLE arrays: one branch-free pass in place (Fashion-MNIST's 47M training values:
        // ND4J's two scans took ~0.4 s). The scalar loop, not the SIMD one: this check often runs once
        // (load, a fit call), and the Vector API boxes every vector on the heap until the JIT has compiled
        // the loop (9 MB for a 4 MB kernel); others: small in Java, large by ND4J
        boolean fast = FastElementwise.accepts(array);
        double[] values = !fast && array.length() <= SCAN_IN_JAVA_UP_TO ? Arrays2D.rowMajor(array) : null;
        if (fast ? FastElementwise.scalar().allFinite(array) : values != null ? allFinite(values)
                : !BooleanIndexing.or(array, Conditions.isNan()) && !BooleanIndexing.or(array, Conditions.isInfinite())) {
            return;
        }
        values = values != null ? values : Arrays2D.rowMajor(array);
        long columns = array.rank() == 2 ? array.columns() : values.length;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " contains " + values[i] + " at row " + (i / columns)
                        + ", column " + (i % columns) + " (shape " + Arrays.toString(array.shape()) + ")");
            }
        }
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
