package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The MLP's big matrix product, {@code (128, 784) . (784, 256)} in FLOAT (51 MFLOP), through
 * {@code Nd4j.gemm} into a preallocated output, in GFLOP/s: alone, and with one element-wise ND4J op
 * on a (128, 256) array between products, as in a training step. If the second is much slower, the
 * element-wise op's OpenMP threads (libgomp spins after a parallel region) are competing with
 * OpenBLAS's threads for the cores. Prints median, IQR, min and max of 7 rounds of about 0.3 s
 * each, in GFLOP per wall-clock second and per CPU-second of the whole process: the second does
 * not depend on how much of the machine other programs take.
 * Run it with different {@code OMP_NUM_THREADS}, {@code OMP_WAIT_POLICY}, {@code --threads N}.
 */
public final class GemmRate {

    private GemmRate() {
    }

    /**
     * {@code --threads N} sets ND4J's and OpenBLAS's thread counts first; {@code --double} times
     * DOUBLE instead of FLOAT; {@code --no-helpers} turns off libnd4j's platform helpers (oneDNN), so
     * that FLOAT products go to OpenBLAS too.
     */
    public static void main(String[] args) {
        DataType type = DataType.FLOAT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> {
                    int threads = Integer.parseInt(args[++i]);
                    Nd4j.getEnvironment().setMaxThreads(threads);
                    Nd4j.getEnvironment().setMaxMasterThreads(threads);
                    Nd4j.factory().blas().setMaxThreads(threads);
                }
                case "--double" -> type = DataType.DOUBLE;
                case "--no-helpers" -> Nd4j.getEnvironment().allowHelpers(false);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%s %s, helpers %s, ND4J threads %d, BLAS threads %d, OMP_NUM_THREADS=%s, OMP_WAIT_POLICY=%s, "
                + "OPENBLAS_CORETYPE=%s%n", type, Nd4j.factory().blas().getBlasVendor(), Nd4j.getEnvironment().helpersAllowed(), Nd4j.getEnvironment().maxThreads(),
                Nd4j.factory().blas().getMaxThreads(), System.getenv("OMP_NUM_THREADS"), System.getenv("OMP_WAIT_POLICY"),
                System.getenv("OPENBLAS_CORETYPE"));
        INDArray x = Nd4j.rand(type, 128, 784);
        INDArray w = Nd4j.rand(type, 784, 256);
        INDArray z = Nd4j.create(type, new long[] {128, 256}, 'c');
        INDArray a = Nd4j.create(type, new long[] {128, 256}, 'c');
        double flops = 2.0 * 128 * 784 * 256;
        report(out, "gemm alone", flops, () -> Nd4j.gemm(x, w, z, false, false, 1.0, 0.0));
        report(out, "gemm + sigmoid(z) between", flops, () -> {
            Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
            Nd4j.getExecutioner().exec(new Sigmoid(z, a));
        });
        report(out, "gemm alone, again", flops, () -> Nd4j.gemm(x, w, z, false, false, 1.0, 0.0));
    }

    private static void report(PrintStream out, String what, double flops, Runnable call) {
        long end = System.nanoTime() + 1_000_000_000L;
        long calls = 0;
        while (System.nanoTime() < end) { // warm-up
            call.run();
            calls++;
        }
        long perRound = Math.max(1, calls * 3 / 10);
        double[] gflops = new double[7];
        double[] perCpuSecond = new double[7];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < gflops.length; r++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            for (long i = 0; i < perRound; i++) {
                call.run();
            }
            gflops[r] = flops * perRound / (System.nanoTime() - start);
            perCpuSecond[r] = flops * perRound / (os.getProcessCpuTime() - cpuStart);
        }
        out.printf(Locale.ROOT, "  %-28s %s GFLOP/s (wall)%n", what, Stats.of(gflops).format("%.1f"));
        out.printf(Locale.ROOT, "  %-28s %s GFLOP per CPU-second of the process (all its threads)%n",
                "", Stats.of(perCpuSecond).format("%.1f"));
    }
}
