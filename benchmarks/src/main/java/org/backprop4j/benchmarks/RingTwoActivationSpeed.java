package org.backprop4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.FastElementwise;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The built-in ring-2 activations against relu on {@link EluVsRelu}'s 784-256-10 FLOAT MLP (the hidden
 * activation under test, softmax + categorical cross-entropy, SGD 0.1), one step per {@code fit}
 * epoch on one batch: each model warms up, then {@code --rounds} rounds of about {@code --round-ms}
 * each run interleaved (who goes first rotates); prints the median ms per step with the inter-quartile
 * range, and each activation's paired ratio to relu. Arguments: {@code --batch N}, {@code --rounds N},
 * {@code --round-ms N}, then the activation names (default: elu gelu).
 */
public final class RingTwoActivationSpeed {

    private RingTwoActivationSpeed() {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        int rounds = 9;
        long roundMillis = 1000;
        int batch = 128;
        List<String> names = new ArrayList<>(List.of("relu"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMillis = Long.parseLong(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> names.add(args[i]);
            }
        }
        if (names.size() == 1) {
            names.addAll(List.of("elu", "gelu"));
        }
        System.out.printf(Locale.ROOT, "784-256-10 FLOAT, SGD, batch %d, ms per step (wall), median [IQR] of %d interleaved"
                + " rounds; SIMD %s; JVM %s%n", batch, rounds, FastElementwise.simd(), System.getProperty("java.vm.version"));
        List<Sequential> models = new ArrayList<>();
        for (String name : names) {
            models.add(EluVsRelu.model(name));
        }
        INDArray[] data = EluVsRelu.data(batch);
        for (Sequential model : models) {
            long end = System.nanoTime() + 3_000_000_000L; // warm-up
            while (System.nanoTime() < end) {
                train(model, data, 10);
            }
        }
        long start = System.nanoTime();
        train(models.get(0), data, 20);
        int steps = Math.max(1, (int) (roundMillis / ((System.nanoTime() - start) / 1e6 / 20)));
        int n = models.size();
        double[][] ms = new double[n][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int which = (round + k) % n;
                long t0 = System.nanoTime();
                train(models.get(which), data, steps);
                ms[which][round] = (System.nanoTime() - t0) / 1e6 / steps;
            }
        }
        for (int m = 0; m < n; m++) {
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = ms[m][round] / ms[0][round];
            }
            System.out.printf(Locale.ROOT, "%-12s %s   / relu %s%n", names.get(m), cell(ms[m]), cell(ratios));
        }
    }

    private static String cell(double[] values) {
        Stats stats = Stats.of(values);
        return String.format(Locale.ROOT, "%.3f [%.3f-%.3f]", stats.median(), stats.q1(), stats.q3());
    }

    private static void train(Sequential model, INDArray[] data, int steps) {
        model.fit(data[0], data[1], new FitOptions().epochs(steps).batchSize((int) data[0].rows()).shuffle(false).verbose(0));
    }
}
