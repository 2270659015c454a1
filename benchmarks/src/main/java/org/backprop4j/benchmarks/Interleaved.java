package org.backprop4j.benchmarks;

import java.util.List;

/**
 * Times a few implementations of the same operation in interleaved rounds, the harness of the
 * primitive benchmarks: each call is first warmed up (about {@code warmupMillis} of calls, for the
 * JIT and the caches), then the calls per round are chosen so that a round lasts about
 * {@code roundMillis}, then {@code rounds} rounds run with the implementations interleaved (who goes
 * first rotates), so that a shared machine's load hits all alike. Returns microseconds per call for
 * each implementation and round: wall-clock time, or with {@link #cpuTime} the CPU time of the whole
 * process (all its threads: a native library's worker threads count, preemption by other programs
 * does not), the figure to quote on a machine shared with other jobs.
 */
final class Interleaved {

    private Interleaved() {
    }

    /** Whether rounds are timed in CPU time of the process (true) or wall-clock time. */
    static boolean cpuTime = true;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static long now() {
        return cpuTime ? OS.getProcessCpuTime() : System.nanoTime();
    }

    /** "CPU" or "wall". */
    static String clock() {
        return cpuTime ? "CPU time of the process" : "wall-clock time";
    }

    /** {@code [implementation][round]}: microseconds per call. */
    static double[][] time(List<Runnable> calls, int rounds, long warmupMillis, long roundMillis) {
        int n = calls.size();
        long[] perRound = new long[n];
        for (int t = 0; t < n; t++) {
            perRound[t] = calibrate(calls.get(t), warmupMillis, roundMillis);
        }
        double[][] micros = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int t = (k + r) % n;
                Runnable call = calls.get(t);
                long start = now();
                for (long i = 0; i < perRound[t]; i++) {
                    call.run();
                }
                micros[t][r] = (now() - start) / 1e3 / perRound[t];
            }
        }
        return micros;
    }

    /** Per implementation: the median of its rounds, with the median paired ratio to the first. */
    static Stats[] stats(double[][] micros) {
        Stats[] stats = new Stats[micros.length];
        for (int t = 0; t < micros.length; t++) {
            stats[t] = Stats.of(micros[t]);
        }
        return stats;
    }

    /** Paired per-round ratios {@code micros[other] / micros[base]}. */
    static Stats ratio(double[][] micros, int other, int base) {
        double[] ratios = new double[micros[base].length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = micros[other][r] / micros[base][r];
        }
        return Stats.of(ratios);
    }

    private static long calibrate(Runnable call, long warmupMillis, long roundMillis) {
        long deadline = System.nanoTime() + warmupMillis * 1_000_000;
        long calls = 1;
        double best = Double.MAX_VALUE;
        do {
            long start = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                call.run();
            }
            best = Math.min(best, (double) (System.nanoTime() - start) / calls);
            if (best * calls < 20_000_000) {
                calls *= 2;
            }
        } while (System.nanoTime() < deadline);
        return Math.max(1, Math.round(roundMillis * 1e6 / best));
    }
}
