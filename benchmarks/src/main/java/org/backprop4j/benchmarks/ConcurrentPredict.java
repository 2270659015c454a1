package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput of {@code predict} on one shared model from 1, 2 and 8 threads, next to the same
 * threads each predicting with its own copy of the model (what the lock and the shared weights
 * cost, if anything). Two workloads: the XOR network on one row (per-call overhead dominates) and
 * a 784-128-10 FLOAT MLP on 32 rows (arithmetic dominates). After 3 s of warm-up per workload, each
 * figure is the median of 7 rounds of 1 s (after 0.2 s of ramp-up each), in calls per second
 * summed over the threads; the shared and the own-copies rounds alternate, who goes first rotating.
 * Arguments: thread counts (default {@code 1 2 8}).
 */
public final class ConcurrentPredict {

    private static final int ROUNDS = 7;
    private static final long ROUND_MILLIS = 1000;
    private static final long RAMP_UP_MILLIS = 200;
    private static final long WARM_UP_MILLIS = 3000;

    private ConcurrentPredict() {
    }

    /** See the class comment. */
    public static void main(String[] args) throws InterruptedException {
        int[] threadCounts = args.length == 0 ? new int[] {1, 2, 8}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%d cores, ND4J %d threads; median of %d rounds of %.1f s [IQR, min, max]%n",
                Runtime.getRuntime().availableProcessors(), Nd4j.getEnvironment().maxThreads(), ROUNDS,
                ROUND_MILLIS / 1e3);
        workload(out, "xor 2-2-1 DOUBLE, 1 row", threadCounts, () -> xor(), Nd4j.rand(DataType.DOUBLE, 1, 2));
        workload(out, "mlp 784-128-10 FLOAT, 32 rows", threadCounts, () -> mlp(), Nd4j.rand(DataType.FLOAT, 32, 784));
    }

    private static Sequential xor() {
        Sequential model = new Sequential(42L);
        model.add(new Dense(2, 2, "sigmoid")).add(new Dense(1, "sigmoid"));
        model.compile("mse", new SGD(0.5));
        return model;
    }

    private static Sequential mlp() {
        Sequential model = new Sequential(42L, DataType.FLOAT);
        model.add(new Dense(128, 784, "relu")).add(new Dense(10, "softmax"));
        model.compile("categorical_crossentropy", new SGD(0.01));
        return model;
    }

    private static void workload(PrintStream out, String name, int[] threadCounts,
                                 java.util.function.Supplier<Sequential> factory, INDArray input)
            throws InterruptedException {
        out.println("\n-- " + name + " --");
        Sequential shared = factory.get();
        rate(List.of(shared), input, WARM_UP_MILLIS); // JIT and native caches
        for (int threads : threadCounts) {
            List<Sequential> sharedModels = new ArrayList<>();
            List<Sequential> ownModels = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                sharedModels.add(shared);
                ownModels.add(factory.get());
            }
            double[] sharedRates = new double[ROUNDS];
            double[] ownRates = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    sharedRates[round] = rate(sharedModels, input, ROUND_MILLIS);
                    ownRates[round] = rate(ownModels, input, ROUND_MILLIS);
                } else {
                    ownRates[round] = rate(ownModels, input, ROUND_MILLIS);
                    sharedRates[round] = rate(sharedModels, input, ROUND_MILLIS);
                }
            }
            out.printf(Locale.ROOT, "%d thread%s  shared model %s calls/s%n", threads, threads == 1 ? " " : "s",
                    Stats.of(sharedRates).format("%8.0f"));
            out.printf(Locale.ROOT, "           own models   %s calls/s%n", Stats.of(ownRates).format("%8.0f"));
        }
    }

    /** Calls per second (all threads together) of thread t predicting with models.get(t), over {@code millis}. */
    private static double rate(List<Sequential> models, INDArray input, long millis) throws InterruptedException {
        int threads = models.size();
        LongAdder calls = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Sequential model = models.get(t);
            Thread worker = new Thread(() -> {
                started.countDown();
                while (running.get()) {
                    model.predict(input);
                    calls.increment();
                }
            }, "predict-" + t);
            worker.start();
            workers.add(worker);
        }
        started.await();
        Thread.sleep(RAMP_UP_MILLIS);
        long before = calls.sum();
        long start = System.nanoTime();
        Thread.sleep(millis);
        double rate = (calls.sum() - before) / ((System.nanoTime() - start) / 1e9);
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        return rate;
    }
}
