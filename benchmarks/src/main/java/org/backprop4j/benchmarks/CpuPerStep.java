package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * backprop4j's cost per training step as the CPU time of the thread that trains, for comparing JVMs
 * (see {@code benchmarks/jdks.sh}) on a machine that other programs keep busy: time during which
 * the scheduler gives the processor to someone else is not CPU time of this thread, so it does not
 * count, where it swamps a wall-clock measurement. ND4J and OpenBLAS get one thread, so that a
 * step's work all runs on the training thread (XOR's arrays stay in Java anyway).
 *
 * <p>Method: warm up for {@code --warmup-ms} (default 3000), choose the steps per round so that a
 * round takes about {@code --round-ms} (default 300) of CPU, then run {@code --rounds} rounds
 * (default 15). Printed per workload: CPU microseconds per step, median [IQR, min, max], and the
 * wall-clock figure beside it. Workloads: {@code xor}, {@code mlp} (FLOAT), {@code mlp-double}, {@code deep};
 * default {@code xor mlp}.
 */
public final class CpuPerStep {

    private CpuPerStep() {
    }

    public static void main(String[] args) {
        List<String> workloads = new ArrayList<>();
        int rounds = 15;
        long roundMillis = 300;
        long warmupMillis = 3000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMillis = Long.parseLong(args[++i]);
                case "--warmup-ms" -> warmupMillis = Long.parseLong(args[++i]);
                default -> workloads.add(args[i]);
            }
        }
        if (workloads.isEmpty()) {
            workloads = List.of("xor", "mlp");
        }
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "CPU time per step, JVM %s %s; load average %.2f%n", System.getProperty("java.vm.vendor"),
                System.getProperty("java.vm.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "kernels: %s%n", org.backprop4j.core.internal.NativeSetup.kernelsInUse());
        for (String name : workloads) {
            Workload workload = switch (name) {
                case "xor" -> Workload.xor();
                case "mlp" -> Workload.mlp(DataType.FLOAT);
                case "mlp-double" -> Workload.mlp(DataType.DOUBLE);
                case "deep" -> Workload.deep();
                default -> throw new IllegalArgumentException("Unknown workload '" + name
                        + "'; known: xor, mlp, mlp-double, deep");
            };
            measure(workload, rounds, roundMillis, warmupMillis, out);
        }
    }

    private static void measure(Workload workload, int rounds, long roundMillis, long warmupMillis, PrintStream out) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DataSet data = workload.data();
        Sequential model = workload.backprop4jModel();
        Trainer trainer = workload.backprop4j(model, data);
        int steps = 1;
        long warmupEnd = threads.getCurrentThreadCpuTime() + warmupMillis * 1_000_000L;
        while (threads.getCurrentThreadCpuTime() < warmupEnd) {
            long start = threads.getCurrentThreadCpuTime();
            trainer.train(steps);
            long used = Math.max(1, threads.getCurrentThreadCpuTime() - start);
            steps = (int) Math.max(1, Math.min(1_000_000, steps * (roundMillis * 1_000_000.0 / used)));
        }
        double[] cpu = new double[rounds];
        double[] wall = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            trainer.train(steps);
            cpu[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / steps;
            wall[r] = (System.nanoTime() - wallStart) / 1e3 / steps;
        }
        out.printf(Locale.ROOT, "%s: loss %.6f after training%n", workload.name(), trainer.loss());
        out.printf(Locale.ROOT, "backprop4j CPU us/step: %s; wall us/step: %s (%d rounds of %d steps)%n",
                Stats.of(cpu).format("%.2f"), Stats.of(wall).format("%.2f"), rounds, steps);
    }
}
