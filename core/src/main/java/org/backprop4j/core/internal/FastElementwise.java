package org.backprop4j.core.internal;

import java.util.Arrays;
import java.util.Optional;

import org.backprop4j.core.threads.BlasThreads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The element-wise work of a training step, computed in the arrays' own precision (a FLOAT array in
 * float, never widened to double; a DOUBLE array in double), on their native buffers, in place.
 *
 * <p>Two implementations give bit-identical numbers: {@link #scalar()}, plain loops, and
 * a SIMD one built on the JDK's Vector API ({@code jdk.incubator.vector}), available only when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} (an incubator module on JDK 17 to
 * 25) and is JDK 17-18 or 22+ ({@link VectorMemory}: how the loops reach the native buffers on each).
 * {@link #instance()} picks the SIMD one when it is there, unless the system property
 * {@code backprop4j.simd} is {@code false}; a user who does not add the module gets the scalar
 * loops and the same results, and one warning saying how to turn them on ({@link SimdNotice}). The FLOAT {@code exp} is computed in float (range reduction by
 * {@code ln 2}, a degree-6 polynomial, scaling by a power of two: within 2 ulp; it saturates near
 * the smallest normal number and below overflow, see {@code FloatMath}), identically in both
 * implementations; DOUBLE likewise ({@code DoubleMath}).
 *
 * <p>Every array must be plain ({@link Arrays2D#isPlain}) and all arrays of a call must have the
 * same data type, FLOAT or DOUBLE; matrices are {@code (rows, n)} with element {@code (i, j)} at
 * {@code i * n + j}, a "row vector" has {@code n} elements (any rank). An output may be the same
 * array as an input where a method says so. Errors name the operation and the shapes.
 */
public abstract class FastElementwise {

    private static final Logger LOG = LoggerFactory.getLogger(FastElementwise.class);

    private static final FastElementwise SCALAR = new ScalarElementwise();
    /** Why the SIMD loops failed although the module is there; set by {@link #loadVectorized} (no initializer). */
    private static String vectorizedFailure;
    private static final FastElementwise VECTORIZED = loadVectorized();
    private static final FastElementwise INSTANCE =
            VECTORIZED != null && !"false".equalsIgnoreCase(System.getProperty("backprop4j.simd")) ? VECTORIZED : SCALAR;

    static {
        LOG.debug("Element-wise loops: {} (jdk.incubator.vector {}, backprop4j.simd={})", INSTANCE.name(),
                VECTORIZED == null ? "absent" : "present", System.getProperty("backprop4j.simd", "not set"));
        SimdNotice.tell(SimdNotice.message(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                Runtime.version().feature(), vectorizedFailure, "false".equalsIgnoreCase(System.getProperty("backprop4j.simd"))));
    }

    /** False routes every caller to its generic path (see {@link #setEnabled}). */
    private static volatile boolean enabled = true;

    FastElementwise() {
    }

    /**
     * For experiments and tests: {@code false} makes {@link #accepts} refuse every array, so the
     * activations, Dense and the losses take their generic paths (Java loops for small arrays, ND4J
     * ops for large ones) and the two can be compared.
     *
     * @return the previous setting, to restore it
     */
    public static boolean setEnabled(boolean on) {
        boolean previous = enabled;
        enabled = on;
        return previous;
    }

    /** The implementation to use: SIMD if the Vector API is present and not turned off, else scalar. */
    public static FastElementwise instance() {
        return INSTANCE;
    }

    /** The plain-loop implementation, always available. */
    public static FastElementwise scalar() {
        return SCALAR;
    }

    /** The SIMD implementation, if this JVM has {@code jdk.incubator.vector}. */
    public static Optional<FastElementwise> vectorized() {
        return Optional.ofNullable(VECTORIZED);
    }

    private static FastElementwise loadVectorized() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null; // without the module the class below cannot even be loaded
        }
        try {
            FastElementwise vectorized = (FastElementwise) Class.forName("org.backprop4j.core.internal.VectorizedElementwise")
                    .getDeclaredConstructor().newInstance();
            selfTest(vectorized);
            return vectorized;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // e.g. JDK 19-21, whose Vector API reads only preview MemorySegments (VectorMemory); SimdNotice warns
            vectorizedFailure = "the Vector API of JDK " + System.getProperty("java.version") + " cannot run them ("
                    + (e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e) + ")";
            return null;
        }
    }

    /**
     * Runs the SIMD loops once on an array long enough for their vector path and checks them against the
     * scalar loops, bit for bit: a JDK whose Vector API lacks a method they call fails here (with a
     * {@link LinkageError}), at start-up, instead of in a training step.
     */
    private static void selfTest(FastElementwise vectorized) {
        NativeSetup.beforeNd4j(); // creating arrays loads ND4J: its native settings first
        float[] values = new float[1024];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 37 - 18) * 0.25f;
        }
        org.nd4j.linalg.api.ndarray.INDArray z = org.nd4j.linalg.factory.Nd4j.create(values, new long[] {32, 32}, 'c');
        org.nd4j.linalg.api.ndarray.INDArray simd = z.dup('c');
        org.nd4j.linalg.api.ndarray.INDArray plain = z.dup('c');
        vectorized.axpyImpl(0.375, z, simd);
        SCALAR.axpyImpl(0.375, z, plain);
        if (!Arrays.equals(simd.data().asFloat(), plain.data().asFloat()) || !vectorized.allFiniteImpl(z, 0, z.length())) {
            throw new IllegalStateException("SIMD axpy differs from the scalar loop");
        }
    }

    /**
     * Whether these arrays can go through this class: every one plain ({@link Arrays2D#isPlain}),
     * FLOAT or DOUBLE, all of the type of the first, all of one length. A caller whose arrays fail
     * this (views, other types), or that runs while {@link #setEnabled} turned this class off, uses
     * its generic path instead.
     */
    public static boolean accepts(INDArray... arrays) {
        if (!enabled) {
            return false;
        }
        DataType type = arrays[0].dataType();
        long length = arrays[0].length();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return false;
        }
        for (INDArray array : arrays) {
            if (array.dataType() != type || array.length() != length || !Arrays2D.isPlain(array)
                    || array.length() >= Integer.MAX_VALUE / 8) {
                return false;
            }
        }
        return true;
    }

    /** "scalar", or "simd (512-bit)" and the like. */
    public abstract String name();

    /** Whether SIMD loops run: the Vector API is present, works, and is not turned off. */
    public static boolean simd() {
        return INSTANCE != SCALAR;
    }

    /** Lanes of a float vector in the SIMD loops (1 without them). */
    public static int floatLanes() {
        return INSTANCE == SCALAR ? 1 : VectorFloats.lanes();
    }

    /**
     * {@code z[i][j] += bias[j]} for every row: these loops for plain arrays of one type, {@link
     * Kernels} for anything else. Shapes: z {@code (rows, n)}, bias {@code n} elements.
     */
    public static void addRowVector(INDArray z, INDArray bias) {
        if (accepts(z) && accepts(bias) && bias.dataType() == z.dataType() && z.rank() == 2) {
            instance().addBias(z, bias);
        } else {
            Kernels.forElements(z, bias).addRowVector(z, bias);
        }
    }

    /** {@code z[i][j] += bias[j]} for every row: z {@code (rows, n)}, bias {@code n} elements. */
    public final void addBias(INDArray z, INDArray bias) {
        rowVector("addBias", z, bias);
        addBiasImpl(z, bias);
    }

    /**
     * {@code out = (x - y) * scale}, element by element (the gradient of cross-entropy after softmax
     * is {@code (p - y) / rows}); out may be x or y.
     */
    public final void scaledDifference(INDArray x, INDArray y, double scale, INDArray out) {
        sameShape("scaledDifference", x, y, out);
        scaledDifferenceImpl(x, y, scale, out);
    }

    // ---- reductions and BLAS level 1 ---------------------------------------------------------------

    /** {@code sums[j] = sum_i m[i][j]} (a bias gradient): m {@code (rows, n)}, sums {@code n} elements. */
    public final void columnSums(INDArray m, INDArray sums) {
        rowVector("columnSums", m, sums);
        if (m == sums) {
            throw new IllegalArgumentException("columnSums: sums must be a different array from m");
        }
        columnSumsImpl(m, sums);
    }

    /** {@code y += alpha * x} element by element (an SGD step is {@code axpy(-lr, gradient, weights)}). */
    public final void axpy(double alpha, INDArray x, INDArray y) {
        sameShape("axpy", x, y);
        axpyImpl(alpha, x, y);
    }

    /**
     * Whether every element is finite (no NaN, no infinity): one branch-free pass, {@code acc += v * 0}
     * (zero for a finite v, NaN for an infinite or NaN one), then one test. The stop-on-NaN guard's
     * scan of the weights after every epoch; in two halves at once where {@link BlasThreads#inHalves} splits.
     */
    public final boolean allFinite(INDArray array) {
        plain("allFinite", array);
        if (array.length() > Integer.MAX_VALUE) {
            return allFiniteImpl(array, 0, array.length());
        }
        boolean[] finite = {true, true};
        BlasThreads.inHalves((int) array.length(), (half, from, to) -> finite[half] = allFiniteImpl(array, from, to));
        return finite[0] && finite[1];
    }

    /** Whether elements {@code from .. to - 1} are all finite. */
    abstract boolean allFiniteImpl(INDArray array, long from, long to);

    abstract void addBiasImpl(INDArray z, INDArray bias);

    abstract void scaledDifferenceImpl(INDArray x, INDArray y, double scale, INDArray out);

    abstract void columnSumsImpl(INDArray m, INDArray sums);

    abstract void axpyImpl(double alpha, INDArray x, INDArray y);

    // ---- argument checks ---------------------------------------------------------------------------

    /** Whether the arrays are FLOAT (else DOUBLE: the checks allow only these two). */
    static boolean isFloat(INDArray array) {
        return array.dataType() == DataType.FLOAT;
    }

    /** Elements per row of a matrix (1 for a vector of rank 1 seen as a column). */
    static int columns(INDArray matrix) {
        return matrix.rank() == 2 ? (int) matrix.columns() : 1;
    }

    private static void sameShape(String op, INDArray... arrays) {
        INDArray first = arrays[0];
        for (INDArray array : arrays) {
            plain(op, array);
            if (!Arrays.equals(array.shape(), first.shape()) || array.dataType() != first.dataType()) {
                throw new IllegalArgumentException(op + ": arrays must have one shape and type, got " + describe(arrays));
            }
        }
    }

    private static void rowVector(String op, INDArray matrix, INDArray vector) {
        matrix(op, matrix);
        plain(op, vector);
        if (vector.length() != matrix.columns() || vector.dataType() != matrix.dataType()
                || (vector.rank() == 2 && vector.rows() != 1)) {
            throw new IllegalArgumentException(op + ": needs a (rows, n) matrix and a row vector of n elements of the"
                    + " same type, got " + describe(matrix, vector));
        }
    }

    private static void matrix(String op, INDArray array) {
        if (array.rank() != 2) {
            throw new IllegalArgumentException(op + ": needs a matrix (rows, n), got shape " + Arrays.toString(array.shape()));
        }
    }

    private static void plain(String op, INDArray array) {
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException(op + ": handles FLOAT and DOUBLE arrays, got " + type);
        }
        if (!Arrays2D.isPlain(array) || array.length() >= Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException(op + ": needs plain row-major arrays (not views, own buffer), got shape "
                    + Arrays.toString(array.shape()) + " order '" + array.ordering() + "' view " + array.isView());
        }
    }

    private static String describe(INDArray... arrays) {
        StringBuilder text = new StringBuilder();
        for (INDArray array : arrays) {
            text.append(text.length() == 0 ? "" : ", ").append(array.dataType()).append(Arrays.toString(array.shape()));
        }
        return text.toString();
    }
}
