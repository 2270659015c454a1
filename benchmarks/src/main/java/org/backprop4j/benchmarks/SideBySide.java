package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
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
 * Times backprop4j and DL4J on the same networks, initial weights, data and number of steps, in one
 * JVM, and prints time per step, steps per second and the ratio, with spread.
 *
 * <p>Method: for each workload both networks start from the same weights; both first train
 * {@value #CHECK_STEPS} steps and print their losses, which must agree (same work). Then each warms
 * up (JIT, ND4J's caches) and the step count of one round is chosen so that a round lasts about
 * {@code --round-ms}. Then {@code --rounds} rounds run, backprop4j and DL4J interleaved (the order
 * alternates every round), so that a shared machine's changing load hits both alike; every round
 * gives each framework's time per step and the paired ratio DL4J / backprop4j. Printed: the median
 * with the inter-quartile range and the min and max of the rounds.
 *
 * <p>Arguments: workload names ({@code xor}, {@code mlp} (FLOAT), {@code mlp-double}; default
 * {@code xor mlp}), {@code --rounds N} (default 9), {@code --round-ms MS} (default 500),
 * {@code --warmup-ms MS} per framework (default 3000).
 */
public final class SideBySide {

    static final int CHECK_STEPS = 20;

    private SideBySide() {
    }

    /** Runs the workloads named in {@code args} (see the class comment). */
    public static void main(String[] args) {
        List<String> workloads = new ArrayList<>();
        int rounds = 9;
        long roundMillis = 500;
        long warmupMillis = 3000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMillis = Long.parseLong(args[++i]);
                case "--warmup-ms" -> warmupMillis = Long.parseLong(args[++i]);
                case "--threads" -> {
                    int threads = Integer.parseInt(args[++i]);
                    Nd4j.getEnvironment().setMaxThreads(threads);
                    Nd4j.getEnvironment().setMaxMasterThreads(threads);
                    Nd4j.factory().blas().setMaxThreads(threads);
                }
                default -> workloads.add(args[i]);
            }
        }
        if (workloads.isEmpty()) {
            workloads = List.of("xor", "mlp");
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "backprop4j vs DL4J %s, side by side: %s%n", "1.0.0-M2.1",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, JVM %s, ND4J %s %s threads, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.vm.version"), Nd4j.factory().blas().getBlasVendor(),
                Nd4j.getEnvironment().maxThreads(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String name : workloads) {
            Workload workload = switch (name) {
                case "xor" -> Workload.xor();
                case "mlp" -> Workload.mlp(DataType.FLOAT);
                case "mlp-double" -> Workload.mlp(DataType.DOUBLE);
                default -> throw new IllegalArgumentException("Unknown workload '" + name + "'; use xor, mlp, mlp-double");
            };
            run(workload, rounds, roundMillis, warmupMillis, out);
        }
    }

    static void run(Workload workload, int rounds, long roundMillis, long warmupMillis, PrintStream out) {
        out.printf(Locale.ROOT, "%n== %s ==%n", workload.name());
        DataSet data = workload.data();
        Sequential model = workload.backprop4jModel();
        MultiLayerNetwork network = workload.dl4jNetwork(model);
        Trainer[] trainers = {workload.backprop4j(model, data), workload.dl4j(network, data)};

        double[] before = {trainers[0].loss(), trainers[1].loss()};
        trainers[0].train(CHECK_STEPS);
        trainers[1].train(CHECK_STEPS);
        double[] after = {trainers[0].loss(), trainers[1].loss()};
        out.printf(Locale.ROOT, "same work: loss at start %.9f (backprop4j) vs %.9f (DL4J); after %d steps %.9f vs %.9f "
                + "(relative difference %.1e)%n", before[0], before[1], CHECK_STEPS, after[0], after[1],
                Math.abs(after[0] - after[1]) / Math.abs(after[1]));

        int[] stepsPerRound = new int[2];
        for (int t = 0; t < 2; t++) {
            stepsPerRound[t] = calibrate(trainers[t], warmupMillis, roundMillis);
        }
        double[][] microsPerStep = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int t = (r % 2 == 0) ? k : 1 - k; // alternate who goes first
                long start = System.nanoTime();
                trainers[t].train(stepsPerRound[t]);
                microsPerStep[t][r] = (System.nanoTime() - start) / 1e3 / stepsPerRound[t];
            }
            ratios[r] = microsPerStep[1][r] / microsPerStep[0][r];
        }
        boolean millis = Stats.of(microsPerStep[0]).median() >= 1000;
        String unit = millis ? "ms" : "us";
        double scale = millis ? 1e-3 : 1;
        for (int t = 0; t < 2; t++) {
            double[] values = microsPerStep[t].clone();
            for (int r = 0; r < rounds; r++) {
                values[r] *= scale;
            }
            Stats stats = Stats.of(values);
            out.printf(Locale.ROOT, "%-10s %s/step: %s  = %,.0f steps/s  (%d rounds of %d steps)%n",
                    trainers[t].framework(), unit, stats.format(millis ? "%.2f" : "%.1f"),
                    1e6 / Stats.of(microsPerStep[t]).median(), rounds, stepsPerRound[t]);
        }
        out.printf(Locale.ROOT, "ratio DL4J / backprop4j, paired rounds: %s%n", Stats.of(ratios).format("%.1fx"));
    }

    /** Warms up for about {@code warmupMillis}, then returns the steps that take about {@code roundMillis}. */
    private static int calibrate(Trainer trainer, long warmupMillis, long roundMillis) {
        long deadline = System.nanoTime() + warmupMillis * 1_000_000;
        int steps = 1;
        double nanosPerStep = Double.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            trainer.train(steps);
            nanosPerStep = Math.min(nanosPerStep, (double) (System.nanoTime() - start) / steps);
            steps = (int) Math.min(Math.max(1, steps * 2L), Math.max(1, 100_000_000L / (long) Math.max(1, nanosPerStep)));
        }
        return (int) Math.max(1, Math.round(roundMillis * 1e6 / nanosPerStep));
    }
}
