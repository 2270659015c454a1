package org.backprop4j.core;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.Indexer;
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

    /**
     * A plain array's elements, read and written as doubles whatever the array's type: one small
     * subclass per type, so that each loop below is compiled for the types it actually meets.
     */
    private abstract static class Elements {

        static Elements of(INDArray array) {
            Indexer indexer = array.data().indexer();
            if (indexer instanceof DoubleIndexer doubles) {
                return new Doubles(doubles);
            }
            if (indexer instanceof FloatIndexer floats) {
                return new Floats(floats);
            }
            throw new IllegalArgumentException("Java kernels handle DOUBLE and FLOAT arrays, got " + array.dataType());
        }

        abstract double get(long i);

        abstract void set(long i, double value);
    }

    private static final class Doubles extends Elements {
        private final DoubleIndexer values;

        Doubles(DoubleIndexer values) {
            this.values = values;
        }

        @Override
        double get(long i) {
            return values.get(i);
        }

        @Override
        void set(long i, double value) {
            values.put(i, value);
        }
    }

    private static final class Floats extends Elements {
        private final FloatIndexer values;

        Floats(FloatIndexer values) {
            this.values = values;
        }

        @Override
        double get(long i) {
            return values.get(i);
        }

        @Override
        void set(long i, double value) {
            values.put(i, (float) value); // rounded once, on the way out
        }
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
        Elements av = Elements.of(a);
        Elements bv = Elements.of(b);
        Elements cv = Elements.of(c);
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
        Elements zv = Elements.of(z);
        Elements bv = Elements.of(bias);
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
        Elements mv = Elements.of(m);
        Elements sv = Elements.of(sums);
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
        Elements xv = Elements.of(x);
        Elements yv = Elements.of(y);
        for (long i = 0, length = y.length(); i < length; i++) {
            yv.set(i, yv.get(i) + alpha * xv.get(i));
        }
    }

    @Override
    public void scale(double alpha, INDArray x) {
        Elements xv = Elements.of(x);
        for (long i = 0, length = x.length(); i < length; i++) {
            xv.set(i, alpha * xv.get(i));
        }
    }

    @Override
    public void scaledDifference(INDArray p, INDArray y, double scale, INDArray out) {
        Elements pv = Elements.of(p);
        Elements yv = Elements.of(y);
        Elements ov = Elements.of(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, scale * (pv.get(i) - yv.get(i)));
        }
    }

    @Override
    public void copy(INDArray x, INDArray out) {
        Elements xv = Elements.of(x);
        Elements ov = Elements.of(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, xv.get(i));
        }
    }

    @Override
    public void sigmoid(INDArray z, INDArray a) {
        Elements zv = Elements.of(z);
        Elements av = Elements.of(a);
        for (long i = 0, length = a.length(); i < length; i++) {
            av.set(i, 1 / (1 + Math.exp(-zv.get(i))));
        }
    }

    @Override
    public void tanh(INDArray z, INDArray a) {
        Elements zv = Elements.of(z);
        Elements av = Elements.of(a);
        for (long i = 0, length = a.length(); i < length; i++) {
            av.set(i, Math.tanh(zv.get(i)));
        }
    }

    @Override
    public void relu(INDArray z, INDArray a) {
        Elements zv = Elements.of(z);
        Elements av = Elements.of(a);
        for (long i = 0, length = a.length(); i < length; i++) {
            av.set(i, Math.max(0, zv.get(i)));
        }
    }

    @Override
    public void softmaxRows(INDArray z, INDArray s) {
        long rows = z.rows();
        long n = z.columns();
        Elements zv = Elements.of(z);
        Elements sv = Elements.of(s);
        for (long i = 0; i < rows; i++) {
            long row = i * n;
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < n; j++) {
                max = Math.max(max, zv.get(row + j));
            }
            double sum = 0;
            for (long j = 0; j < n; j++) {
                double e = Math.exp(zv.get(row + j) - max); // every exponent <= 0
                sv.set(row + j, e);
                sum += e;
            }
            for (long j = 0; j < n; j++) {
                sv.set(row + j, sv.get(row + j) / sum);
            }
        }
    }

    @Override
    public void sigmoidBackward(INDArray a, INDArray g, INDArray dLdz) {
        Elements av = Elements.of(a);
        Elements gv = Elements.of(g);
        Elements dv = Elements.of(dLdz);
        for (long i = 0, length = dLdz.length(); i < length; i++) {
            double ai = av.get(i);
            dv.set(i, gv.get(i) * ai * (1 - ai));
        }
    }

    @Override
    public void tanhBackward(INDArray a, INDArray g, INDArray dLdz) {
        Elements av = Elements.of(a);
        Elements gv = Elements.of(g);
        Elements dv = Elements.of(dLdz);
        for (long i = 0, length = dLdz.length(); i < length; i++) {
            double ai = av.get(i);
            dv.set(i, gv.get(i) * (1 - ai * ai));
        }
    }

    @Override
    public void reluBackward(INDArray a, INDArray g, INDArray dLdz) {
        Elements av = Elements.of(a);
        Elements gv = Elements.of(g);
        Elements dv = Elements.of(dLdz);
        for (long i = 0, length = dLdz.length(); i < length; i++) {
            dv.set(i, av.get(i) > 0 ? gv.get(i) : 0);
        }
    }

    @Override
    public void softmaxBackward(INDArray s, INDArray g, INDArray dLdz) {
        long rows = s.rows();
        long n = s.columns();
        Elements sv = Elements.of(s);
        Elements gv = Elements.of(g);
        Elements dv = Elements.of(dLdz);
        for (long i = 0; i < rows; i++) {
            long row = i * n;
            double dot = 0; // s . g for this row
            for (long j = 0; j < n; j++) {
                dot += sv.get(row + j) * gv.get(row + j);
            }
            for (long j = 0; j < n; j++) {
                dv.set(row + j, sv.get(row + j) * (gv.get(row + j) - dot));
            }
        }
    }

    @Override
    public void gatherRows(INDArray data, int[] rows, int from, INDArray out) {
        long n = out.columns();
        Elements dv = Elements.of(data);
        Elements ov = Elements.of(out);
        for (long r = 0, count = out.rows(); r < count; r++) {
            long source = rows[(int) (from + r)] * n;
            for (long j = 0; j < n; j++) {
                ov.set(r * n + j, dv.get(source + j));
            }
        }
    }
}
