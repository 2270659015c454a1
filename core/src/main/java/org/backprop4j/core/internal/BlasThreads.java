package org.backprop4j.core.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many cores each matrix product of {@link Gemm} gets: the threading policy.
 *
 * <p>Why a policy: on a machine with few cores, shared with other programs, neither fixed choice is
 * safe. Measured on a 2-core AMD EPYC (docs/performance.md, "Threads"): a product with tens of
 * millions of multiply-adds runs 1.7-1.9x faster on two cores when the second core is free, and no
 * faster (0.97x) or slower when it is not; products under a million multiply-adds (a 10-class
 * output layer's) are 5-12 % slower on two threads, always.
 *
 * <p>The policy, {@code -Dbackprop4j.blas.threads=auto} (the default): OpenBLAS runs on one thread,
 * and a product of at least {@value #SPLIT_MIN_MULTIPLY_ADDS} multiply-adds ({@code m n k}) with at
 * least {@value #SPLIT_MIN_SIZE} columns or rows may be split in two halves computed at the same time
 * on this thread and {@link SecondCore}'s worker. Whether it is, is measured: for each shape
 * ({@code m, n, k}, transposes) the wall time of each choice is measured: the first
 * {@value #WINDOW} splittable products of the process are split, the next {@value #WINDOW} not, then each
 * shape uses its faster choice (by the median of its last {@value Choice#SAMPLES} wall times, which one
 * preempted call does not move), and one window of {@value #WINDOW} in every
 * {@value #EXPLORE_EVERY} splittable products tries the other choice again, so the choice follows the
 * machine's load. Only the second half of a window counts (the first wakes the worker and lets the
 * operating system move it to the other core), and no split whose worker started late (it had parked) (a busy neighbour core makes
 * one thread the faster, and the policy moves there within a few calls). The halves are computed by
 * OpenBLAS's one-thread code, so a split product has exactly the bits of an unsplit one: results do
 * not depend on the choice, and a seeded run is reproducible. It uses at most two cores per product.
 *
 * <p>{@code -Dbackprop4j.blas.threads=split} splits every product that can be split (no measuring,
 * for comparisons); {@code -Dbackprop4j.blas.threads=N} gives every product OpenBLAS's own N threads and never splits
 * (then results may depend on N); {@code off} leaves OpenBLAS's thread count alone (whatever ND4J,
 * {@code OPENBLAS_NUM_THREADS} or the program set). When the user set {@code OPENBLAS_NUM_THREADS} or
 * {@code OMP_NUM_THREADS} and not the property, the policy is {@code off}: the user's setting wins.
 * Thread-safe.
 */
public final class BlasThreads {

    private static final Logger LOG = LoggerFactory.getLogger(BlasThreads.class);
    /** Below this many multiply-adds a product is never split. */
    static final long SPLIT_MIN_MULTIPLY_ADDS = 1_000_000L;
    /** A product is split only along a side (columns of C, else rows) at least this long. */
    static final int SPLIT_MIN_SIZE = 64;
    /** Splittable products in a row (of any shape) that try one choice, in the trial and in each exploration. */
    static final int WINDOW = 24;
    /** After the trial (a window of each choice), one window in this many splittable products tries the other. */
    static final int EXPLORE_EVERY = 512;
    /** A split whose worker started later than this (it had parked) is not counted: its wake-up is not the product's cost. */
    static final long HOT_WORKER_NANOS = 20_000;

    private static final String MODE = mode(System.getProperty("backprop4j.blas.threads", "auto"),
            System.getenv("OPENBLAS_NUM_THREADS"), System.getenv("OMP_NUM_THREADS"));
    private static final boolean SEVERAL_CORES = Runtime.getRuntime().availableProcessors() > 1;
    private static final Map<Shape, Choice> CHOICES = new ConcurrentHashMap<>();
    private static final AtomicLong SPLITTABLE_CALLS = new AtomicLong();
    /** For tests: TRUE splits every splittable piece of work, FALSE none; null measures (the mode decides). */
    private static volatile Boolean forced;

    private BlasThreads() {
    }

    /**
     * For tests and experiments: {@code true} splits every product and loop that can be split, {@code false}
     * none, whatever the mode; {@code null} goes back to the mode's choice.
     *
     * @return the previous setting
     */
    public static Boolean force(Boolean split) {
        Boolean previous = forced;
        forced = split;
        return previous;
    }

    /** The policy in force: "auto", "split", "off" or a thread count. */
    public static String mode() {
        return MODE;
    }

    /** The plan for one splittable piece of work: forced, always split, or measured. */
    private static int plan(Choice choice) {
        Boolean force = forced;
        if (force != null) {
            return (force ? Choice.SPLIT : 0);
        }
        return MODE.equals("split") ? Choice.SPLIT | Choice.COUNTS : choice.next(SPLITTABLE_CALLS.getAndIncrement());
    }

    /** The mode for the property's value and the user's environment: "auto", "off" or a thread count. */
    static String mode(String property, String openBlasThreads, String ompThreads) {
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
            LOG.warn("backprop4j.blas.threads={} is not auto, off or a positive thread count: using auto", property);
        }
        return userEnvironment ? "off" : "auto";
    }

    /** A product's shape, or an element-wise loop's kind and length ({@code k = 0}): the key of its measurements. */
    record Shape(int m, int n, int k, boolean transposeA, boolean transposeB) {
    }

    /** Element-wise loops of at least this many elements may be split (an Adam update of a 256x256 kernel, say). */
    static final int SPLIT_MIN_ELEMENTS = 65_536;

    /**
     * Decides whether an element-wise loop over {@code length} elements (an optimizer's update) is split
     * in two halves on this thread and the worker, by the same measuring as the products (keyed by
     * {@code kind} and the length); returns the measurement to stop after the loop, or null when it is
     * not split (too short, one core, or a mode other than {@code auto}/{@code split}). Such loops give
     * the same bits split or not: each element is computed alone.
     */
    public static Measurement startLoop(int kind, int length) {
        if (!SEVERAL_CORES || length < SPLIT_MIN_ELEMENTS
                || (forced == null && !(MODE.equals("auto") || MODE.equals("split")))) {
            return null;
        }
        Choice choice = CHOICES.computeIfAbsent(new Shape(kind, length, 0, false, false), s -> new Choice());
        int plan = plan(choice);
        return new Measurement(choice, (plan & Choice.SPLIT) != 0, (plan & Choice.COUNTS) != 0, System.nanoTime());
    }

    /**
     * Sets OpenBLAS's thread count for the product {@code (m, k) . (k, n)} and decides whether to split
     * it; returns the measurement to {@link Measurement#stop() stop} after the call, or null when the
     * product is not split and not measured.
     */
    static Measurement start(int m, int n, int k, boolean transposeA, boolean transposeB) {
        switch (MODE) {
            case "off":
                if (forced == null) {
                    return null;
                }
                break;
            case "auto":
            case "split":
                OpenBlas.openblas_set_num_threads(1); // every call: other code in the process may have changed it
                break;
            default:
                OpenBlas.openblas_set_num_threads(Integer.parseInt(MODE));
                if (forced == null) {
                    return null;
                }
        }
        if (!SEVERAL_CORES || (long) m * n * k < SPLIT_MIN_MULTIPLY_ADDS
                || (n < SPLIT_MIN_SIZE && m < SPLIT_MIN_SIZE)) {
            return null;
        }
        Choice choice = CHOICES.computeIfAbsent(new Shape(m, n, k, transposeA, transposeB), s -> new Choice());
        int plan = plan(choice);
        return new Measurement(choice, (plan & Choice.SPLIT) != 0, (plan & Choice.COUNTS) != 0, System.nanoTime());
    }

    /** One call: which shape, whether it is split, whether its time counts, when it started. */
    public record Measurement(Choice choice, boolean split, boolean counts, long startNanos) {
        /**
         * Records the call's wall time if it counts, and unless the worker had to be woken for a split;
         * for a split, also how fast each side went ({@code callerShare} and {@code workerShare}: the
         * columns, rows or elements each computed), which sets the next split's proportions.
         *
         * @param timing what {@link SecondCore#run} returned, or null when the work was not split
         */
        public void stop(SecondCore.Timing timing, long callerShare, long workerShare) {
            if (timing != null) {
                choice.balance(callerShare / (double) timing.caller(), workerShare / (double) timing.worker());
            }
            if (counts && (!split || (timing != null && timing.workerDelay() <= HOT_WORKER_NANOS))) {
                choice.record(split, System.nanoTime() - startNanos);
            }
        }

        /** Records an unsplit call. */
        public void stop() {
            stop(null, 0, 0);
        }

        /**
         * Where to cut {@code size} columns, rows or elements: how many the caller takes (the worker takes the
         * rest), a multiple of {@code granule}, so that both halves take equally long by the rates measured.
         */
        public int callerPart(int size, int granule) {
            int part = (int) Math.round(size * (1 - choice.workerShare()) / granule) * granule;
            return Math.max(granule, Math.min(size - granule, part));
        }
    }

    /** The mode and the choice made for each shape seen so far, for the benchmarks' reports. */
    public static String describe() {
        StringBuilder text = new StringBuilder("backprop4j.blas.threads=" + MODE);
        CHOICES.forEach((shape, choice) -> {
            text.append("; ");
            if (shape.k() == 0) {
                text.append("loop ").append(shape.m()).append(" of ").append(shape.n());
            } else {
                text.append(shape.m()).append('x').append(shape.k()).append(shape.transposeA() ? "^T" : "").append(" . ")
                        .append(shape.k()).append('x').append(shape.n()).append(shape.transposeB() ? "^T" : "");
            }
            text.append(": ").append(choice);
        });
        return text.toString();
    }

    /** One shape's measurements: medians of the recent wall times per call, split and not, and the balance of a split. */
    public static final class Choice {
        private long calls;
        private long splitCalls;
        /** How many recent wall times of each choice the median is taken over. */
        static final int SAMPLES = 9;
        /** The median of the recent wall times, whole and split (NaN before the first). */
        private double averageWhole = Double.NaN;
        private double averageSplit = Double.NaN;
        private final long[] recentWhole = new long[SAMPLES];
        private final long[] recentSplit = new long[SAMPLES];
        private int wholeSamples;
        private int splitSamples;
        /** The share of a split the worker gets: its speed over both speeds, by moving averages. */
        private double workerShare = 0.5;
        private double callerRate = Double.NaN;
        private double workerRate = Double.NaN;

        /** Adds a split's speeds (elements per nanosecond) of the caller's and the worker's half. */
        synchronized void balance(double callerSpeed, double workerSpeed) {
            callerRate = Double.isNaN(callerRate) ? callerSpeed : 0.8 * callerRate + 0.2 * callerSpeed;
            workerRate = Double.isNaN(workerRate) ? workerSpeed : 0.8 * workerRate + 0.2 * workerSpeed;
            workerShare = Math.max(0.2, Math.min(0.8, workerRate / (callerRate + workerRate)));
        }

        synchronized double workerShare() {
            return workerShare;
        }

        /** Bits of {@link #next()}: the call is split. */
        static final int SPLIT = 1;
        /** Bits of {@link #next()}: the call's time counts. */
        static final int COUNTS = 2;

        /**
         * The plan for a call ({@link #SPLIT} and {@link #COUNTS} bits), from the number of splittable
         * products before it in the process: a window of {@link #WINDOW} split and a window whole
         * first, then the faster, with a window of the other every {@link #EXPLORE_EVERY}. The windows
         * are the same for every shape, so that during one every large product of a training step is
         * split and the worker stays busy (a worker woken for one product shares the caller's core until
         * the operating system moves it, and would make splitting look slow); the first half of a
         * window does not count.
         */
        synchronized int next(long splittable) {
            calls++;
            boolean split;
            long inWindow;
            if (splittable < 2 * WINDOW) {
                split = splittable < WINDOW;
                inWindow = splittable % WINDOW;
            } else {
                long position = (splittable - 2 * WINDOW) % EXPLORE_EVERY;
                split = averageSplit < averageWhole; // NaN (no sample yet) counts as slower
                if (position < WINDOW) {
                    split = !split;
                }
                inWindow = position < WINDOW ? position : WINDOW; // outside a window every call counts
            }
            if (split) {
                splitCalls++;
            }
            return (split ? SPLIT : 0) | (inWindow >= WINDOW / 2 ? COUNTS : 0);
        }

        /** Adds a measured call's wall time. */
        synchronized void record(boolean split, long nanos) {
            long[] recent = split ? recentSplit : recentWhole;
            int count = split ? splitSamples++ : wholeSamples++;
            recent[count % SAMPLES] = nanos;
            if (split) {
                averageSplit = median(recent, Math.min(count + 1, SAMPLES));
            } else {
                averageWhole = median(recent, Math.min(count + 1, SAMPLES));
            }
        }

        private static double median(long[] values, int count) {
            long[] sorted = java.util.Arrays.copyOf(values, count);
            java.util.Arrays.sort(sorted);
            return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
        }

        @Override
        public synchronized String toString() {
            return String.format(Locale.ROOT, "%s (whole %.0f us, split %.0f us; %d of %d calls split; worker's share %.2f)",
                    averageSplit < averageWhole ? "split" : "whole", averageWhole / 1e3, averageSplit / 1e3,
                    splitCalls, calls, workerShare);
        }
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
