package org.backprop4j.core.internal;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FastElementwise} as plain loops over the arrays' native buffers (through their JavaCPP
 * indexers, which cost nothing to obtain, so this is also the fastest choice for tiny arrays): one
 * loop in float for FLOAT arrays and one in double for DOUBLE arrays. Each loop is a small method of its own, so
 * that the JIT compiles each for what it meets (with every activation's loop in one method, a FLOAT
 * relu on (128, 256) took 118-128 us; as its own method 23 us).
 */
final class ScalarElementwise extends FastElementwise {

    @Override
    public String name() {
        return "scalar";
    }

    private static FloatIndexer floats(INDArray array) {
        return (FloatIndexer) array.data().indexer();
    }

    private static DoubleIndexer doubles(INDArray array) {
        return (DoubleIndexer) array.data().indexer();
    }

    @Override
    void addBiasImpl(INDArray z, INDArray bias) {
        if (isFloat(z)) {
            addBiasF(floats(z), floats(bias), z.length(), columns(z));
        } else {
            addBiasD(doubles(z), doubles(bias), z.length(), columns(z));
        }
    }

    @Override
    void scaledDifferenceImpl(INDArray x, INDArray y, double scale, INDArray out) {
        if (isFloat(x)) {
            scaledDifferenceF(floats(x), floats(y), (float) scale, floats(out), x.length());
        } else {
            scaledDifferenceD(doubles(x), doubles(y), scale, doubles(out), x.length());
        }
    }

    @Override
    void columnSumsImpl(INDArray m, INDArray sums) {
        if (isFloat(m)) {
            columnSumsF(floats(m), floats(sums), m.length(), columns(m));
        } else {
            columnSumsD(doubles(m), doubles(sums), m.length(), columns(m));
        }
    }

    @Override
    void axpyImpl(double alpha, INDArray x, INDArray y) {
        if (isFloat(x)) {
            axpyF((float) alpha, floats(x), floats(y), x.length());
        } else {
            axpyD(alpha, doubles(x), doubles(y), x.length());
        }
    }

    @Override
    boolean allFiniteImpl(INDArray array, long from, long to) {
        if (isFloat(array)) {
            FloatIndexer values = floats(array);
            float acc = 0;
            for (long i = from; i < to; i++) {
                acc += values.get(i) * 0f;
            }
            return acc == 0;
        }
        DoubleIndexer values = doubles(array);
        double acc = 0;
        for (long i = from; i < to; i++) {
            acc += values.get(i) * 0.0;
        }
        return acc == 0;
    }

    // ---- the loops: float, then double -------------------------------------------------------------

    private static void addBiasF(FloatIndexer z, FloatIndexer bias, long length, int n) {
        for (long row = 0; row < length; row += n) {
            for (int j = 0; j < n; j++) {
                z.put(row + j, z.get(row + j) + bias.get(j));
            }
        }
    }

    private static void scaledDifferenceF(FloatIndexer p, FloatIndexer y, float scale, FloatIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            dLdz.put(i, (p.get(i) - y.get(i)) * scale);
        }
    }

    private static void columnSumsF(FloatIndexer m, FloatIndexer sums, long length, int n) {
        for (int j = 0; j < n; j++) {
            sums.put(j, 0f);
        }
        for (long row = 0; row < length; row += n) { // row by row: the buffer is read in order
            for (int j = 0; j < n; j++) {
                sums.put(j, sums.get(j) + m.get(row + j));
            }
        }
    }

    private static void axpyF(float alpha, FloatIndexer x, FloatIndexer y, long length) {
        for (long i = 0; i < length; i++) {
            y.put(i, y.get(i) + alpha * x.get(i));
        }
    }

    private static void addBiasD(DoubleIndexer z, DoubleIndexer bias, long length, int n) {
        for (long row = 0; row < length; row += n) {
            for (int j = 0; j < n; j++) {
                z.put(row + j, z.get(row + j) + bias.get(j));
            }
        }
    }

    private static void scaledDifferenceD(DoubleIndexer p, DoubleIndexer y, double scale, DoubleIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            dLdz.put(i, (p.get(i) - y.get(i)) * scale);
        }
    }

    private static void columnSumsD(DoubleIndexer m, DoubleIndexer sums, long length, int n) {
        for (int j = 0; j < n; j++) {
            sums.put(j, 0.0);
        }
        for (long row = 0; row < length; row += n) { // row by row: the buffer is read in order
            for (int j = 0; j < n; j++) {
                sums.put(j, sums.get(j) + m.get(row + j));
            }
        }
    }

    private static void axpyD(double alpha, DoubleIndexer x, DoubleIndexer y, long length) {
        for (long i = 0; i < length; i++) {
            y.put(i, y.get(i) + alpha * x.get(i));
        }
    }
}
