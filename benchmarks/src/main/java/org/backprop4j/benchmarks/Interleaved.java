package org.backprop4j.benchmarks;

import java.util.List;

/**
 * Times a few implementations of the same operation in interleaved rounds, the harness of the
 * primitive benchmarks: each call is first warmed up (about {@code warmupMillis} of calls, for the
 * JIT and the caches), then the calls per round are chosen so that a round lasts about
 * {@code roundMillis}, then {@code rounds} rounds run with the implementations interleaved (who goes
 * first rotates), so that a shared machine's load hits all alike. Returns microseconds per call for
 * each implementation and round: by default the CPU time of the calling thread (nanosecond
 * resolution; preemption by other programs does not count, which matters on a machine shared with
 * other jobs; a native library's own worker threads do not count either: compare multi-threaded
 * native calls in wall-clock time, {@link #cpuTime} false).
 */
final class Interleaved {

    private Interleaved() {
    }

    /** Whether rounds are timed in CPU time of the calling thread (true) or wall-clock time. */
    static boolean cpuTime = true;

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long now() {
        return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Which clock the rounds use. */
    static String clock() {
        return cpuTime ? "CPU time of the calling thread" : "wall-clock time";
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

    /** Warms up for at least {@code warmupMillis} and 20 calls, then returns the calls that last about {@code roundMillis}. */
    private static long calibrate(Runnable call, long warmupMillis, long roundMillis) {
        long deadline = now() + warmupMillis * 1_000_000; // on the round's clock: a loaded machine still warms up
        for (int i = 0; i < 20 || now() < deadline; i++) {
            call.run();
        }
        long calls = 1;
        while (true) {
            long start = now();
            for (long i = 0; i < calls; i++) {
                call.run();
            }
            long elapsed = now() - start;
            if (elapsed >= 20_000_000) {
                return Math.max(1, Math.round(roundMillis * 1e6 * calls / elapsed));
            }
            calls *= 2;
        }
    }
}
