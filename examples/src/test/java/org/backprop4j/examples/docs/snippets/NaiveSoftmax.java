package org.backprop4j.examples.docs.snippets;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

// docs/softmax-derivative.md: the textbook softmax overflows; subtracting the maximum does not.
public class NaiveSoftmax {
    // snippet-start
    static double[] naiveSoftmax(double[] z) {
        double sum = 0;
        for (double zk : z) {
            sum += Math.exp(zk);
        }
        double[] s = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            s[i] = Math.exp(z[i]) / sum;
        }
        return s;
    }

    static double[] stableSoftmax(double[] z) {
        double max = Arrays.stream(z).max().orElseThrow();
        double sum = 0;
        for (double zk : z) {
            sum += Math.exp(zk - max);                  // every exponent <= 0, so every term <= 1
        }
        double[] s = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            s[i] = Math.exp(z[i] - max) / sum;
        }
        return s;
    }

    public static void main(String[] args) {
        System.out.println("exp(1000)  = " + Math.exp(1000) + ", exp(-1000) = " + Math.exp(-1000));
        for (double[] z : new double[][] {{1, 2, 3}, {1000, 1001, 1002}, {-1000, -999, -998}}) {
            System.out.println("z = " + Arrays.toString(z));
            System.out.println("  naive:  " + format(naiveSoftmax(z)));
            System.out.println("  stable: " + format(stableSoftmax(z)));
        }
    }

    /** [0.09003057, 0.24472847, 0.66524096]: 8 decimals, and NaN as NaN. */
    static String format(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.8f", v))
                .collect(Collectors.joining(", ", "[", "]"));
    }
    // snippet-end
}
