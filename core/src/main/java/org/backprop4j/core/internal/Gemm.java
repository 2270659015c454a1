package org.backprop4j.core.internal;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.util.Arrays;

import org.backprop4j.core.threads.BlasThreads;
import org.backprop4j.core.threads.SecondCore;
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
 * Each product's OpenBLAS thread count, and whether a large one is split in two halves on two cores,
 * comes from {@link BlasThreads}.
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
        boolean split = BlasThreads.splitProduct(m, n, k);
        if (m == 1) { // a row times a matrix: c^T = op(b)^T a^T, a matrix-vector product (a and c are contiguous)
            gemv(b, !transposeB, (int) b.rows(), (int) b.columns(), a, c, alpha, beta);
        } else if (n == 1) { // a matrix times a column: c = op(a) b (b and c are contiguous)
            gemv(a, transposeA, (int) a.rows(), (int) a.columns(), b, c, alpha, beta);
        } else if (split) {
            split(a, transposeA, b, transposeB, c, m, n, k, lda, ldb, alpha, beta);
        } else {
            blas(a, transposeA, 0, b, transposeB, 0, c, 0, m, n, k, lda, ldb, alpha, beta);
        }
    }

    /**
     * {@code c = op(a) . op(b)} split in two halves computed at once on this thread and the second core's
     * worker, whatever {@link BlasThreads} would choose: for benchmarks and tests. Plain FLOAT or DOUBLE
     * arrays with at least {@link BlasThreads#SPLIT_MIN_SIZE} columns or rows in c.
     */
    public static void multiplySplit(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        check(a, transposeA, b, transposeB, c);
        int m = (int) c.rows();
        int n = (int) c.columns();
        if (!direct(a, b, c) || (n < BlasThreads.SPLIT_MIN_SIZE && m < BlasThreads.SPLIT_MIN_SIZE)) {
            throw new IllegalArgumentException("multiplySplit needs plain FLOAT or DOUBLE arrays and c with at least "
                    + BlasThreads.SPLIT_MIN_SIZE + " rows or columns, got c " + Arrays.toString(c.shape()));
        }
        split(a, transposeA, b, transposeB, c, m, n, (int) (transposeA ? a.rows() : a.columns()),
                (int) a.columns(), (int) b.columns(), 1.0, 0.0);
    }

    /**
     * The product in two halves at once, on this thread and {@link SecondCore}'s. Where it is cut:
     * <ul>
     *   <li>FLOAT {@code x . W} (neither transposed, k at least 128): along k ({@link #splitInner});</li>
     *   <li>a weight gradient {@code x^T . dLdz} (A transposed), or any C with more rows than columns: by
     *       the rows of C (and of op(A));</li>
     *   <li>otherwise by the columns of C (and of op(B)), such as {@code dLdz . W^T}.</li>
     * </ul>
     * A side shorter than 64 is never cut; cuts fall on a multiple of 16 (OpenBLAS's double kernels give
     * other bits to a sub-matrix that starts elsewhere). Each half is an ordinary BLAS call on
     * sub-matrices addressed in place (an offset and the full leading dimension: no copies). DOUBLE
     * results are the one-call bits; FLOAT ones may differ from them in the last bits (OpenBLAS's float
     * kernels group the sum over k by the width of the call, and a cut along k adds two partial sums;
     * GemmSplitTest measures both).
     *
     * <p>Why: each core keeps its own rows of a weight matrix W (in, out) through the whole step, the
     * rows {@link BlasThreads#inHalves} gives it in the update. {@code x . W} cut along k reads W's rows,
     * {@code x^T . dLdz} cut by rows writes the gradient's rows, {@code dLdz . W^T} cut by columns reads
     * W's rows, each at {@link BlasThreads#middleRow}; so no weight, gradient or optimizer slot moves
     * between the cores, only the batch's activations (on the Zen 5 machine of docs/performance.md a cache
     * line took 0.5-1.3 us to go from one core to the other and back). And a gradient cut by columns ran
     * 1.07x on two cores (784x128 . 128x256), each half packing the whole transposed input again; by rows
     * 1.72x. Whole steps with the forward products cut along k instead of by columns, paired rounds in
     * one JVM: MLP 0.91x the time, deep 0.88x, batch 32 0.79x, wide 0.85x, batch 1024 0.97x.
     */
    static void split(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c,
                      int m, int n, int k, int lda, int ldb, double alpha, double beta) {
        if (!transposeA && !transposeB && c.dataType() == DataType.FLOAT && k >= 2 * BlasThreads.SPLIT_MIN_SIZE) {
            splitInner(a, b, c, m, n, k, lda, ldb, alpha, beta);
            return;
        }
        boolean rows = m >= BlasThreads.SPLIT_MIN_SIZE && (transposeA || m > n || n < BlasThreads.SPLIT_MIN_SIZE);
        boolean byColumns = !rows;
        int size = byColumns ? n : m;
        // a multiple of 16 (OpenBLAS's double kernels give a sub-matrix that starts elsewhere other bits)
        int middle = rows && transposeA ? BlasThreads.middleRow(m, n) // C = x^T . dLdz, a gradient: W's rows
                : byColumns && transposeB ? BlasThreads.middleRow(n, k) // C = dLdz . W^T: columns = W's rows
                : size / 2;
        int mine = Math.max(16, Math.min(size - 16, (middle + 8) / 16 * 16));
        if (byColumns) { // columns [0, mine) here, [mine, n) on the worker
            long bRight = transposeB ? (long) mine * ldb : mine; // op(B)'s column `mine`: row of B^T, or column of B
            SecondCore.run(
                () -> blas(a, transposeA, 0, b, transposeB, bRight, c, mine, m, n - mine, k, lda, ldb, alpha, beta),
                () -> blas(a, transposeA, 0, b, transposeB, 0, c, 0, m, mine, k, lda, ldb, alpha, beta));
        } else { // rows [0, mine) here, [mine, m) on the worker
            long aBottom = transposeA ? mine : (long) mine * lda; // op(A)'s row `mine`: column of A^T, or row of A
            SecondCore.run(
                () -> blas(a, transposeA, aBottom, b, transposeB, 0, c, (long) mine * n, m - mine, n, k, lda, ldb, alpha, beta),
                () -> blas(a, transposeA, 0, b, transposeB, 0, c, 0, mine, n, k, lda, ldb, alpha, beta));
        }
    }

    /**
     * {@code c = alpha a b + beta c} (FLOAT, neither transposed) cut along k at {@link BlasThreads#middleRow} of b:
     * here {@code alpha a[:, 0:h] b[0:h, :] + beta c} into c; on the worker {@code alpha a[:, h:k] b[h:k, :]}
     * into a buffer of this thread's; then c += that buffer. Each core reads only its own rows of b.
     */
    private static void splitInner(INDArray a, INDArray b, INDArray c, int m, int n, int k, int lda, int ldb,
                                   double alpha, double beta) {
        int mine = BlasThreads.middleRow(k, n);
        FloatPointer partial = partial((long) m * n);
        long as = BufferViews.address(a);
        long bs = BufferViews.address(b);
        SecondCore.run(
            () -> openblas_nolapack.cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k - mine, (float) alpha,
                    ScratchPointers.floats(0, as + (long) mine * Float.BYTES), lda,
                    ScratchPointers.floats(1, bs + (long) mine * ldb * Float.BYTES), ldb, 0f, partial, n),
            () -> blas(a, false, 0, b, false, 0, c, 0, m, n, mine, lda, ldb, alpha, beta));
        openblas_nolapack.cblas_saxpy(m * n, 1f, partial, 1, ScratchPointers.floats(0, BufferViews.address(c)), 1);
    }

    /** The calling thread's buffer for the worker's partial product, at least {@code length} floats. */
    private static FloatPointer partial(long length) {
        FloatPointer[] held = PARTIAL.get();
        if (held[0] == null || held[0].capacity() < length) {
            held[0] = new FloatPointer(length);
        }
        return held[0];
    }

    private static final ThreadLocal<FloatPointer[]> PARTIAL = ThreadLocal.withInitial(() -> new FloatPointer[1]);

    /**
     * {@code cblas_?gemm} on the sub-matrices that start {@code aOffset}, {@code bOffset} and
     * {@code cOffset} elements into the three buffers; C's leading dimension is its full width.
     */
    static void blas(INDArray a, boolean transposeA, long aOffset, INDArray b, boolean transposeB, long bOffset,
                             INDArray c, long cOffset, int m, int n, int k, int lda, int ldb, double alpha, double beta) {
        int transA = transposeA ? CblasTrans : CblasNoTrans;
        int transB = transposeB ? CblasTrans : CblasNoTrans;
        int ldc = (int) c.columns();
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, (float) alpha,
                    ScratchPointers.floats(0, BufferViews.address(a) + aOffset * Float.BYTES), lda,
                    ScratchPointers.floats(1, BufferViews.address(b) + bOffset * Float.BYTES), ldb,
                    (float) beta, ScratchPointers.floats(2, BufferViews.address(c) + cOffset * Float.BYTES), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, alpha,
                    ScratchPointers.doubles(0, BufferViews.address(a) + aOffset * Double.BYTES), lda,
                    ScratchPointers.doubles(1, BufferViews.address(b) + bOffset * Double.BYTES), ldb,
                    beta, ScratchPointers.doubles(2, BufferViews.address(c) + cOffset * Double.BYTES), ldc);
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
                    ScratchPointers.floats(0, BufferViews.address(matrix)), ld, ScratchPointers.floats(1, BufferViews.address(x)), 1,
                    (float) beta, ScratchPointers.floats(2, BufferViews.address(y)), 1);
        } else {
            openblas_nolapack.cblas_dgemv(CblasRowMajor, trans, rows, columns, alpha,
                    ScratchPointers.doubles(0, BufferViews.address(matrix)), ld, ScratchPointers.doubles(1, BufferViews.address(x)), 1,
                    beta, ScratchPointers.doubles(2, BufferViews.address(y)), 1);
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
