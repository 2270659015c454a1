package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.Sequential;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times backprop4j and DL4J (and, with {@code --pytorch}, PyTorch) on the same networks, initial
 * weights, data and number of steps, in one run, and prints time per step, steps per second and the
 * ratios, with spread.
 *
 * <p>Method: for each workload all networks start from the same weights; each first trains
 * {@value #CHECK_STEPS} steps and prints its loss, which must agree (same work). Then each warms up
 * (JIT, native caches) and the step count of one round is chosen so that a round lasts about
 * {@code --round-ms}. Then {@code --rounds} rounds run with the frameworks interleaved (who goes
 * first rotates every round), so that a shared machine's changing load hits all alike; each round
 * gives each framework's time per step and the paired ratio other / backprop4j. Printed: the median
 * with the inter-quartile range and the min and max over the rounds.
 *
 * <p>Arguments: workload names ({@code xor}, {@code mlp} (FLOAT), {@code mlp-double}, {@code wide}
 * (784-1024-10, FLOAT), {@code deep} (784-512-512-10 relu, Adam 1e-3, FLOAT), {@code mlp-b1},
 * {@code mlp-b32}, {@code mlp-b1024} (the MLP at other batch sizes), {@code all} (every one but
 * mlp-double: the workloads and the scaling table in one run, and, with {@code --pytorch} and the data
 * installed, {@code fashion}: the whole Fashion-MNIST tutorial against PyTorch, 3 rounds, by
 * {@link FashionSideBySide}); default {@code xor mlp}), {@code --no-dl4j} (backprop4j and PyTorch only), {@code --rounds N} (default 9), {@code --round-ms MS} (default 500),
 * {@code --warmup-ms MS} per framework (default 3000), {@code --pause-ms MS} before each round (default
 * 300: the previous framework's idle OpenBLAS/OpenMP threads spin for up to ~0.1 s, taking a core), {@code --threads N} (one thread count for all:
 * backprop4j's products ({@code backprop4j.blas.threads=N}), ND4J's OpenMP loops and OpenBLAS for DL4J,
 * PyTorch's intra-op and BLAS threads; default: each its own default, backprop4j its thread policy
 * ({@code org.backprop4j.core.threads.BlasThreads}), DL4J OpenBLAS's count at start-up),
 * {@code --no-djl} (no DJL peer; by default DJL on libtorch runs too, {@link DjlPeer}), {@code --djl-threads N}
 * (libtorch's intra-op and inter-op threads, default 1: its best on 2 cores),
 * {@code --keras PYTHON} (a Python with tensorflow and keras: the Fashion-MNIST tutorial also in Keras 3 itself),
 * {@code --pytorch PYTHON} (a Python with torch, e.g. /usr/bin/python3), {@code --pytorch-threads LIST}
 * (PyTorch's settings to run, each as its own peer: {@code I} or {@code I/B} for I intra-op threads and
 * B BLAS threads, comma-separated; default {@code 1}, or N with {@code --threads N}); with more than
 * one, a line gives the ratio of PyTorch's best setting in each round to backprop4j.
 */
public final class SideBySide {

    static final int CHECK_STEPS = 20;

    private SideBySide() {
    }

    /** Runs the workloads named in {@code args} (see the class comment). */
    public static void main(String[] args) {
        List<String> workloads = new ArrayList<>();
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> options.rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> options.roundMillis = Long.parseLong(args[++i]);
                case "--warmup-ms" -> options.warmupMillis = Long.parseLong(args[++i]);
                case "--pause-ms" -> options.pauseMillis = Long.parseLong(args[++i]);
                case "--pytorch" -> options.python = args[++i];
                case "--keras" -> options.keras = args[++i];
                case "--no-dl4j" -> options.dl4j = false;
                case "--no-djl" -> options.djl = false;
                case "--djl-threads" -> options.djlThreads = Integer.parseInt(args[++i]);
                case "--threads" -> {
                    options.threads = Integer.parseInt(args[++i]);
                    System.setProperty("backprop4j.blas.threads", String.valueOf(options.threads));
                    nd4jThreads(options.threads);
                    options.dl4jBlasThreads = options.threads;
                    if (options.pytorchThreads == null) {
                        options.pytorchThreads = List.of(String.valueOf(options.threads));
                    }
                }
                case "--pytorch-threads" -> options.pytorchThreads = List.of(args[++i].split(","));
                default -> workloads.add(args[i]);
            }
        }
        if (workloads.isEmpty()) {
            workloads = List.of("xor", "mlp");
        }
        if (workloads.contains("all")) { // the workloads and the scaling table, in one run
            workloads = new ArrayList<>(List.of("xor", "mlp", "deep", "mlp-b1", "mlp-b32", "mlp-b1024", "wide"));
            if (options.python != null && java.nio.file.Files.isDirectory(FashionSideBySide.DEBIAN_DATA)) {
                workloads.add("fashion");
            }
        }
        if (options.pytorchThreads == null) {
            options.pytorchThreads = List.of("1");
        }
        if (options.djl) {
            DjlPeer.configure(options.djlThreads);
        }
        if (options.dl4jBlasThreads == 0) {
            options.dl4jBlasThreads = Nd4j.factory().blas().getMaxThreads();
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "backprop4j vs DL4J 1.0.0-M2.1%s%s, side by side: %s%n",
                options.djl ? " vs DJL (libtorch, " + options.djlThreads + " thread)" : "",
                options.python == null ? "" : " vs PyTorch",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, JVM %s; load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.vm.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "ND4J: %s%n", NativeInfo.describe());
        for (String name : workloads) {
            if (name.equals("fashion")) { // whole trainings in fresh processes, not steps: its own harness
                if (options.python == null) {
                    throw new IllegalArgumentException("the fashion workload needs --pytorch PYTHON");
                }
                out.printf(Locale.ROOT, "%n== Fashion-MNIST tutorial, whole training (FashionSideBySide; no DL4J twin) ==%n");
                FashionSideBySide.compare(options.python, options.pytorchThreads, options.keras, List.of("1", "2"), 3,
                        null, out);
                continue;
            }
            Workload workload = switch (name) {
                case "xor" -> Workload.xor();
                case "mlp" -> Workload.mlp(DataType.FLOAT);
                case "mlp-double" -> Workload.mlp(DataType.DOUBLE);
                case "wide" -> Workload.wide();
                case "deep" -> Workload.deep();
                case "mlp-b1" -> Workload.mlpBatch(1);
                case "mlp-b32" -> Workload.mlpBatch(32);
                case "mlp-b1024" -> Workload.mlpBatch(1024);
                default -> throw new IllegalArgumentException("Unknown workload '" + name
                        + "'; use xor, mlp, mlp-double, wide, deep, mlp-b1, mlp-b32, mlp-b1024, fashion or all");
            };
            run(workload, options, out);
        }
        out.printf(Locale.ROOT, "%nload average at the end: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Threads of libnd4j's own (OpenMP) loops: element-wise ops, reductions, broadcasts. */
    private static void nd4jThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    /** The harness's settings. */
    static final class Options {
        int rounds = 9;
        long roundMillis = 500;
        long warmupMillis = 3000;
        long pauseMillis = 300;
        int threads = 2;
        int dl4jBlasThreads;
        List<String> pytorchThreads;
        String python;
        String keras;
        boolean dl4j = true;
        boolean djl = true;
        int djlThreads = 1;
    }

    static void run(Workload workload, Options options, PrintStream out) {
        out.printf(Locale.ROOT, "%n== %s ==%n", workload.name());
        DataSet data = workload.data();
        Sequential model = workload.backprop4jModel();
        List<Trainer> trainers = new ArrayList<>(List.of(workload.backprop4j(model, data)));
        if (options.dl4j) {
            MultiLayerNetwork network = workload.dl4jNetwork(model);
            trainers.add(workload.dl4j(network, data, options.dl4jBlasThreads));
        }
        List<PytorchPeer> peers = new ArrayList<>();
        DjlPeer djl = null;
        try {
            if (options.djl) {
                djl = DjlPeer.start(workload, model, data);
                trainers.add(djl);
            }
            if (options.python != null) {
                Path script = Path.of(System.getProperty("benchmarks.dir", "benchmarks"), "src/main/python/pytorch_peer.py");
                for (String setting : options.pytorchThreads) {
                    String[] parts = setting.split("/");
                    int intraOp = Integer.parseInt(parts[0].trim());
                    int blas = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : intraOp;
                    PytorchPeer peer = PytorchPeer.start(options.python, script, intraOp, blas, workload, model, data);
                    peers.add(peer);
                    trainers.add(peer);
                    out.printf(Locale.ROOT, "%s: torch %s%n", peer.framework(), peer.version());
                }
            }
            measure(trainers, options, out);
            out.println("backprop4j: backprop4j.blas.threads=" + org.backprop4j.core.threads.BlasThreads.mode()
                    + "; second core so far: " + org.backprop4j.core.threads.SecondCore.splits() + " halves split, "
                    + org.backprop4j.core.threads.SecondCore.takenBack() + " taken back by the caller (worker late)");
        } finally {
            peers.forEach(PytorchPeer::close);
            if (djl != null) {
                djl.close();
            }
        }
    }

    private static void measure(List<Trainer> trainers, Options options, PrintStream out) {
        int n = trainers.size();
        StringBuilder check = new StringBuilder("same work, loss at start / after " + CHECK_STEPS + " steps:");
        for (Trainer trainer : trainers) {
            double before = trainer.loss();
            trainer.train(CHECK_STEPS);
            check.append(String.format(Locale.ROOT, "  %s %.9f / %.9f", trainer.framework(), before, trainer.loss()));
        }
        out.println(check);

        int[] stepsPerRound = new int[n];
        for (int t = 0; t < n; t++) {
            stepsPerRound[t] = calibrate(trainers.get(t), options.warmupMillis, options.roundMillis);
        }
        int rounds = options.rounds;
        double[][] microsPerStep = new double[n][rounds];
        double[][] ratios = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int t = (k + r) % n; // rotate who goes first
                pause(options.pauseMillis);
                microsPerStep[t][r] = trainers.get(t).timedTrain(stepsPerRound[t]) * 1e6 / stepsPerRound[t];
            }
            for (int t = 0; t < n; t++) {
                ratios[t][r] = microsPerStep[t][r] / microsPerStep[0][r];
            }
        }
        boolean millis = Stats.of(microsPerStep[0]).median() >= 1000;
        String unit = millis ? "ms" : "us";
        double scale = millis ? 1e-3 : 1;
        for (int t = 0; t < n; t++) {
            double[] values = microsPerStep[t].clone();
            for (int r = 0; r < rounds; r++) {
                values[r] *= scale;
            }
            out.printf(Locale.ROOT, "%-10s %s/step: %s  = %,.0f steps/s  (%d rounds of %d steps)%n",
                    trainers.get(t).framework(), unit, Stats.of(values).format(millis ? "%.2f" : "%.1f"),
                    1e6 / Stats.of(microsPerStep[t]).median(), rounds, stepsPerRound[t]);
        }
        for (int t = 1; t < n; t++) {
            out.printf(Locale.ROOT, "ratio %s / backprop4j, paired rounds: %s%n", trainers.get(t).framework(),
                    Stats.of(ratios[t]).format("%.2fx"));
        }
        List<Integer> pytorch = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            if (trainers.get(t) instanceof PytorchPeer) {
                pytorch.add(t);
            }
        }
        if (pytorch.size() > 1) { // each round's fastest PyTorch setting against backprop4j
            double[] best = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                best[r] = Double.MAX_VALUE;
                for (int t : pytorch) {
                    best[r] = Math.min(best[r], ratios[t][r]);
                }
            }
            out.printf(Locale.ROOT, "ratio best PyTorch setting / backprop4j, paired rounds: %s%n",
                    Stats.of(best).format("%.2fx"));
        }
    }

    /**
     * Waits before a round, so that the previous framework's idle threads have gone to sleep (OpenBLAS's
     * and OpenMP's workers spin for up to about 0.1 s after their last task, taking a core).
     */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Warms up for about {@code warmupMillis}, then returns the steps that take about {@code roundMillis}. */
    private static int calibrate(Trainer trainer, long warmupMillis, long roundMillis) {
        long deadline = System.nanoTime() + warmupMillis * 1_000_000;
        int steps = 1;
        double secondsPerStep = Double.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            secondsPerStep = Math.min(secondsPerStep, trainer.timedTrain(steps) / steps);
            steps = (int) Math.min(Math.max(1, steps * 2L), Math.max(1, (long) (0.1 / Math.max(secondsPerStep, 1e-9))));
        }
        return (int) Math.max(1, Math.round(roundMillis / 1e3 / secondsPerStep));
    }
}
