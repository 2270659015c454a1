package org.backprop4j.core.threads;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many cores a matrix product of {@link org.backprop4j.core.internal.Gemm} (and a long optimizer update) gets: the threading
 * policy's switch.
 *
 * <p>Why a policy: on a machine with few cores, shared with other programs, neither fixed choice is
 * safe. Measured on a 2-core AMD EPYC (docs/performance.md, "Two cores"): a training step whose large
 * products and updates are split in two halves on two cores ran 1.4-1.5x faster when the second
 * core was free, and 1.4-5.9x slower when another program kept it busy; products under a million
 * multiply-adds never gained.
 *
 * <p>{@code -Dbackprop4j.blas.threads=auto} (the default): OpenBLAS runs on one thread, and a product of
 * at least {@value #SPLIT_MIN_MULTIPLY_ADDS} multiply-adds ({@code m n k}) with at least
 * {@value #SPLIT_MIN_SIZE} columns or rows, or an update of at least {@value #SPLIT_MIN_ELEMENTS}
 * elements, is split in two halves computed at once on the calling thread and {@link SecondCore}'s
 * worker, but only on a thread that {@link #allowSplitting allows it}: {@code fit}'s training thread,
 * while its {@link SplitTrial} measures that whole training steps are faster that way. Everything
 * else (predict, evaluate, trainOnBatch, gradients) runs on one core.
 *
 * <p>{@code -Dbackprop4j.blas.threads=1}: one core, nothing split (bit-for-bit reproducible FLOAT runs);
 * {@code split}: every large product and update split, always (for comparisons); {@code N} (2, 4, ...):
 * OpenBLAS's own N threads for every product, nothing split (results may then depend on N); {@code off}:
 * OpenBLAS's thread count left alone (whatever ND4J, {@code OPENBLAS_NUM_THREADS} or the program set).
 * When the user set {@code OPENBLAS_NUM_THREADS} or {@code OMP_NUM_THREADS} and not the property, the
 * policy is {@code off}: the user's setting wins. Thread-safe.
 */
public final class BlasThreads {

    private static final Logger LOG = LoggerFactory.getLogger(BlasThreads.class);
    /** Below this many multiply-adds a product is never split. */
    static final long SPLIT_MIN_MULTIPLY_ADDS = 1_000_000L;
    /** A product is split only along a side (columns of C, else rows) at least this long. */
    public static final int SPLIT_MIN_SIZE = 64;
    /** Element-wise updates of at least this many elements may be split (Adam's, SGD's {@code axpy}). */
    static final int SPLIT_MIN_ELEMENTS = 65_536;

    private static final String MODE = mode(System.getProperty("backprop4j.blas.threads", "auto"),
            System.getenv("OPENBLAS_NUM_THREADS"), System.getenv("OMP_NUM_THREADS"));
    private static final boolean SEVERAL_CORES = Runtime.getRuntime().availableProcessors() > 1;
    /** Whether this thread may split its work (mode auto): set by {@link SplitTrial} around fit's steps. */
    private static final ThreadLocal<Boolean> ALLOWED = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** For tests: TRUE splits every splittable piece of work, FALSE none; null: the mode decides. */
    private static volatile Boolean forced;

    private BlasThreads() {
    }

    /** The mode for the property's value and the user's environment: "auto", "split", "off" or a thread count. */
    public static String mode(String property, String openBlasThreads, String ompThreads) {
        String value = property.trim().toLowerCase(Locale.ROOT);
        boolean userEnvironment = (openBlasThreads != null && !openBlasThreads.isBlank())
                || (ompThreads != null && !ompThreads.isBlank());
        if (value.equals("off") || value.equals("split")) {
            return value;
        }
        if (!value.equals("auto")) {
            try {
                int threads = Integer.parseInt(value);
                if (threads >= 1) {
                    return Integer.toString(threads);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            LOG.warn("backprop4j.blas.threads={} is not auto, split, off or a positive thread count: using auto",
                    property);
        }
        return userEnvironment ? "off" : "auto";
    }

    /** The policy in force: "auto", "split", "off" or a thread count. */
    public static String mode() {
        return MODE;
    }

    /** Whether {@link SplitTrial} has anything to decide: mode auto on a machine with more than one core. */
    public static boolean adaptive() {
        return MODE.equals("auto") && SEVERAL_CORES;
    }

    /**
     * Lets the calling thread split its large products and updates (mode {@code auto}), or stops it.
     *
     * @return the previous setting
     */
    public static boolean allowSplitting(boolean allowed) {
        boolean previous = ALLOWED.get();
        ALLOWED.set(allowed);
        return previous;
    }

    /**
     * For tests and experiments: {@code true} splits every product and loop that can be split, {@code false}
     * none, whatever the mode and the thread; {@code null} goes back to the mode's choice.
     *
     * @return the previous setting
     */
    public static Boolean force(Boolean split) {
        Boolean previous = forced;
        forced = split;
        return previous;
    }

    /**
     * Sets OpenBLAS's thread count for the product {@code (m, k) . (k, n)} as the mode says, and returns
     * whether to split it.
     */
    public static boolean splitProduct(int m, int n, int k) {
        switch (MODE) {
            case "off":
                break;
            case "auto":
            case "split":
                OpenBlas.openblas_set_num_threads(1); // every call: other code in the process may have changed it
                break;
            default:
                OpenBlas.openblas_set_num_threads(Integer.parseInt(MODE));
        }
        return (long) m * n * k >= SPLIT_MIN_MULTIPLY_ADDS && (n >= SPLIT_MIN_SIZE || m >= SPLIT_MIN_SIZE) && splits();
    }

    /** Whether to split an element-wise loop over {@code length} elements. */
    public static boolean splitLoop(int length) {
        return length >= SPLIT_MIN_ELEMENTS && splits();
    }

    /** Where {@link #inHalves} cuts a loop over {@code length} elements: a multiple of 64 near the middle. */
    static int middle(int length) {
        return length / 2 / 64 * 64;
    }

    /**
     * The row of a row-major {@code (rows, columns)} matrix at which {@link #inHalves} cuts a loop over its
     * elements (the row holding that element): matrix products cut there leave each core the rows it
     * updates. Between 1 and {@code rows - 1} for a matrix {@link #inHalves} cuts.
     */
    public static int middleRow(int rows, int columns) {
        long length = (long) rows * columns;
        int row = length <= Integer.MAX_VALUE ? middle((int) length) / columns : rows / 2;
        return Math.max(1, Math.min(rows - 1, row));
    }

    /** A loop body over elements {@code from .. to - 1}; {@code half} is 0 for the first range, 1 for the second. */
    @FunctionalInterface
    public interface Range {
        void run(int half, int from, int to);
    }

    /**
     * Runs an element-wise loop over {@code 0 .. length - 1}: when {@link #splitLoop} says so, as two
     * ranges at once, {@code [0, middle)} on this thread and {@code [middle, length)} on
     * {@link SecondCore}'s worker, {@code middle} a multiple of 64 elements (whole cache lines and whole
     * vectors); otherwise as one range here ({@code half} 0). Each element must be computed alone,
     * so the bits are the same either way.
     */
    public static void inHalves(int length, Range body) {
        if (!splitLoop(length)) {
            body.run(0, 0, length);
            return;
        }
        int middle = middle(length);
        SecondCore.run(() -> body.run(1, middle, length), () -> body.run(0, 0, middle));
    }

    private static boolean splits() {
        if (!SEVERAL_CORES) {
            return false;
        }
        Boolean force = forced;
        if (force != null) {
            return force;
        }
        return MODE.equals("split") || (MODE.equals("auto") && ALLOWED.get());
    }

    /**
     * OpenBLAS's thread function, bound directly (JNA direct mapping) in the library ND4J loaded: about
     * 0.1 us a call. ({@code Nd4j.factory().blas().setMaxThreads} costs 200-400 us a call.)
     */
    private static final class OpenBlas {
        static {
            String path = org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
            com.sun.jna.Native.register(OpenBlas.class, com.sun.jna.NativeLibrary.getInstance(path));
        }

        static native void openblas_set_num_threads(int threads);
    }
}
