package org.backprop4j.examples;

import java.io.PrintStream;
import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A classifier's confusion matrix on held-out data: counts of (true class, predicted class). */
final class ConfusionMatrix {

    private ConfusionMatrix() {
    }

    /** {@code confusion[true][predicted]} over the test rows, predicted = argmax of the output row. */
    static int[][] count(INDArray predictions, int[] labels, int[] testRows, int classes) {
        int[][] confusion = new int[classes][classes];
        double[][] p = predictions.toDoubleMatrix();
        for (int r = 0; r < testRows.length; r++) {
            int predicted = 0;
            for (int k = 1; k < classes; k++) {
                if (p[r][k] > p[r][predicted]) {
                    predicted = k;
                }
            }
            confusion[labels[testRows[r]]][predicted]++;
        }
        return confusion;
    }

    /** Prints the matrix with a header row of predicted classes and a "correct" column. */
    static void print(int[][] confusion, PrintStream out) {
        int classes = confusion.length;
        out.println("Confusion matrix on the held-out images (rows: true digit, columns: predicted digit):");
        StringBuilder header = new StringBuilder("       ");
        for (int k = 0; k < classes; k++) {
            header.append(String.format(Locale.ROOT, "%4d", k));
        }
        out.println(header.append("   correct"));
        for (int t = 0; t < classes; t++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %d:   ", t));
            int total = 0;
            for (int k = 0; k < classes; k++) {
                total += confusion[t][k];
                line.append(confusion[t][k] == 0 && k != t ? "   ." : String.format(Locale.ROOT, "%4d", confusion[t][k]));
            }
            line.append(String.format(Locale.ROOT, "   %3d/%d", confusion[t][t], total));
            out.println(line);
        }
    }
}
