package org.backprop4j.examples;

/**
 * The arithmetic of {@link BackpropStep} on plain {@code double[rows][columns]} arrays, written out so
 * that every number of the hand-computed step is visible: products, transposes, the sigmoid, the
 * mean squared error, column sums and the gradient-descent update.
 */
final class PlainMatrices {

    private PlainMatrices() {
    }

    /** {@code a b}: (n, k) times (k, m). */
    static double[][] product(double[][] a, double[][] b) {
        double[][] result = new double[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < b[0].length; c++) {
                for (int k = 0; k < b.length; k++) {
                    result[r][c] += a[r][k] * b[k][c];
                }
            }
        }
        return result;
    }

    /** {@code a^T}. */
    static double[][] transpose(double[][] a) {
        double[][] result = new double[a[0].length][a.length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                result[c][r] = a[r][c];
            }
        }
        return result;
    }

    /** {@code a} with {@code row} added to every row (a bias). */
    static double[][] plusRow(double[][] a, double[] row) {
        double[][] result = copy(a);
        for (double[] resultRow : result) {
            for (int c = 0; c < row.length; c++) {
                resultRow[c] += row[c];
            }
        }
        return result;
    }

    /** {@code 1 / (1 + exp(-z))}, element by element. */
    static double[][] sigmoid(double[][] z) {
        double[][] result = new double[z.length][z[0].length];
        for (int r = 0; r < z.length; r++) {
            for (int c = 0; c < z[0].length; c++) {
                result[r][c] = 1 / (1 + Math.exp(-z[r][c]));
            }
        }
        return result;
    }

    /** The mean of {@code (p - y)^2} over all entries. */
    static double meanSquaredError(double[][] p, double[][] y) {
        double sum = 0;
        for (int r = 0; r < p.length; r++) {
            for (int c = 0; c < p[0].length; c++) {
                sum += (p[r][c] - y[r][c]) * (p[r][c] - y[r][c]);
            }
        }
        return sum / (p.length * p[0].length);
    }

    /** The sum of each column (over the samples). */
    static double[] columnSums(double[][] a) {
        double[] sums = new double[a[0].length];
        for (double[] row : a) {
            for (int c = 0; c < row.length; c++) {
                sums[c] += row[c];
            }
        }
        return sums;
    }

    /** {@code w - learningRate gradient}. */
    static double[][] minus(double[][] w, double[][] gradient, double learningRate) {
        double[][] result = copy(w);
        for (int r = 0; r < w.length; r++) {
            for (int c = 0; c < w[0].length; c++) {
                result[r][c] -= learningRate * gradient[r][c];
            }
        }
        return result;
    }

    /** A deep copy. */
    static double[][] copy(double[][] a) {
        double[][] result = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            result[r] = a[r].clone();
        }
        return result;
    }
}
