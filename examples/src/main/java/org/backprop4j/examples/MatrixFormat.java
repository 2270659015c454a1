package org.backprop4j.examples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prints vectors and matrices the way numpy does by default, so the examples' output can be read
 * next to the articles' numpy output:
 *
 * <pre>
 * [[ 0.15446555 -0.0388569  -0.04142505]
 *  [-0.0388569   0.1621064  -0.04416293]]
 * </pre>
 *
 * <p>Each number is rounded (half-even, on its exact binary value; not truncated) to at most
 * {@code decimals} digits after the point, and trailing zeros are dropped ({@code -0.0388569},
 * {@code 0.}). Columns line up on the decimal point: the integer parts are right-aligned (with room
 * for a minus sign when any number is negative) and the fractions padded on the right to the longest
 * one. Unlike numpy, it never switches to scientific notation and never wraps long rows.
 */
public final class MatrixFormat {

    private MatrixFormat() {
    }

    /**
     * A rank-1 array as {@code [a b c]}, or a rank-2 array as rows {@code [[..]\n [..]]}.
     *
     * @throws IllegalArgumentException for another rank
     */
    public static String format(INDArray array, int decimals) {
        if (array.rank() == 1) {
            return format(array.toDoubleVector(), decimals);
        }
        if (array.rank() == 2) {
            return format(array.toDoubleMatrix(), decimals);
        }
        throw new IllegalArgumentException("MatrixFormat prints vectors and matrices, got rank " + array.rank());
    }

    /** A vector as {@code [a b c]}. */
    public static String format(double[] vector, int decimals) {
        String oneRow = format(new double[][] {vector}, decimals); // "[[a b c]]"
        return oneRow.substring(1, oneRow.length() - 1);
    }

    /** A matrix as numpy prints it: {@code [[a b]\n [c d]]}. */
    public static String format(double[][] matrix, int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        List<String[]> parts = new ArrayList<>(); // per element: {integer part with sign, fraction digits}
        int padLeft = 0;
        int padRight = 0;
        int specialLength = 0;
        for (double[] row : matrix) {
            for (double value : row) {
                String[] part = split(value, decimals);
                parts.add(part);
                if (Double.isFinite(value)) {
                    padLeft = Math.max(padLeft, part[0].length());
                    padRight = Math.max(padRight, part[1].length());
                } else {
                    specialLength = Math.max(specialLength, part[0].length());
                }
            }
        }
        padLeft = Math.max(padLeft, specialLength - padRight - 1); // nan and inf fit the column too
        StringBuilder text = new StringBuilder("[");
        int index = 0;
        for (int r = 0; r < matrix.length; r++) {
            text.append(r == 0 ? "[" : " [");
            for (int c = 0; c < matrix[r].length; c++) {
                String[] part = parts.get(index++);
                text.append(c == 0 ? "" : " ");
                if (part[0].endsWith("nan") || part[0].endsWith("inf")) { // right-aligned in the column
                    text.append(" ".repeat(padLeft + padRight + 1 - part[0].length())).append(part[0]);
                } else {
                    text.append(" ".repeat(padLeft - part[0].length())).append(part[0]);
                    text.append('.').append(part[1]).append(" ".repeat(padRight - part[1].length()));
                }
            }
            text.append(r == matrix.length - 1 ? "]" : "]\n");
        }
        return text.append(']').toString();
    }

    /** {@code value} rounded half-even to {@code decimals} places, trailing zeros dropped: "0.0810" becomes "0.081". */
    public static String round(double value, int decimals) {
        String[] part = split(value, decimals);
        return part[1].isEmpty() ? part[0] + "." : part[0] + "." + part[1];
    }

    /** {sign and integer digits, fraction digits without trailing zeros}. */
    private static String[] split(double value, int decimals) {
        if (Double.isNaN(value)) {
            return new String[] {"nan", ""};
        }
        if (Double.isInfinite(value)) {
            return new String[] {value > 0 ? "inf" : "-inf", ""};
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        BigDecimal rounded = new BigDecimal(Math.abs(value)).setScale(decimals, RoundingMode.HALF_EVEN);
        String plain = rounded.toPlainString();
        int point = plain.indexOf('.');
        String integer = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        int end = fraction.length();
        while (end > 0 && fraction.charAt(end - 1) == '0') {
            end--;
        }
        return new String[] {(negative ? "-" : "") + integer, fraction.substring(0, end)};
    }
}
