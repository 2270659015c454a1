package org.backprop4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import one.profiler.AsyncProfiler;
import one.profiler.Counter;
import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Where backprop4j's training step spends its time: trains one workload (no DL4J) under
 * async-profiler (CPU samples by interval timer, every thread) after a warm-up, and prints the
 * samples grouped by the backprop4j method on the stack and by what runs at the leaf:
 * <ul>
 *   <li>{@code native}: code inside ND4J's or OpenBLAS's native libraries (the arithmetic, and libnd4j's own op set-up);</li>
 *   <li>{@code java/nd4j}: ND4J's Java side of a call (op objects, shape checks, JNI hand-over);</li>
 *   <li>{@code java}: any other Java code (backprop4j's own, the JDK's).</li>
 * </ul>
 * Arguments: the workload ({@code xor}, {@code mlp}, {@code mlp-double}, {@code deep}, {@code wide}, {@code mlp-b1024}), the seconds to profile
 * (default 10), and optionally a file for the collapsed stacks (for a flame graph).
 */
public final class ProfileStep {

    private ProfileStep() {
    }

    /** See the class comment. */
    public static void main(String[] args) throws IOException {
        String name = args.length > 0 ? args[0] : "xor";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        Workload workload = switch (name) {
            case "xor" -> Workload.xor();
            case "mlp" -> Workload.mlp(DataType.FLOAT);
            case "mlp-double" -> Workload.mlp(DataType.DOUBLE);
            case "deep" -> Workload.deep();
            case "wide" -> Workload.wide();
            case "mlp-b1024" -> Workload.mlpBatch(1024);
            default -> throw new IllegalArgumentException("Unknown workload '" + name + "'; use xor, mlp, mlp-double");
        };
        DataSet data = workload.data();
        Sequential model = workload.backprop4jModel();
        Trainer trainer = workload.backprop4j(model, data);
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        int chunk = 1; // steps per fit call: enough that fit's per-call input checks do not show
        while (System.nanoTime() < warmupEnd) {
            if (trainer.timedTrain(chunk) < 0.1) {
                chunk *= 2;
            }
        }
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        profiler.execute("start,event=" + System.getProperty("profile.event", "cpu") + ",interval=" + System.getProperty("profile.interval", "1ms") + ",threads");
        long steps = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            trainer.train(chunk);
            steps += chunk;
        }
        double micros = (System.nanoTime() - start) / 1e3 / steps;
        profiler.stop();
        String collapsed = profiler.dumpCollapsed(Counter.SAMPLES);
        if (args.length > 2) {
            Files.writeString(Path.of(args[2]), collapsed);
        }
        summarise(workload.name(), steps, micros, collapsed, System.out);
    }

    /** Groups collapsed stacks ({@code frame;frame;... count}) by backprop4j caller and leaf kind. */
    static void summarise(String title, long steps, double microsPerStep, String collapsed, PrintStream out) {
        Map<String, long[]> byCaller = new TreeMap<>();
        Map<String, Long> byThread = new TreeMap<>();
        Map<String, Long> leaves = new TreeMap<>();
        long total = 0;
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            total += count;
            String thread = frames[0].replaceAll(" tid=\\d+", "").replaceAll("\\d+", "N");
            byThread.merge(thread, count, Long::sum);
            String caller = "(not under backprop4j: " + thread + ")";
            for (String frame : frames) {
                if (frame.startsWith("org/backprop4j/") && !frame.startsWith("org/backprop4j/benchmarks/")) {
                    caller = frame.replace('/', '.').replaceAll("^org\\.backprop4j\\.", "").replaceAll("_\\[.]$", "");
                }
            }
            String leaf = frames[frames.length - 1];
            int kind = leaf.contains("/") || leaf.endsWith("_[j]") || leaf.endsWith("_[i]")
                    ? (leaf.startsWith("org/nd4j/") || leaf.startsWith("org/bytedeco/") ? 1 : 2) : 0;
            byCaller.computeIfAbsent(caller, k -> new long[3])[kind] += count;
            leaves.merge(leaf, count, Long::sum);
        }
        out.printf(Locale.ROOT, "%n== profile: %s, %,d steps, %.1f us/step, %,d samples ==%n", title, steps,
                microsPerStep, total);
        out.println("threads:");
        for (Map.Entry<String, Long> entry : sorted(byThread).entrySet()) {
            out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey());
        }
        out.println("innermost backprop4j method  (native / java in nd4j / other java):");
        Map<String, Long> callerTotals = new LinkedHashMap<>();
        byCaller.forEach((k, v) -> callerTotals.put(k, v[0] + v[1] + v[2]));
        for (Map.Entry<String, Long> entry : sorted(callerTotals).entrySet()) {
            long[] v = byCaller.get(entry.getKey());
            if (100.0 * entry.getValue() / total < 0.5) {
                continue;
            }
            out.printf(Locale.ROOT, "  %5.1f%%  (%4.1f / %4.1f / %4.1f)  %s%n", 100.0 * entry.getValue() / total,
                    100.0 * v[0] / total, 100.0 * v[1] / total, 100.0 * v[2] / total, entry.getKey());
        }
        out.println("top leaf frames:");
        int shown = 0;
        for (Map.Entry<String, Long> entry : sorted(leaves).entrySet()) {
            if (shown++ == 15) {
                break;
            }
            out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey());
        }
    }

    private static Map<String, Long> sorted(Map<String, Long> map) {
        Map<String, Long> result = new LinkedHashMap<>();
        map.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }
}
