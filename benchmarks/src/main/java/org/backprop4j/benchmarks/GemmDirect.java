package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.internal.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Gemm} (straight to {@code cblas_sgemm}/{@code cblas_dgemm}) against {@code Nd4j.gemm} (what
 * today's kernels call) on the matrix products of a training step: the MLP's five (784-256-10,
 * batch 128), the same at batch 1, and the wide 784-1024 layer's forward product. Both write into
 * preallocated outputs. Prints microseconds per call, median [IQR] of interleaved rounds
 * ({@link Interleaved}), GFLOP/s of the medians and the paired ratio Nd4j.gemm / Gemm.
 * Arguments: {@code FLOAT} and/or {@code DOUBLE} (default FLOAT), {@code --rounds N} (9), {@code --wall} (wall-clock instead of the process's CPU time),
 * {@code --round-ms MS} (200), {@code --threads N} (OpenBLAS threads; default OpenBLAS's).
 */
public final class GemmDirect {

    private GemmDirect() {
    }

    private record Product(String name, int m, int k, int n, boolean transposeA, boolean transposeB) {
    }

    private static final Product[] PRODUCTS = {
        new Product("forward x.W1 (784-256, batch 128)", 128, 784, 256, false, false),
        new Product("forward h.W2 (256-10)", 128, 256, 10, false, false),
        new Product("dL/dW2 = h^T.delta2", 256, 128, 10, true, false),
        new Product("dL/dh = delta2.W2^T", 128, 10, 256, false, true),
        new Product("dL/dW1 = x^T.delta1", 784, 128, 256, true, false),
        new Product("forward x.W1, batch 1", 1, 784, 256, false, false),
        new Product("dL/dW1, batch 1", 784, 1, 256, true, false),
        new Product("forward x.W1 (784-1024, batch 128)", 128, 784, 1024, false, false),
        new Product("dL/dW1 (784-1024, batch 128)", 784, 128, 1024, true, false),
    };

    /** See the class comment. */
    public static void main(String[] args) {
        List<DataType> types = new ArrayList<>();
        int rounds = 9;
        long roundMillis = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--wall" -> Interleaved.cpuTime = false;
                case "--round-ms" -> roundMillis = Long.parseLong(args[++i]);
                case "--threads" -> Nd4j.factory().blas().setMaxThreads(Integer.parseInt(args[++i]));
                default -> types.add(DataType.valueOf(args[i]));
            }
        }
        if (types.isEmpty()) {
            types = List.of(DataType.FLOAT);
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Matrix products into preallocated outputs, us per call (%s), median [IQR] of %d interleaved "
                + "rounds; JVM %s; ND4J %s%n", Interleaved.clock(), rounds, System.getProperty("java.vm.version"), NativeInfo.describe());
        for (DataType type : types) {
            out.printf(Locale.ROOT, "%n%s%n%-36s %-22s %-22s %-16s %s%n", type, "product (m, k, n)", "Gemm (cblas)",
                    "Nd4j.gemm", "GFLOP/s", "Nd4j.gemm / Gemm");
            for (Product p : PRODUCTS) {
                INDArray a = Nd4j.rand(type, p.transposeA() ? p.k() : p.m(), p.transposeA() ? p.m() : p.k());
                INDArray b = Nd4j.rand(type, p.transposeB() ? p.n() : p.k(), p.transposeB() ? p.k() : p.n());
                INDArray c = Nd4j.create(type, new long[] {p.m(), p.n()}, 'c');
                List<Runnable> calls = List.of(() -> Gemm.multiply(a, p.transposeA(), b, p.transposeB(), c),
                        () -> Nd4j.gemm(a, b, c, p.transposeA(), p.transposeB(), 1.0, 0.0));
                double[][] micros = Interleaved.time(calls, rounds, 500, roundMillis);
                Stats[] stats = Interleaved.stats(micros);
                Stats ratio = Interleaved.ratio(micros, 1, 0);
                double flop = 2.0 * p.m() * p.k() * p.n();
                out.printf(Locale.ROOT, "%-36s %-22s %-22s %-16s %.2fx [%.2f-%.2f]%n",
                        p.name() + " (" + p.m() + ", " + p.k() + ", " + p.n() + ")", cell(stats[0]), cell(stats[1]),
                        String.format(Locale.ROOT, "%.0f / %.0f", flop / stats[0].median() / 1e3, flop / stats[1].median() / 1e3),
                        ratio.median(), ratio.q1(), ratio.q3());
            }
        }
    }

    private static String cell(Stats stats) {
        return String.format(Locale.ROOT, stats.median() < 10 ? "%.2f [%.2f-%.2f]" : "%.1f [%.1f-%.1f]",
                stats.median(), stats.q1(), stats.q3());
    }
}
