package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

import org.backprop4j.core.internal.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One OpenBLAS thread against two, product by product: every matrix product of the benchmark
 * workloads' training steps (the MLP 784-256-10 and the deep 784-512-512-10 at batch 128, the
 * Fashion tutorial's 784-128-10 at batch 32, the MLP at batch 1024, the wide 784-1024-10), timed
 * through {@link Gemm} with {@code openblas_set_num_threads(1)} and {@code (2)} in alternating
 * rounds, and split in two halves on two threads ({@code Gemm.multiplySplit}). Prints microseconds per
 * call (median [IQR]), the ratios one thread / two threads and one thread / split, and the
 * product's size {@code m n k} in millions of multiply-adds: the data behind the thread policy
 * ({@link org.backprop4j.core.internal.Gemm#threadsFor}).
 * Before each timed run it sleeps {@code --pause-ms} (default 300): after a call on two OpenBLAS threads,
 * OpenBLAS's idle thread spins for about 0.1 s on the second core, and a split measured in that time
 * competes with it (this harness's split column read 0.86-0.95x of one thread that way on a Zen 5,
 * where a split product alone takes 0.55x). First it prints what the two cores give the process: the
 * round trip of one cache line between two threads (where the operating system put them) and the
 * throughput of two one-thread products run at once, each on its own arrays, against one alone.
 * Arguments: {@code --rounds N} (default 7), {@code --round-ms MS} (default 150), {@code --pause-ms MS}.
 */
public final class GemmThreads {

    private GemmThreads() {
    }

    private record Product(String name, int m, int n, int k, boolean transposeA, boolean transposeB) {
    }

    private static final Product[] PRODUCTS = {
        new Product("mlp  x.W1         128x784 . 784x256", 128, 256, 784, false, false),
        new Product("mlp  h.W2         128x256 . 256x10", 128, 10, 256, false, false),
        new Product("mlp  h^T.d2       256x128 . 128x10", 256, 10, 128, true, false),
        new Product("mlp  d2.W2^T      128x10 . 10x256", 128, 256, 10, false, true),
        new Product("mlp  x^T.d1       784x128 . 128x256", 784, 256, 128, true, false),
        new Product("deep x.W1         128x784 . 784x512", 128, 512, 784, false, false),
        new Product("deep h1.W2        128x512 . 512x512", 128, 512, 512, false, false),
        new Product("deep d2.W2^T      128x512 . 512x512", 128, 512, 512, false, true),
        new Product("deep h1^T.d2      512x128 . 128x512", 512, 512, 128, true, false),
        new Product("deep x^T.d1       784x128 . 128x512", 784, 512, 128, true, false),
        new Product("fash x.W1 b32     32x784 . 784x128", 32, 128, 784, false, false),
        new Product("fash x^T.d1 b32   784x32 . 32x128", 784, 128, 32, true, false),
        new Product("b1024 x.W1        1024x784 . 784x256", 1024, 256, 784, false, false),
        new Product("b1024 x^T.d1      784x1024 . 1024x256", 784, 256, 1024, true, false),
        new Product("wide x.W1         128x784 . 784x1024", 128, 1024, 784, false, false),
        new Product("wide x^T.d1       784x128 . 128x1024", 784, 1024, 128, true, false),
    };

    /** See the class comment. */
    public static void main(String[] args) {
        int rounds = 7;
        long roundMillis = 150;
        long pauseMillis = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pause-ms" -> pauseMillis = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMillis = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        PrintStream out = System.out;
        System.setProperty("backprop4j.blas.threads", "off"); // this harness sets the thread counts itself
        Nd4j.create(1); // loads ND4J and its OpenBLAS
        out.printf(Locale.ROOT, "OpenBLAS %s; FLOAT; us per call, median [IQR] of %d rounds%n",
                org.backprop4j.core.internal.NativeSetup.kernelsInUse(), rounds);
        twoCores(out);
        out.printf(Locale.ROOT, "%-40s %8s %28s %28s %28s %8s %8s%n", "product", "M mul-add", "1 thread",
                "2 OpenBLAS threads", "split in two (SecondCore)", "1t/2t", "1t/split");
        for (Product product : PRODUCTS) {
            INDArray a = Nd4j.rand(DataType.FLOAT, product.transposeA ? product.k : product.m,
                    product.transposeA ? product.m : product.k);
            INDArray b = Nd4j.rand(DataType.FLOAT, product.transposeB ? product.n : product.k,
                    product.transposeB ? product.k : product.n);
            INDArray c = Nd4j.create(DataType.FLOAT, product.m, product.n);
            Runnable call = () -> Gemm.multiply(a, product.transposeA, b, product.transposeB, c);
            Runnable split = () -> Gemm.multiplySplit(a, product.transposeA, b, product.transposeB, c);
            int calls = calibrate(call, roundMillis);
            double[][] micros = new double[3][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int t = 0; t < 3; t++) {
                    int way = (r + t) % 3; // 0: one OpenBLAS thread, 1: two OpenBLAS threads, 2: split in two
                    Nd4j.factory().blas().setMaxThreads(way == 1 ? 2 : 1);
                    Runnable run = way == 2 ? split : call;
                    pause(pauseMillis);
                    run.run();
                    long start = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        run.run();
                    }
                    micros[way][r] = (System.nanoTime() - start) / 1e3 / calls;
                }
            }
            Stats one = Stats.of(micros[0]);
            Stats two = Stats.of(micros[1]);
            Stats halves = Stats.of(micros[2]);
            out.printf(Locale.ROOT, "%-40s %8.2f %28s %28s %28s %7.2fx %7.2fx%n", product.name,
                    (double) product.m * product.n * product.k / 1e6, shortFormat(one), shortFormat(two),
                    shortFormat(halves), one.median() / two.median(), one.median() / halves.median());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static volatile long turn;

    /** The cache-line round trip between two threads, and two one-thread products at once against one. */
    private static void twoCores(PrintStream out) {
        int trips = 200_000;
        Thread echo = new Thread(() -> {
            for (long i = 1; i <= trips; i++) {
                while (turn != 2 * i - 1) {
                    Thread.onSpinWait();
                }
                turn = 2 * i;
            }
        });
        turn = 0;
        echo.start();
        long start = System.nanoTime();
        for (long i = 1; i <= trips; i++) {
            turn = 2 * i - 1;
            while (turn != 2 * i) {
                Thread.onSpinWait();
            }
        }
        double roundTripNanos = (double) (System.nanoTime() - start) / trips;
        Nd4j.factory().blas().setMaxThreads(1);
        Product mlp = PRODUCTS[0];
        INDArray[] mine = {Nd4j.rand(DataType.FLOAT, mlp.m, mlp.k), Nd4j.rand(DataType.FLOAT, mlp.k, mlp.n),
            Nd4j.create(DataType.FLOAT, mlp.m, mlp.n)};
        INDArray[] theirs = {mine[0].dup(), mine[1].dup(), mine[2].dup()};
        int calls = 300;
        double[] ratios = new double[5];
        for (int round = 0; round < ratios.length; round++) {
            long alone = timeProducts(mine, calls);
            Thread other = new Thread(() -> timeProducts(theirs, calls));
            start = System.nanoTime();
            other.start();
            timeProducts(mine, calls);
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ratios[round] = 2.0 * alone / (System.nanoTime() - start);
        }
        java.util.Arrays.sort(ratios);
        out.printf(Locale.ROOT, "two cores: cache-line round trip %.0f ns; two one-thread %s products at once give %.2fx"
                + " one's throughput (median of 5; min %.2f, max %.2f)%n", roundTripNanos, mlp.name.substring(17).trim(),
                ratios[2], ratios[0], ratios[4]);
    }

    private static long timeProducts(INDArray[] abc, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            Gemm.multiply(abc[0], false, abc[1], false, abc[2]);
        }
        return System.nanoTime() - start;
    }

    private static String shortFormat(Stats stats) {
        return String.format(Locale.ROOT, "%8.1f [%7.1f - %7.1f]", stats.median(), stats.q1(), stats.q3());
    }

    private static int calibrate(Runnable call, long roundMillis) {
        Nd4j.factory().blas().setMaxThreads(1);
        for (int i = 0; i < 20; i++) {
            call.run();
        }
        long start = System.nanoTime();
        int n = 0;
        while (System.nanoTime() - start < 50_000_000L) {
            call.run();
            n++;
        }
        double seconds = (System.nanoTime() - start) / 1e9 / n;
        return (int) Math.max(3, roundMillis / 1e3 / seconds);
    }
}
