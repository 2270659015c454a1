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

    /** A plain array's elements, read and written as doubles whatever its type (DOUBLE or FLOAT). */
    private static final class Elements {
        private final DoubleIndexer doubles;
        private final FloatIndexer floats;

        Elements(INDArray array) {
            Indexer indexer = array.data().indexer();
            this.doubles = indexer instanceof DoubleIndexer d ? d : null;
            this.floats = indexer instanceof FloatIndexer f ? f : null;
            if (doubles == null && floats == null) {
                throw new IllegalArgumentException("Java kernels handle DOUBLE and FLOAT arrays, got " + array.dataType());
            }
        }

        double get(long i) {
            return doubles != null ? doubles.get(i) : floats.get(i);
        }

        void set(long i, double value) {
            if (doubles != null) {
                doubles.put(i, value);
            } else {
                floats.put(i, (float) value);
            }
        }
    }

    @Override
    public void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        int aColumns = (int) a.columns();
        int bColumns = (int) b.columns();
        Elements av = new Elements(a);
        Elements bv = new Elements(b);
        Elements cv = new Elements(c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0; // c[i][j] = sum_p op(a)[i][p] * op(b)[p][j]
                for (int p = 0; p < k; p++) {
                    double aip = transposeA ? av.get((long) p * aColumns + i) : av.get((long) i * aColumns + p);
                    double bpj = transposeB ? bv.get((long) j * bColumns + p) : bv.get((long) p * bColumns + j);
                    sum += aip * bpj;
                }
                cv.set((long) i * n + j, sum);
            }
        }
    }

    @Override
    public void addRowVector(INDArray z, INDArray bias) {
        long rows = z.rows();
        long n = z.columns();
        Elements zv = new Elements(z);
        Elements bv = new Elements(bias);
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
        Elements mv = new Elements(m);
        Elements sv = new Elements(sums);
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
        Elements xv = new Elements(x);
        Elements yv = new Elements(y);
        for (long i = 0, length = y.length(); i < length; i++) {
            yv.set(i, yv.get(i) + alpha * xv.get(i));
        }
    }

    @Override
    public void scale(double alpha, INDArray x) {
        Elements xv = new Elements(x);
        for (long i = 0, length = x.length(); i < length; i++) {
            xv.set(i, alpha * xv.get(i));
        }
    }

    @Override
    public void scaledDifference(INDArray p, INDArray y, double scale, INDArray out) {
        Elements pv = new Elements(p);
        Elements yv = new Elements(y);
        Elements ov = new Elements(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, scale * (pv.get(i) - yv.get(i)));
        }
    }

    @Override
    public void copy(INDArray x, INDArray out) {
        Elements xv = new Elements(x);
        Elements ov = new Elements(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, xv.get(i));
        }
    }

    @Override
    public void sigmoid(INDArray z, INDArray a) {
        Elements zv = new Elements(z);
        Elements av = new Elements(a);
        for (long i = 0, length = a.length(); i < length; i++) {
            av.set(i, 1 / (1 + Math.exp(-zv.get(i))));
        }
    }

    @Override
    public void tanh(INDArray z, INDArray a) {
        Elements zv = new Elements(z);
        Elements av = new Elements(a);
        for (long i = 0, length = a.length(); i < length; i++) {
            av.set(i, Math.tanh(zv.get(i)));
        }
    }

    @Override
    public void relu(INDArray z, INDArray a) {
        Elements zv = new Elements(z);
        Elements av = new Elements(a);
        for (long i = 0, length = a.length(); i < length; i++) {
            av.set(i, Math.max(0, zv.get(i)));
        }
    }

    @Override
    public void softmaxRows(INDArray z, INDArray s) {
        long rows = z.rows();
        long n = z.columns();
        Elements zv = new Elements(z);
        Elements sv = new Elements(s);
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
        Elements av = new Elements(a);
        Elements gv = new Elements(g);
        Elements dv = new Elements(dLdz);
        for (long i = 0, length = dLdz.length(); i < length; i++) {
            double ai = av.get(i);
            dv.set(i, gv.get(i) * ai * (1 - ai));
        }
    }

    @Override
    public void tanhBackward(INDArray a, INDArray g, INDArray dLdz) {
        Elements av = new Elements(a);
        Elements gv = new Elements(g);
        Elements dv = new Elements(dLdz);
        for (long i = 0, length = dLdz.length(); i < length; i++) {
            double ai = av.get(i);
            dv.set(i, gv.get(i) * (1 - ai * ai));
        }
    }

    @Override
    public void reluBackward(INDArray a, INDArray g, INDArray dLdz) {
        Elements av = new Elements(a);
        Elements gv = new Elements(g);
        Elements dv = new Elements(dLdz);
        for (long i = 0, length = dLdz.length(); i < length; i++) {
            dv.set(i, av.get(i) > 0 ? gv.get(i) : 0);
        }
    }

    @Override
    public void softmaxBackward(INDArray s, INDArray g, INDArray dLdz) {
        long rows = s.rows();
        long n = s.columns();
        Elements sv = new Elements(s);
        Elements gv = new Elements(g);
        Elements dv = new Elements(dLdz);
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
        Elements dv = new Elements(data);
        Elements ov = new Elements(out);
        for (long r = 0, count = out.rows(); r < count; r++) {
            long source = rows[(int) (from + r)] * n;
            for (long j = 0; j < n; j++) {
                ov.set(r * n + j, dv.get(source + j));
            }
        }
    }
}
