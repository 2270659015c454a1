package org.backprop4j.core.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Kernels} as ND4J calls, for arrays large enough that ND4J's native, vectorised and
 * multi-threaded code pays for its per-call set-up. Each method uses the fewest calls, writes into
 * the given output, and prefers the entry points measured cheapest (docs/performance.md): BLAS
 * through {@code Nd4j.gemm} with transpose flags (no transposed copies), BLAS level 1 for
 * {@code y += alpha x}, and "legacy" transform ops with an output array ({@code new Sigmoid(z, a)}).
 */
final class Nd4jKernels extends Kernels {

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0); // c = 1 * op(a) op(b) + 0 * c
    }

    @Override
    public void addRowVector(INDArray z, INDArray bias) {
        z.addiRowVector(bias);
    }

    @Override
    public void columnSums(INDArray m, INDArray sums) {
        m.sum(sums, 0);
    }

    @Override
    public void axpy(double alpha, INDArray x, INDArray y) {
        if (Axpy.accepts(x, y)) {
            Axpy.axpy(alpha, x, y); // cblas directly (ND4J's level-1 wrapper costs its own set-up), maybe in halves
            return;
        }
        Nd4j.getBlasWrapper().level1().axpy(y.length(), alpha, x, y);
    }

    @Override
    public void scale(double alpha, INDArray x) {
        x.muli(alpha);
    }

    @Override
    public void scaledDifference(INDArray p, INDArray y, double scale, INDArray out) {
        if (out != p) {
            out.assign(p);
        }
        out.subi(y).muli(scale);
    }

    @Override
    public void copy(INDArray x, INDArray out) {
        out.assign(x);
    }

    @Override
    public void gatherRows(INDArray data, int[] rows, int from, INDArray out) {
        int[] indexes = new int[(int) out.rows()];
        System.arraycopy(rows, from, indexes, 0, indexes.length);
        Nd4j.pullRows(data, out, 1, indexes);
    }
}
