package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BiConsumer;

import org.backprop4j.core.internal.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the plain-Java kernels stop paying: each {@link Kernels} operation timed through
 * {@link Kernels#JAVA} and {@link Kernels#ND4J} on growing (rows, 64) FLOAT arrays, and the matrix
 * product on growing square matrices. Prints microseconds per call (median of 5 rounds) and which
 * is faster; the limits in {@link Kernels} come from this table. Arguments: {@code DOUBLE} or
 * {@code FLOAT} (default FLOAT); {@code --cpu} to time in CPU-seconds of the whole process instead
 * of wall-clock seconds (a figure that does not depend on how busy the machine is; run it with
 * {@code OMP_NUM_THREADS=1} to compare single-threaded costs).
 */
public final class Crossover {

    private Crossover() {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        DataType type = DataType.FLOAT;
        for (String arg : args) {
            if (arg.equals("--cpu")) {
                cpuTime = true;
            } else {
                type = DataType.valueOf(arg);
            }
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%s; %s us per call, Java / ND4J; ND4J threads %d%n", type, cpuTime ? "CPU" : "wall",
                Nd4j.getEnvironment().maxThreads());
        out.printf(Locale.ROOT, "%-16s", "elements");
        long[] rows = {1, 4, 16, 64, 256, 1024, 4096};
        for (long r : rows) {
            out.printf(Locale.ROOT, "%18d", r * 64);
        }
        out.println();
        row(out, type, rows, "addRowVector", (k, a) -> k.addRowVector(a[0], a[3]));
        row(out, type, rows, "columnSums", (k, a) -> k.columnSums(a[0], a[3]));
        row(out, type, rows, "scaledDifference", (k, a) -> k.scaledDifference(a[0], a[1], 0.5, a[2]));
        row(out, type, rows, "axpy", (k, a) -> k.axpy(-0.1, a[0], a[2]));
        out.printf(Locale.ROOT, "%n%-16s", "multiply n^3");
        int[] sizes = {2, 8, 16, 32, 48, 64, 128};
        for (int n : sizes) {
            out.printf(Locale.ROOT, "%18d", (long) n * n * n);
        }
        out.printf(Locale.ROOT, "%n%-16s", "c = a b");
        for (int n : sizes) {
            INDArray a = Nd4j.rand(type, n, n);
            INDArray b = Nd4j.rand(type, n, n);
            INDArray c = Nd4j.create(type, new long[] {n, n}, 'c');
            cell(out, time(() -> Kernels.JAVA.multiply(a, false, b, false, c)),
                    time(() -> Kernels.ND4J.multiply(a, false, b, false, c)));
        }
        out.println();
    }

    private static void row(PrintStream out, DataType type, long[] rows, String name, BiConsumer<Kernels, INDArray[]> op) {
        out.printf(Locale.ROOT, "%-16s", name);
        for (long r : rows) {
            INDArray[] arrays = {Nd4j.rand(type, r, 64), Nd4j.rand(type, r, 64), Nd4j.create(type, new long[] {r, 64}, 'c'),
                Nd4j.rand(type, 64)};
            cell(out, time(() -> op.accept(Kernels.JAVA, arrays)), time(() -> op.accept(Kernels.ND4J, arrays)));
        }
        out.println();
    }

    private static void cell(PrintStream out, double java, double nd4j) {
        out.printf(Locale.ROOT, "%18s", String.format(Locale.ROOT, "%s%.1f/%.1f", java < nd4j ? "J " : "N ", java, nd4j));
    }

    private static boolean cpuTime;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static long now() {
        return cpuTime ? OS.getProcessCpuTime() : System.nanoTime();
    }

    private static double time(Runnable call) {
        long calls = 1;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 150_000_000L) {
            long t0 = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                call.run();
            }
            if (System.nanoTime() - t0 < 10_000_000L) {
                calls *= 2;
            }
        }
        double[] rounds = new double[5];
        for (int r = 0; r < rounds.length; r++) {
            long t0 = now();
            for (long i = 0; i < calls; i++) {
                call.run();
            }
            rounds[r] = (now() - t0) / 1e3 / calls;
        }
        return Stats.of(rounds).median();
    }
}
