package org.backprop4j.core.internal;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Kernels} as plain Java loops reading and writing the arrays' native buffers in place, for
 * arrays small enough that an ND4J call's set-up would cost more than the arithmetic. Works in
 * double precision and rounds once when it stores into a FLOAT array. Needs plain row-major arrays
 * ({@link Kernels#allPlain}); element {@code (i, j)} of an {@code (rows, n)} matrix is at
 * {@code i * n + j}.
 */
final class JavaKernels extends Kernels {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        // op(a)[i][p] = a[i * aRow + p * aInner]: a transposed view is only a swap of the two strides
        long aRow = transposeA ? 1 : a.columns();
        long aInner = transposeA ? a.columns() : 1;
        long bInner = transposeB ? 1 : b.columns();
        long bColumn = transposeB ? b.columns() : 1;
        Values av = Values.of(a);
        Values bv = Values.of(b);
        Values cv = Values.of(c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0; // c[i][j] = sum over p of op(a)[i][p] * op(b)[p][j]
                for (int p = 0; p < k; p++) {
                    sum += av.get(i * aRow + p * aInner) * bv.get(p * bInner + j * bColumn);
                }
                cv.set((long) i * n + j, sum);
            }
        }
    }

    @Override
    public void addRowVector(INDArray z, INDArray bias) {
        long rows = z.rows();
        long n = z.columns();
        Values zv = Values.of(z);
        Values bv = Values.of(bias);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < n; j++) {
                zv.set(i * n + j, zv.get(i * n + j) + bv.get(j));
            }
        }
    }

    @Override
    public void columnSums(INDArray m, INDArray sums) {
        long rows = m.rows();
        long n = m.columns();
        Values mv = Values.of(m);
        Values sv = Values.of(sums);
        for (long j = 0; j < n; j++) {
            double sum = 0;
            for (long i = 0; i < rows; i++) {
                sum += mv.get(i * n + j);
            }
            sv.set(j, sum);
        }
    }

    @Override
    public void axpy(double alpha, INDArray x, INDArray y) {
        Values xv = Values.of(x);
        Values yv = Values.of(y);
        for (long i = 0, length = y.length(); i < length; i++) {
            yv.set(i, yv.get(i) + alpha * xv.get(i));
        }
    }

    @Override
    public void scale(double alpha, INDArray x) {
        Values xv = Values.of(x);
        for (long i = 0, length = x.length(); i < length; i++) {
            xv.set(i, alpha * xv.get(i));
        }
    }

    @Override
    public void scaledDifference(INDArray p, INDArray y, double scale, INDArray out) {
        Values pv = Values.of(p);
        Values yv = Values.of(y);
        Values ov = Values.of(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, scale * (pv.get(i) - yv.get(i)));
        }
    }

    @Override
    public void copy(INDArray x, INDArray out) {
        Values xv = Values.of(x);
        Values ov = Values.of(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, xv.get(i));
        }
    }

    @Override
    public void gatherRows(INDArray data, int[] rows, int from, INDArray out) {
        long n = out.columns();
        Values dv = Values.of(data);
        Values ov = Values.of(out);
        for (long r = 0, count = out.rows(); r < count; r++) {
            long source = rows[(int) (from + r)] * n;
            for (long j = 0; j < n; j++) {
                ov.set(r * n + j, dv.get(source + j));
            }
        }
    }
}
