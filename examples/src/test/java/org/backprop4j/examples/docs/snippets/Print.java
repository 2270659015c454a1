package org.backprop4j.examples.docs.snippets;

import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Formatting for the snippets' output: fixed decimals, numpy-like brackets, the same on every locale. */
final class Print {

    private Print() {
    }

    /** {@code [ 0.1000  0.5000]} with the given decimals. */
    static String vector(double[] values, int decimals) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : " ").append(number(values[i], decimals));
        }
        return text.append(']').toString();
    }

    /** One bracketed row per line, rows aligned. */
    static String matrix(double[][] rows, int decimals) {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.length; r++) {
            text.append(r == 0 ? "[" : " ").append(vector(rows[r], decimals)).append(r == rows.length - 1 ? "]" : "\n");
        }
        return text.toString();
    }

    /** A rank-2 ND4J array, as {@link #matrix}. */
    static String matrix(INDArray array, int decimals) {
        return matrix(array.toDoubleMatrix(), decimals);
    }

    private static String number(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (text.matches("-0\\.0*")) {
            text = text.substring(1);                   // no "-0.00000" for tiny negatives
        }
        return (text.startsWith("-") ? "" : " ") + text;
    }
}
