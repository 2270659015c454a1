package org.backprop4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fifth workload: the whole Fashion-MNIST tutorial (60,000 images, Dense 128 relu, Dense 10 logits,
 * Adam, sparse categorical cross-entropy from logits, batch 32, 10 epochs), trained by backprop4j's
 * {@code fashion} example and by {@code fashion_tutorial.py} (PyTorch, the same recipe), each in a
 * fresh process per round (start-up and JIT warm-up are part of every backprop4j round, as for a
 * user; only the training loop is timed, as both programs print it), rounds alternating who goes first.
 * Prints the training wall time and the test accuracy of every run, the medians, and the paired ratio
 * backprop4j / PyTorch per round (the target is at most 0.67).
 *
 * <p>Arguments: {@code --pytorch PYTHON} (required), {@code --rounds N} (default 3),
 * {@code --pytorch-threads LIST} (PyTorch's settings, {@code I} or {@code I/B} intra-op/BLAS threads,
 * comma-separated, default {@code 1,1/2}; the ratio uses each round's fastest), {@code --data-dir DIR}
 * (default: Debian's {@code /usr/share/datasets/fashion-mnist}), {@code --keras PYTHON} (also the tutorial
 * itself in Keras 3 on TensorFlow, {@code fashion_keras.py}, run by a Python that has them),
 * {@code --keras-threads LIST} (TensorFlow's intra-/inter-op threads, default {@code 1,2}).
 */
public final class FashionSideBySide {

    private static final Pattern TOOK = Pattern.compile("Training took ([0-9.]+) s");
    private static final Pattern ACCURACY = Pattern.compile("test accuracy: ([0-9.]+)");

    private FashionSideBySide() {
    }

    /** One training run's figures. */
    record Run(double seconds, double accuracy) {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        String python = null;
        int rounds = 3;
        List<String> settings = List.of("1", "1/2");
        String dataDir = null;
        String keras = null;
        List<String> kerasSettings = List.of("1", "2");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pytorch" -> python = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--pytorch-threads" -> settings = List.of(args[++i].split(","));
                case "--data-dir" -> dataDir = args[++i];
                case "--keras" -> keras = args[++i];
                case "--keras-threads" -> kerasSettings = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        if (python == null) {
            throw new IllegalArgumentException("--pytorch PYTHON is required (a Python with torch, e.g. /usr/bin/python3)");
        }
        compare(python, settings, keras, kerasSettings, rounds, dataDir, System.out);
    }

    /** The data directory used when none is given: Debian's dataset-fashion-mnist package. */
    static final Path DEBIAN_DATA = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * Runs the comparison (see the class comment) and prints it to {@code out}.
     *
     * @param dataDir the IDX files' directory, or null for {@link #DEBIAN_DATA}
     */
    static void compare(String python, List<String> settings, int rounds, String dataDir, PrintStream out) {
        compare(python, settings, null, List.of(), rounds, dataDir, out);
    }

    /**
     * As {@link #compare(String, List, int, String, PrintStream)}, and Keras 3 itself on TensorFlow
     * ({@code fashion_keras.py} run by {@code keras}, a Python with tensorflow and keras; null for none) at
     * each of {@code kerasSettings} (TensorFlow's intra-op and inter-op threads).
     */
    static void compare(String python, List<String> pytorchSettings, String keras, List<String> kerasSettings,
            int rounds, String dataDir, PrintStream out) {
        List<String> settings = new ArrayList<>(pytorchSettings);
        int pytorchCount = settings.size();
        if (keras != null) {
            kerasSettings.forEach(k -> settings.add("keras " + k.trim()));
        }
        out.printf(Locale.ROOT, "Fashion-MNIST tutorial, backprop4j vs PyTorch %s%s, %d rounds; load average %.2f%n",
                pytorchSettings, keras == null ? "" : " vs Keras 3 (TensorFlow) threads " + kerasSettings, rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String kerasScript = Path.of(System.getProperty("benchmarks.dir", "benchmarks"), "src/main/python/fashion_keras.py")
                .toString();
        String script = Path.of(System.getProperty("benchmarks.dir", "benchmarks"), "src/main/python/fashion_tutorial.py")
                .toString();
        int frameworks = 1 + settings.size();
        double[][] seconds = new double[frameworks][rounds];
        double[][] accuracy = new double[frameworks][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < frameworks; k++) {
                int f = (k + r) % frameworks;
                Run run = f == 0 ? backprop4j(dataDir)
                        : f <= pytorchCount ? pytorch(python, script, settings.get(f - 1), dataDir)
                        : keras(keras, kerasScript, settings.get(f - 1).substring("keras ".length()), dataDir);
                seconds[f][r] = run.seconds;
                accuracy[f][r] = run.accuracy;
                out.printf(Locale.ROOT, "round %d %-14s %6.1f s  test accuracy %.4f%n", r + 1, name(f, settings),
                        run.seconds, run.accuracy);
            }
        }
        double[] best = new double[rounds];
        for (int f = 0; f < frameworks; f++) {
            out.printf(Locale.ROOT, "%-14s training s: %s  test accuracy: %s%n", name(f, settings),
                    Stats.of(seconds[f]).format("%.1f"), Stats.of(accuracy[f]).format("%.4f"));
        }
        for (int r = 0; r < rounds; r++) {
            best[r] = Double.MAX_VALUE;
            for (int f = 1; f <= pytorchCount; f++) {
                best[r] = Math.min(best[r], seconds[f][r]);
            }
            best[r] = seconds[0][r] / best[r];
        }
        for (int f = 1; f < frameworks; f++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = seconds[0][r] / seconds[f][r];
            }
            out.printf(Locale.ROOT, "ratio backprop4j / %s, paired rounds: %s%n", name(f, settings),
                    Stats.of(ratio).format("%.2fx"));
        }
        out.printf(Locale.ROOT, "ratio backprop4j / fastest PyTorch setting, paired rounds: %s  (target <= 0.67x)%n",
                Stats.of(best).format("%.2fx"));
        if (frameworks > pytorchCount + 1) {
            double[] bestKeras = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double fastest = Double.MAX_VALUE;
                for (int f = pytorchCount + 1; f < frameworks; f++) {
                    fastest = Math.min(fastest, seconds[f][r]);
                }
                bestKeras[r] = seconds[0][r] / fastest;
            }
            out.printf(Locale.ROOT, "ratio backprop4j / fastest Keras setting, paired rounds: %s  (target <= 0.25x)%n",
                    Stats.of(bestKeras).format("%.2fx"));
        }
    }

    private static String name(int framework, List<String> settings) {
        String setting = framework == 0 ? "" : settings.get(framework - 1);
        return framework == 0 ? "backprop4j" : setting.startsWith("keras ") ? "Keras " + setting.substring(6)
                : "PyTorch " + setting;
    }

    /** fashion_keras.py (the tutorial in Keras 3 on TensorFlow) with {@code threads} intra- and inter-op threads. */
    private static Run keras(String python, String script, String threads, String dataDir) {
        List<String> command = new ArrayList<>(List.of(python, script, "--threads", threads.trim(), "--verbose", "0"));
        if (dataDir != null) {
            command.addAll(List.of("--data-dir", dataDir));
        }
        return run(new ProcessBuilder(command));
    }

    /** backprop4j's example in a fresh JVM with this JVM's class path and the Vector API module. */
    private static Run backprop4j(String dataDir) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                classPath(), "org.backprop4j.examples.Launcher", "fashion"));
        if (dataDir != null) {
            command.addAll(List.of("--data-dir", dataDir));
        }
        return run(new ProcessBuilder(command));
    }

    /**
     * This program's class path: the class loader's URLs under {@code mvn exec:java} (whose
     * {@code java.class.path} is Maven's own), else {@code java.class.path}.
     */
    private static String classPath() {
        if (FashionSideBySide.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> paths = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    paths.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException("class path entry " + url, e);
                }
            }
            return String.join(java.io.File.pathSeparator, paths);
        }
        return System.getProperty("java.class.path");
    }

    /** fashion_tutorial.py with {@code I} intra-op threads and {@code B} OpenBLAS threads ("I" or "I/B"). */
    private static Run pytorch(String python, String script, String setting, String dataDir) {
        String[] parts = setting.split("/");
        List<String> command = new ArrayList<>(List.of(python, script, "--threads", parts[0].trim()));
        if (dataDir != null) {
            command.addAll(List.of("--data-dir", dataDir));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OPENBLAS_NUM_THREADS", parts.length > 1 ? parts[1].trim() : parts[0].trim());
        return run(builder);
    }

    private static Run run(ProcessBuilder builder) {
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            double seconds = Double.NaN;
            double accuracy = Double.NaN;
            StringBuilder output = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    Matcher took = TOOK.matcher(line);
                    if (took.find()) {
                        seconds = Double.parseDouble(took.group(1));
                    }
                    Matcher test = ACCURACY.matcher(line);
                    if (test.find()) {
                        accuracy = Double.parseDouble(test.group(1));
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || Double.isNaN(seconds)) {
                throw new IllegalStateException(builder.command() + " exited with " + exit + ":\n" + output);
            }
            return new Run(seconds, accuracy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
