package org.backprop4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Median and spread of a handful of measured rounds: the figures the benchmarks print. */
record Stats(double median, double q1, double q3, double min, double max, int rounds) {

    /** Quartiles by linear interpolation between the sorted values. */
    static Stats of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75),
                sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** {@code 12.3 [IQR 12.1 - 12.6, min 11.9, max 13.0]} with the given number format. */
    String format(String number) {
        String f = number;
        return String.format(Locale.ROOT, f + " [IQR " + f + " - " + f + ", min " + f + ", max " + f + "]",
                median, q1, q3, min, max);
    }
}
