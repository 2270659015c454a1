package org.backprop4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A user-defined activation ({@link UserElu}: one class and one registration, outside the library)
 * against the built-in relu, on the 784-256-10 FLOAT MLP (hidden activation under test, softmax +
 * categorical cross-entropy, SGD 0.1), one step per {@code fit} epoch on one batch.
 *
 * <p>Modes: {@code time} (default): for batch 128 and 512, both models warm up, then {@code --rounds}
 * rounds of about {@code --round-ms} each run interleaved (who goes first rotates); prints the median
 * ms per step with the inter-quartile range and the paired ratio elu / relu. {@code memory ACTIVATION
 * BATCH STEPS}: trains one model for STEPS steps in this process and prints the process's resident
 * memory (VmRSS, VmHWM from /proc/self/status) every 100 steps: run once per activation, each in a
 * fresh JVM, to compare.
 */
public final class EluVsRelu {

    private EluVsRelu() {
    }

    /** See the class comment. */
    public static void main(String[] args) throws IOException {
        UserElu.register();
        if (args.length > 0 && args[0].equals("memory")) {
            memory(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int rounds = 9;
        long roundMillis = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMillis = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "784-256-10 FLOAT, SGD, ms per step (wall), median [IQR] of %d interleaved rounds;"
                + " SIMD %s; JVM %s%n", rounds, FastElementwise.simd(), System.getProperty("java.vm.version"));
        for (int batch : new int[] {128, 512}) {
            Sequential relu = model("relu");
            Sequential elu = model("user_elu");
            INDArray[] data = data(batch);
            List<Sequential> models = List.of(relu, elu);
            for (Sequential model : models) {
                stepsFor(model, data, 3000); // warm-up
            }
            int steps = Math.max(1, (int) (roundMillis / msPerStep(relu, data)));
            double[][] ms = new double[2][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < 2; k++) {
                    int which = (round + k) % 2;
                    long start = System.nanoTime();
                    train(models.get(which), data, steps);
                    ms[which][round] = (System.nanoTime() - start) / 1e6 / steps;
                }
            }
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = ms[1][round] / ms[0][round];
            }
            System.out.printf(Locale.ROOT, "batch %d: relu %s  user elu %s  elu/relu %s%n", batch, cell(ms[0]), cell(ms[1]),
                    cell(ratios));
        }
    }

    private static String cell(double[] values) {
        Stats stats = Stats.of(values);
        return String.format(Locale.ROOT, "%.3f [%.3f-%.3f]", stats.median(), stats.q1(), stats.q3());
    }

    static Sequential model(String hidden) {
        Sequential model = new Sequential(7L, DataType.FLOAT);
        model.add(new Dense(256, 784, hidden)).add(new Dense(10, "softmax"));
        return model.compile("categorical_crossentropy", new SGD(0.1));
    }

    static INDArray[] data(int batch) {
        Random random = new Random(11);
        float[] x = new float[batch * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        float[] y = new float[batch * 10];
        for (int row = 0; row < batch; row++) {
            y[row * 10 + random.nextInt(10)] = 1;
        }
        return new INDArray[] {Nd4j.create(x, new long[] {batch, 784}, 'c'), Nd4j.create(y, new long[] {batch, 10}, 'c')};
    }

    private static void train(Sequential model, INDArray[] data, int steps) {
        model.fit(data[0], data[1], new FitOptions().epochs(steps).batchSize((int) data[0].rows()).shuffle(false).verbose(0));
    }

    private static void stepsFor(Sequential model, INDArray[] data, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            train(model, data, 10);
        }
    }

    private static double msPerStep(Sequential model, INDArray[] data) {
        long start = System.nanoTime();
        train(model, data, 20);
        return (System.nanoTime() - start) / 1e6 / 20;
    }

    private static void memory(String hidden, int batch, int steps) throws IOException {
        Sequential model = model(hidden);
        INDArray[] data = data(batch);
        List<String> lines = new ArrayList<>();
        for (int done = 0; done < steps; done += 100) {
            train(model, data, Math.min(100, steps - done));
            lines.add(String.format(Locale.ROOT, "%s batch %d after %d steps: %s", hidden, batch, Math.min(done + 100, steps),
                    residentMemory()));
        }
        lines.forEach(System.out::println);
    }

    private static String residentMemory() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                text.append(line.replaceAll("\\s+", " ")).append("  ");
            }
        }
        return text.toString().trim();
    }
}
