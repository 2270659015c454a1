package org.backprop4j.core.internal;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.util.Arrays;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The general matrix product {@code C = alpha op(A) op(B) + beta C}, written into a preallocated
 * {@code C}, where {@code op(M)} is {@code M} or its transpose {@code M^T} (a flag: no transposed
 * copy is ever made).
 *
 * <p>Shapes: {@code op(A)} is {@code (m, k)}, {@code op(B)} is {@code (k, n)}, {@code C} is
 * {@code (m, n)}; so {@code A} is {@code (m, k)}, or {@code (k, m)} when transposed, and {@code B}
 * is {@code (k, n)}, or {@code (n, k)} when transposed. All three have the same data type.
 *
 * <p>How: plain FLOAT and DOUBLE arrays ({@link Arrays2D#isPlain}: row-major, own buffer) go
 * straight to OpenBLAS's {@code cblas_sgemm} / {@code cblas_dgemm}, the same library and thread
 * setting ND4J uses, through the binding ND4J already depends on
 * ({@code org.bytedeco.openblas.global.openblas_nolapack}). That skips ND4J's op set-up (about
 * 9 us a call, and 50-90 us on the MLP's big shapes, docs/performance.md). Anything else (views,
 * column-major arrays, other data types) goes to {@code Nd4j.gemm}, which gives the same numbers up
 * to round-off. In the BLAS call a row-major {@code (r, c)} array has leading dimension {@code c}.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * {@code c = op(a) . op(b)}: the product alone ({@code alpha = 1}, {@code beta = 0}); see
     * {@link #gemm(INDArray, boolean, INDArray, boolean, INDArray, double, double)}.
     */
    public static void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        gemm(a, transposeA, b, transposeB, c, 1.0, 0.0);
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c}, in place in {@code c}. With {@code beta = 0} the old
     * contents of {@code c} are ignored (even NaN), as in BLAS.
     *
     * @param a          {@code (m, k)}, or {@code (k, m)} if {@code transposeA}
     * @param transposeA whether {@code op(a) = a^T}
     * @param b          {@code (k, n)}, or {@code (n, k)} if {@code transposeB}
     * @param transposeB whether {@code op(b) = b^T}
     * @param c          {@code (m, n)}, the output; a different array from {@code a} and {@code b}
     * @param alpha      scales the product
     * @param beta       scales the old {@code c}
     * @throws IllegalArgumentException if the arrays are not matrices, their shapes do not chain,
     *                                  their data types differ, or {@code c} is {@code a} or {@code b}
     */
    public static void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c,
                            double alpha, double beta) {
        check(a, transposeA, b, transposeB, c);
        if (!direct(a, b, c)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
            return;
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) { // an empty sum: only the beta term is left (BLAS would reject the leading dimensions)
            if (beta == 0) {
                c.assign(0);
            } else {
                c.muli(beta);
            }
            return;
        }
        int lda = Math.max(1, (int) a.columns());
        int ldb = Math.max(1, (int) b.columns());
        if (m == 1) { // a row times a matrix: c^T = op(b)^T a^T, a matrix-vector product (a and c are contiguous)
            gemv(b, !transposeB, (int) b.rows(), (int) b.columns(), a, c, alpha, beta);
            return;
        }
        if (n == 1) { // a matrix times a column: c = op(a) b (b and c are contiguous)
            gemv(a, transposeA, (int) a.rows(), (int) a.columns(), b, c, alpha, beta);
            return;
        }
        int transA = transposeA ? CblasTrans : CblasNoTrans;
        int transB = transposeB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, (float) alpha,
                    (FloatPointer) a.data().addressPointer(), lda, (FloatPointer) b.data().addressPointer(), ldb,
                    (float) beta, (FloatPointer) c.data().addressPointer(), n);
        } else {
            openblas_nolapack.cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, alpha,
                    (DoublePointer) a.data().addressPointer(), lda, (DoublePointer) b.data().addressPointer(), ldb,
                    beta, (DoublePointer) c.data().addressPointer(), n);
        }
    }

    /**
     * {@code y = alpha op(matrix) x + beta y} by {@code cblas_?gemv}: matrix row-major {@code (rows, columns)},
     * x and y contiguous. OpenBLAS's gemm with one row or column took 1.4x as long as ND4J's call (FLOAT,
     * (1, 784) . (784, 256)); its gemv is the routine for that shape.
     */
    private static void gemv(INDArray matrix, boolean transpose, int rows, int columns, INDArray x, INDArray y,
                             double alpha, double beta) {
        int trans = transpose ? CblasTrans : CblasNoTrans;
        int ld = Math.max(1, columns);
        if (y.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemv(CblasRowMajor, trans, rows, columns, (float) alpha,
                    (FloatPointer) matrix.data().addressPointer(), ld, (FloatPointer) x.data().addressPointer(), 1,
                    (float) beta, (FloatPointer) y.data().addressPointer(), 1);
        } else {
            openblas_nolapack.cblas_dgemv(CblasRowMajor, trans, rows, columns, alpha,
                    (DoublePointer) matrix.data().addressPointer(), ld, (DoublePointer) x.data().addressPointer(), 1,
                    beta, (DoublePointer) y.data().addressPointer(), 1);
        }
    }

    /** Whether the product can go straight to cblas: plain FLOAT or DOUBLE arrays whose sizes fit an int. */
    static boolean direct(INDArray a, INDArray b, INDArray c) {
        DataType type = c.dataType();
        return (type == DataType.FLOAT || type == DataType.DOUBLE)
                && Arrays2D.isPlain(a) && Arrays2D.isPlain(b) && Arrays2D.isPlain(c)
                && a.length() < Integer.MAX_VALUE && b.length() < Integer.MAX_VALUE && c.length() < Integer.MAX_VALUE;
    }

    private static void check(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            throw new IllegalArgumentException("gemm needs matrices, got shapes a " + Arrays.toString(a.shape())
                    + ", b " + Arrays.toString(b.shape()) + ", c " + Arrays.toString(c.shape()));
        }
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        long kb = transposeB ? b.columns() : b.rows();
        long n = transposeB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("gemm shapes do not chain: op(a) (" + m + ", " + k + "), op(b) (" + kb
                    + ", " + n + "), c " + Arrays.toString(c.shape()) + " (a " + Arrays.toString(a.shape())
                    + (transposeA ? " transposed" : "") + ", b " + Arrays.toString(b.shape())
                    + (transposeB ? " transposed" : "") + ")");
        }
        if (a.dataType() != c.dataType() || b.dataType() != c.dataType()) {
            throw new IllegalArgumentException("gemm needs one data type, got a " + a.dataType() + ", b "
                    + b.dataType() + ", c " + c.dataType());
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("gemm's output c must be a different array from a and b");
        }
    }
}
