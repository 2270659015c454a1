package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What one call of each ND4J entry point costs, on the shapes a training step uses: the XOR step's
 * tiny DOUBLE arrays and the MLP's FLOAT ones; the plain-Java loop doing the same arithmetic is
 * timed next to it. Each figure is the median of 5 rounds of about 0.2 s each, after a warm-up.
 * Arguments: {@code tiny}, {@code large} (default both).
 */
public final class CallCosts {

    private CallCosts() {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        boolean tiny = args.length == 0 || java.util.Arrays.asList(args).contains("tiny");
        boolean large = args.length == 0 || java.util.Arrays.asList(args).contains("large");
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "ND4J %s, %d threads (BLAS %d)%n", Nd4j.factory().blas().getBlasVendor(),
                Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads());
        if (tiny) {
            tiny(out);
        }
        if (large) {
            large(out);
        }
    }

    static void tiny(PrintStream out) {
        out.println("\n-- tiny DOUBLE arrays: x (4, 2), kernel (2, 2), z (4, 2), bias (2) --");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 2, 2);
        INDArray bias = Nd4j.rand(DataType.DOUBLE, 2);
        INDArray z = Nd4j.create(DataType.DOUBLE, new long[] {4, 2}, 'c');
        INDArray zf = Nd4j.create(DataType.DOUBLE, new long[] {4, 2}, 'f');
        INDArray other = Nd4j.rand(DataType.DOUBLE, 4, 2);
        INDArray column = Nd4j.create(DataType.DOUBLE, 2);
        time(out, "Nd4j.gemm(x, w, z 'c', false, false, 1, 0)", () -> Nd4j.gemm(x, w, z, false, false, 1.0, 0.0));
        time(out, "Nd4j.gemm(x, w, z 'f', ...)", () -> Nd4j.gemm(x, w, zf, false, false, 1.0, 0.0));
        time(out, "x.mmuli(w, z)", () -> x.mmuli(w, z));
        time(out, "x.mmul(w) (allocates)", () -> x.mmul(w));
        time(out, "z.addiRowVector(bias)", () -> z.addiRowVector(bias));
        time(out, "Transforms.sigmoid(z, false)", () -> Transforms.sigmoid(z, false));
        time(out, "Nd4j.exec(new Sigmoid(other, z))", () -> Nd4j.getExecutioner().exec(new Sigmoid(other, z)));
        time(out, "z.assign(other)", () -> z.assign(other));
        time(out, "z.subi(other)", () -> z.subi(other));
        time(out, "z.muli(0.5)", () -> z.muli(0.5));
        time(out, "z.sum(out, 0)", () -> z.sum(column, 0));
        time(out, "level1().axpy(n, -0.1, other, z)", () -> Nd4j.getBlasWrapper().level1().axpy(z.length(), -0.1, other, z));
        time(out, "z.data().asDouble() (copy out)", () -> z.data().asDouble());
        DoubleIndexer xi = (DoubleIndexer) x.data().indexer();
        DoubleIndexer wi = (DoubleIndexer) w.data().indexer();
        DoubleIndexer zi = (DoubleIndexer) z.data().indexer();
        time(out, "Java: z = x w (loops over the buffers)", () -> {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 2; j++) {
                    double sum = 0;
                    for (int k = 0; k < 2; k++) {
                        sum += xi.get(i * 2L + k) * wi.get(k * 2L + j);
                    }
                    zi.put(i * 2L + j, sum);
                }
            }
        });
        time(out, "Java: z = sigmoid(z)", () -> {
            for (long i = 0; i < 8; i++) {
                zi.put(i, 1 / (1 + Math.exp(-zi.get(i))));
            }
        });
    }

    static void large(PrintStream out) {
        out.println("\n-- MLP FLOAT arrays: x (128, 784), kernel (784, 256), z (128, 256) --");
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray w = Nd4j.rand(DataType.FLOAT, 784, 256);
        INDArray wf = w.dup('f');
        INDArray z = Nd4j.create(DataType.FLOAT, new long[] {128, 256}, 'c');
        INDArray zf = Nd4j.create(DataType.FLOAT, new long[] {128, 256}, 'f');
        INDArray delta = Nd4j.rand(DataType.FLOAT, 128, 256);
        INDArray dw = Nd4j.create(DataType.FLOAT, new long[] {784, 256}, 'c');
        INDArray dwf = Nd4j.create(DataType.FLOAT, new long[] {784, 256}, 'f');
        INDArray bias = Nd4j.rand(DataType.FLOAT, 256);
        INDArray a = Nd4j.rand(DataType.FLOAT, 128, 256);
        double flops = 2.0 * 128 * 784 * 256;
        gflops(out, "Nd4j.gemm(x, w, z 'c')", flops, () -> Nd4j.gemm(x, w, z, false, false, 1.0, 0.0));
        gflops(out, "Nd4j.gemm(x, w, z 'f')", flops, () -> Nd4j.gemm(x, w, zf, false, false, 1.0, 0.0));
        gflops(out, "Nd4j.gemm(x, w 'f', z 'f')", flops, () -> Nd4j.gemm(x, wf, zf, false, false, 1.0, 0.0));
        gflops(out, "x.mmuli(w, z 'c')", flops, () -> x.mmuli(w, z));
        gflops(out, "x.mmul(w) (allocates)", flops, () -> x.mmul(w));
        gflops(out, "dW: Nd4j.gemm(x, delta, dW 'c', true, false)", flops, () -> Nd4j.gemm(x, delta, dw, true, false, 1.0, 0.0));
        gflops(out, "dW: Nd4j.gemm(x, delta, dW 'f', true, false)", flops, () -> Nd4j.gemm(x, delta, dwf, true, false, 1.0, 0.0));
        gflops(out, "dW: x.transpose().mmuli(delta, dW 'c')", flops, () -> x.transpose().mmuli(delta, dw));
        time(out, "z.addiRowVector(bias)", () -> z.addiRowVector(bias));
        time(out, "Transforms.sigmoid(z, false)", () -> Transforms.sigmoid(z, false));
        time(out, "sigmoid backward, 4 calls: d.assign(a).rsubi(1).muli(a).muli(g)",
                () -> delta.assign(a).rsubi(1.0).muli(a).muli(z));
        time(out, "z.sum(out, 0)", () -> z.sum(bias, 0));
        time(out, "level1().axpy(n, -0.1, dW, w)", () -> Nd4j.getBlasWrapper().level1().axpy(w.length(), -0.1, dw, w));
        FloatIndexer ai = (FloatIndexer) a.data().indexer();
        FloatIndexer zi = (FloatIndexer) z.data().indexer();
        FloatIndexer di = (FloatIndexer) delta.data().indexer();
        long n = a.length();
        time(out, "Java: sigmoid backward fused, d = g * a * (1 - a)", () -> {
            for (long i = 0; i < n; i++) {
                float s = ai.get(i);
                di.put(i, zi.get(i) * s * (1 - s));
            }
        });
        time(out, "Java: z = sigmoid(z)", () -> {
            for (long i = 0; i < n; i++) {
                zi.put(i, (float) (1 / (1 + Math.exp(-zi.get(i)))));
            }
        });
    }

    private static double median(Runnable call) {
        long calls = 1;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 300_000_000L) { // warm-up and calibration
            long t0 = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                call.run();
            }
            if (System.nanoTime() - t0 < 20_000_000L) {
                calls *= 2;
            }
        }
        double[] rounds = new double[5];
        for (int r = 0; r < rounds.length; r++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < calls * 10; i++) {
                call.run();
            }
            rounds[r] = (System.nanoTime() - t0) / 1e3 / (calls * 10);
        }
        return Stats.of(rounds).median();
    }

    private static void time(PrintStream out, String what, Runnable call) {
        out.printf(Locale.ROOT, "%10.2f us  %s%n", median(call), what);
    }

    private static void gflops(PrintStream out, String what, double flops, Runnable call) {
        double micros = median(call);
        out.printf(Locale.ROOT, "%10.2f us  %s  (%.1f GFLOP/s)%n", micros, what, flops / micros / 1e3);
    }
}
