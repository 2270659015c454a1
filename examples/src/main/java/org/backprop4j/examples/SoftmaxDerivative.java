package org.backprop4j.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Jacobians;
import org.backprop4j.core.Registry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The softmax function and its Jacobian, step by step, on a seeded random vector z:
 * {@code s = softmax(z)} (which sums to 1), the Jacobian {@code J = diag(s) - s^T s} (s a row, so
 * {@code s^T s} is the outer product; {@code diag(s) - s s^T} in column-vector texts) built from its
 * two pieces, and an element-by-element check of the quotient rule's two cases,
 * {@code ds_i/dz_j = s_i (1 - s_i)} when {@code i == j} and {@code -s_i s_j} otherwise. Finally J is
 * compared with central differences of softmax itself.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q compile exec:java -Dexec.args=softmax
 * </pre>
 */
public final class SoftmaxDerivative {

    /** The seed of the random vector. */
    public static final long SEED = 7L;
    /** Its length, as in the articles. */
    public static final int SIZE = 5;
    /** The step of the central differences. */
    public static final double EPSILON = 1e-6;

    private static final ActivationFunction SOFTMAX = Registry.ACTIVATIONS.create("softmax");

    private SoftmaxDerivative() {
    }

    /**
     * What the example computes.
     *
     * @param z the random input, length n
     * @param s softmax(z), length n
     * @param sum the sum of s
     * @param jacobian diag(s) - s^T s, (n, n)
     * @param maxApiDifference max |jacobian - Jacobians.softmax(s)|
     * @param maxDiagonalError max over i of |J[i][i] - s_i (1 - s_i)|
     * @param maxOffDiagonalError max over i != j of |J[i][j] - (-s_i s_j)|
     * @param maxAsymmetry max |J - J^T|
     * @param maxRowSum max |sum_j J[i][j]|
     * @param maxCentralDifferenceError max |J - central differences of softmax|
     * @param maxShiftDifference max |softmax(z + 1000) - softmax(z)|
     */
    public record Result(INDArray z, INDArray s, double sum, INDArray jacobian, double maxApiDifference,
            double maxDiagonalError, double maxOffDiagonalError, double maxAsymmetry, double maxRowSum,
            double maxCentralDifferenceError, double maxShiftDifference) {
    }

    /** Runs the example on a random vector of {@code size} standard-normal numbers from {@code seed}. */
    public static Result run(long seed, int size, PrintStream out) {
        Random random = new Random(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextGaussian();
        }
        INDArray z = Nd4j.create(values);
        out.printf(Locale.ROOT, "z: %d standard-normal numbers from java.util.Random(%d)%n", size, seed);
        out.println(MatrixFormat.format(z, 8));
        out.println();

        INDArray s = softmax(z);
        double sum = s.sumNumber().doubleValue();
        out.println("s = softmax(z) = exp(z - max z) / sum(exp(z - max z)): every entry in (0, 1)");
        out.println(MatrixFormat.format(s, 8));
        out.printf(Locale.ROOT, "sum(s) = %.12f (|sum - 1| = %.1e)%n", sum, Math.abs(sum - 1));

        INDArray shifted = softmax(z.add(1000));
        double maxShiftDifference = maxAbs(shifted, s);
        double[] naive = new double[size];
        double naiveSum = 0;
        for (int i = 0; i < size; i++) {
            naive[i] = Math.exp(values[i] + 1000); // overflows to infinity
            naiveSum += naive[i];
        }
        for (int i = 0; i < size; i++) {
            naive[i] /= naiveSum;
        }
        out.println("Why subtract the maximum: softmax(z + 1000) is the same vector (max |difference| = "
                + String.format(Locale.ROOT, "%.1e", maxShiftDifference) + "),");
        out.println("but the naive exp(z + 1000) / sum(exp(z + 1000)) = " + MatrixFormat.format(naive, 8));
        out.println();

        INDArray column = s.reshape(size, 1);
        INDArray diagonal = Nd4j.diag(s);
        INDArray outer = column.mmul(column.transpose());
        INDArray jacobian = diagonal.sub(outer);
        out.println("diag(s) =");
        out.println(MatrixFormat.format(diagonal, 8));
        out.println("s^T s, the outer product of the row s with itself: entry [i][j] = s_i s_j (numpy: tile(s).T * tile(s)) =");
        out.println(MatrixFormat.format(outer, 8));
        out.println("J = diag(s) - s^T s, entry [i][j] = ds_i/dz_j (one row per output) =");
        out.println(MatrixFormat.format(jacobian, 8));
        double maxApiDifference = maxAbs(jacobian, Jacobians.softmax(s));
        out.printf(Locale.ROOT, "Jacobians.softmax(s) gives the same matrix: max |difference| = %.1e%n", maxApiDifference);
        out.println();

        double[][] j = jacobian.toDoubleMatrix();
        double[] p = s.toDoubleVector();
        double maxDiagonalError = 0;
        double maxOffDiagonalError = 0;
        double maxAsymmetry = 0;
        double maxRowSum = 0;
        for (int row = 0; row < size; row++) {
            double rowSum = 0;
            for (int col = 0; col < size; col++) {
                if (row == col) {
                    maxDiagonalError = Math.max(maxDiagonalError, Math.abs(j[row][col] - p[col] * (1 - p[row])));
                } else {
                    maxOffDiagonalError = Math.max(maxOffDiagonalError, Math.abs(j[row][col] - (-p[row] * p[col])));
                }
                maxAsymmetry = Math.max(maxAsymmetry, Math.abs(j[row][col] - j[col][row]));
                rowSum += j[row][col];
            }
            maxRowSum = Math.max(maxRowSum, Math.abs(rowSum));
        }
        out.println("The quotient rule's two cases, checked entry by entry:");
        out.printf(Locale.ROOT, "  i == j: ds_i/dz_j = s_i (1 - s_i)   e.g. J[0][0] = %s = %s * (1 - %s); max error over %d entries %.1e%n",
                MatrixFormat.round(j[0][0], 8), MatrixFormat.round(p[0], 8), MatrixFormat.round(p[0], 8), size,
                maxDiagonalError);
        if (size > 1) {
            out.printf(Locale.ROOT, "  i != j: ds_i/dz_j = -s_i s_j         e.g. J[0][1] = %s = -%s * %s; max error over %d entries %.1e%n",
                    MatrixFormat.round(j[0][1], 8), MatrixFormat.round(p[0], 8), MatrixFormat.round(p[1], 8),
                    size * (size - 1), maxOffDiagonalError);
        }
        out.printf(Locale.ROOT, "J is symmetric (max |J - J^T| = %.1e) and each row sums to 0 (max |row sum| = %.1e)%n",
                maxAsymmetry, maxRowSum);

        double maxCentralDifferenceError = 0;
        for (int col = 0; col < size; col++) {
            INDArray plus = z.dup();
            INDArray minus = z.dup();
            plus.putScalar(col, values[col] + EPSILON);
            minus.putScalar(col, values[col] - EPSILON);
            double[] numeric = softmax(plus).sub(softmax(minus)).divi(2 * EPSILON).toDoubleVector();
            for (int row = 0; row < size; row++) {
                maxCentralDifferenceError = Math.max(maxCentralDifferenceError, Math.abs(j[row][col] - numeric[row]));
            }
        }
        out.printf(Locale.ROOT, "Central differences (s(z + eps e_j) - s(z - eps e_j)) / (2 eps), eps = %.0e: "
                + "max |J - numeric| = %.1e%n", EPSILON, maxCentralDifferenceError);
        return new Result(z, s, sum, jacobian, maxApiDifference, maxDiagonalError, maxOffDiagonalError, maxAsymmetry,
                maxRowSum, maxCentralDifferenceError, maxShiftDifference);
    }

    /** softmax of a vector, through the library's (max-subtracting) implementation. */
    private static INDArray softmax(INDArray z) {
        INDArray row = z.reshape(1, z.length()).dup();
        SOFTMAX.forward(row, row);
        return row.reshape(z.length());
    }

    private static double maxAbs(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
    }

    /** Prints the example for {@link #SEED} and {@link #SIZE} on standard output. */
    public static void main(String[] args) {
        run(SEED, SIZE, System.out);
    }
}
