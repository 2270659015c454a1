package org.backprop4j.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.BufferViews;
import org.backprop4j.core.internal.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks training inputs for problems that backpropagation cannot fix by itself, and says why in
 * plain words. {@link Sequential#fit} runs {@link #check} on its {@code x} and logs each finding at
 * WARN (once per model); anyone can call it on their own data:
 *
 * <pre>{@code
 * for (DataDiagnostics.Finding finding : DataDiagnostics.check(x)) {
 *     System.out.println(finding.message());
 * }
 * }</pre>
 *
 * <p>What it finds: <b>constant input columns</b>. A first-layer weight {@code w_ij} (from input
 * {@code j} to unit {@code i}) has the gradient
 * <pre>
 *   dL/dw_ij = sum over samples of delta_i * x_j        (dL/dkernel = x^T . delta)
 * </pre>
 * which is proportional to {@code x_j}. If input {@code j} is 0 in every training sample, that
 * gradient is exactly 0, so the weights leaving input {@code j} never move from their initial
 * values: whatever the network later sees in that input, it reacts with untrained weights. If the
 * input is a non-zero constant {@code c}, its weights are trained, but only as a copy of the bias
 * ({@code c * w_ij} shifts unit {@code i} like {@code bias_i} does): the column tells the samples
 * nothing.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread, as long as no
 * thread changes the array being checked.
 */
public final class DataDiagnostics {

    private DataDiagnostics() {
    }

    /**
     * One problem found in the data.
     *
     * @param column the input column, 0-based ("input 0")
     * @param value the value that column has in every sample
     * @param samples the number of samples checked
     * @param message a sentence for people, naming the column, the value and the consequence
     */
    public record Finding(int column, double value, long samples, String message) {

        /** True when the column is always 0, so its first-layer weights get no gradient at all. */
        public boolean weightsNeverTrained() {
            return value == 0.0;
        }

        @Override
        public String toString() {
            return message;
        }
    }

    /**
     * Every constant column of {@code x}, in column order; empty when there is none (or there is
     * only one sample, which says nothing about variation).
     *
     * @param x the training inputs {@code (samples, inputSize)}
     * @return one {@link Finding} per constant column
     * @throws IllegalArgumentException if {@code x} is null, not a matrix, or empty
     */
    public static List<Finding> check(INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (x.rank() != 2 || x.length() == 0) {
            throw new IllegalArgumentException("x must be a non-empty matrix (samples, inputSize), got shape "
                    + Arrays.toString(x.shape()));
        }
        long samples = x.rows();
        List<Finding> findings = new ArrayList<>();
        if (samples < 2) {
            return findings;
        }
        boolean[] varies = new boolean[(int) x.columns()];
        if (!variesByRows(x, varies)) {
            double[] minimum = x.min(0).toDoubleVector();
            double[] maximum = x.max(0).toDoubleVector();
            for (int column = 0; column < varies.length; column++) {
                varies[column] = minimum[column] != maximum[column];
            }
        }
        for (int column = 0; column < varies.length; column++) {
            if (!varies[column]) {
                findings.add(constantColumn(column, x.getDouble(0, column), samples));
            }
        }
        return findings;
    }

    /**
     * For a plain FLOAT or DOUBLE matrix: {@code varies[j]} = whether column j holds a value other than
     * row 0's, reading the rows in memory order until every column has varied (ND4J's column minimum and
     * maximum took two strided passes: 0.3 s on the 60,000 Fashion-MNIST images; a whole pass ~40 ms;
     * their columns have all varied within the first rows). Once few columns are left undecided only
     * those are read. NaN counts as varying (fit rejects NaN before this). Returns false, doing nothing,
     * for other arrays.
     */
    private static boolean variesByRows(INDArray x, boolean[] varies) {
        boolean isFloat = x.dataType() == DataType.FLOAT;
        int size = isFloat ? Float.BYTES : Double.BYTES;
        if (!(isFloat || x.dataType() == DataType.DOUBLE) || !Arrays2D.isPlain(x) || x.length() * size > Integer.MAX_VALUE) {
            return false;
        }
        int rows = (int) x.rows();
        int columns = varies.length;
        ByteBuffer bytes = BufferViews.bytes(x);
        double[] first = new double[columns];
        for (int j = 0; j < columns; j++) {
            first[j] = isFloat ? bytes.getFloat(j * size) : bytes.getDouble(j * size);
        }
        int[] undecided = new int[columns];
        int left = columns;
        for (int j = 0; j < columns; j++) {
            undecided[j] = j;
        }
        for (int r = 1; r < rows && left > 0; r++) {
            int kept = 0;
            for (int k = 0; k < left; k++) {
                int j = undecided[k];
                int at = (r * columns + j) * size;
                double value = isFloat ? bytes.getFloat(at) : bytes.getDouble(at);
                if (value != first[j]) {
                    varies[j] = true;
                } else {
                    undecided[kept++] = j;
                }
            }
            left = kept;
        }
        return true;
    }

    private static Finding constantColumn(int column, double value, long samples) {
        String message;
        if (value == 0.0) {
            message = String.format(Locale.ROOT,
                    "input %d is 0 in all %d training samples: its weights will never be trained "
                            + "(a first-layer weight's gradient is proportional to its input); "
                            + "train on samples where it varies, or remove the column if it never does",
                    column, samples);
        } else {
            message = String.format(Locale.ROOT,
                    "input %d is %s in all %d training samples: it carries no information "
                            + "(its weights only act as a second bias); consider removing or standardising it",
                    column, number(value), samples);
        }
        return new Finding(column, value, samples, message);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value) : String.valueOf(value);
    }
}
