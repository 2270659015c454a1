package org.backprop4j.core.internal;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FastElementwise} as plain loops over the arrays' native buffers (through their JavaCPP
 * indexers, which cost nothing to obtain, so this is also the fastest choice for tiny arrays): one
 * loop in float for FLOAT arrays and one in double for DOUBLE arrays, with {@link FloatMath} and
 * {@link DoubleMath} for {@code exp} and {@code tanh}. Each loop is a small method of its own, so
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
    void sigmoidImpl(INDArray z, INDArray a) {
        if (isFloat(z)) {
            sigmoidF(floats(z), floats(a), z.length());
        } else {
            sigmoidD(doubles(z), doubles(a), z.length());
        }
    }

    @Override
    void tanhImpl(INDArray z, INDArray a) {
        if (isFloat(z)) {
            tanhF(floats(z), floats(a), z.length());
        } else {
            tanhD(doubles(z), doubles(a), z.length());
        }
    }

    @Override
    void reluImpl(INDArray z, INDArray a) {
        if (isFloat(z)) {
            reluF(floats(z), floats(a), z.length());
        } else {
            reluD(doubles(z), doubles(a), z.length());
        }
    }

    @Override
    void addBiasActivateImpl(INDArray z, INDArray bias, Activation activation, INDArray a) {
        long length = z.length();
        if (isFloat(z)) {
            addBiasF(floats(z), floats(bias), length, columns(z));
        } else {
            addBiasD(doubles(z), doubles(bias), length, columns(z));
        }
        switch (activation) {
            case LINEAR -> {
                if (a != z) {
                    if (isFloat(z)) {
                        copyF(floats(z), floats(a), length);
                    } else {
                        copyD(doubles(z), doubles(a), length);
                    }
                }
            }
            case SIGMOID -> sigmoidImpl(z, a);
            case TANH -> tanhImpl(z, a);
            case RELU -> reluImpl(z, a);
        }
    }

    @Override
    void softmaxRowsImpl(INDArray z, INDArray s) {
        if (isFloat(z)) {
            softmaxRowsF(floats(z), floats(s), z.length(), columns(z));
        } else {
            softmaxRowsD(doubles(z), doubles(s), z.length(), columns(z));
        }
    }

    @Override
    void sigmoidBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        if (isFloat(a)) {
            sigmoidBackwardF(floats(a), floats(g), floats(dLdz), a.length());
        } else {
            sigmoidBackwardD(doubles(a), doubles(g), doubles(dLdz), a.length());
        }
    }

    @Override
    void tanhBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        if (isFloat(a)) {
            tanhBackwardF(floats(a), floats(g), floats(dLdz), a.length());
        } else {
            tanhBackwardD(doubles(a), doubles(g), doubles(dLdz), a.length());
        }
    }

    @Override
    void reluBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        if (isFloat(a)) {
            reluBackwardF(floats(a), floats(g), floats(dLdz), a.length());
        } else {
            reluBackwardD(doubles(a), doubles(g), doubles(dLdz), a.length());
        }
    }

    @Override
    void softmaxBackwardImpl(INDArray s, INDArray g, INDArray dLdz) {
        if (isFloat(s)) {
            softmaxBackwardF(floats(s), floats(g), floats(dLdz), s.length(), columns(s));
        } else {
            softmaxBackwardD(doubles(s), doubles(g), doubles(dLdz), s.length(), columns(s));
        }
    }

    @Override
    void softmaxCrossEntropyGradientImpl(INDArray p, INDArray y, INDArray dLdz) {
        if (isFloat(p)) {
            scaledDifferenceF(floats(p), floats(y), 1f / p.rows(), floats(dLdz), p.length());
        } else {
            scaledDifferenceD(doubles(p), doubles(y), 1.0 / p.rows(), doubles(dLdz), p.length());
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
    boolean allFiniteImpl(INDArray array) {
        long length = array.length();
        if (isFloat(array)) {
            FloatIndexer values = floats(array);
            float acc = 0;
            for (long i = 0; i < length; i++) {
                acc += values.get(i) * 0f;
            }
            return acc == 0;
        }
        DoubleIndexer values = doubles(array);
        double acc = 0;
        for (long i = 0; i < length; i++) {
            acc += values.get(i) * 0.0;
        }
        return acc == 0;
    }

    // ---- the loops: float, then double -------------------------------------------------------------

    private static void sigmoidF(FloatIndexer z, FloatIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, FloatMath.sigmoid(z.get(i)));
        }
    }

    private static void tanhF(FloatIndexer z, FloatIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, FloatMath.tanh(z.get(i)));
        }
    }

    private static void reluF(FloatIndexer z, FloatIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, Math.max(0f, z.get(i)));
        }
    }

    private static void copyF(FloatIndexer z, FloatIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, z.get(i));
        }
    }

    private static void addBiasF(FloatIndexer z, FloatIndexer bias, long length, int n) {
        for (long row = 0; row < length; row += n) {
            for (int j = 0; j < n; j++) {
                z.put(row + j, z.get(row + j) + bias.get(j));
            }
        }
    }

    private static void softmaxRowsF(FloatIndexer z, FloatIndexer s, long length, int n) {
        for (long row = 0; row < length; row += n) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z.get(row + j));
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                float e = FloatMath.exp(z.get(row + j) - max); // every exponent <= 0
                s.put(row + j, e);
                sum += e;
            }
            for (int j = 0; j < n; j++) {
                s.put(row + j, s.get(row + j) / sum);
            }
        }
    }

    private static void sigmoidBackwardF(FloatIndexer a, FloatIndexer g, FloatIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            float ak = a.get(i);
            dLdz.put(i, g.get(i) * (ak * (1f - ak)));
        }
    }

    private static void tanhBackwardF(FloatIndexer a, FloatIndexer g, FloatIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            float ak = a.get(i);
            dLdz.put(i, g.get(i) * (1f - ak * ak));
        }
    }

    private static void reluBackwardF(FloatIndexer a, FloatIndexer g, FloatIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            dLdz.put(i, a.get(i) > 0 ? g.get(i) : 0f);
        }
    }

    private static void softmaxBackwardF(FloatIndexer s, FloatIndexer g, FloatIndexer dLdz, long length, int n) {
        for (long row = 0; row < length; row += n) {
            float dot = 0f;
            for (int j = 0; j < n; j++) {
                dot += s.get(row + j) * g.get(row + j);
            }
            for (int j = 0; j < n; j++) {
                dLdz.put(row + j, s.get(row + j) * (g.get(row + j) - dot));
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

    private static void sigmoidD(DoubleIndexer z, DoubleIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, DoubleMath.sigmoid(z.get(i)));
        }
    }

    private static void tanhD(DoubleIndexer z, DoubleIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, DoubleMath.tanh(z.get(i)));
        }
    }

    private static void reluD(DoubleIndexer z, DoubleIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, Math.max(0.0, z.get(i)));
        }
    }

    private static void copyD(DoubleIndexer z, DoubleIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, z.get(i));
        }
    }

    private static void addBiasD(DoubleIndexer z, DoubleIndexer bias, long length, int n) {
        for (long row = 0; row < length; row += n) {
            for (int j = 0; j < n; j++) {
                z.put(row + j, z.get(row + j) + bias.get(j));
            }
        }
    }

    private static void softmaxRowsD(DoubleIndexer z, DoubleIndexer s, long length, int n) {
        for (long row = 0; row < length; row += n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z.get(row + j));
            }
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                double e = DoubleMath.exp(z.get(row + j) - max); // every exponent <= 0
                s.put(row + j, e);
                sum += e;
            }
            for (int j = 0; j < n; j++) {
                s.put(row + j, s.get(row + j) / sum);
            }
        }
    }

    private static void sigmoidBackwardD(DoubleIndexer a, DoubleIndexer g, DoubleIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            double ak = a.get(i);
            dLdz.put(i, g.get(i) * (ak * (1.0 - ak)));
        }
    }

    private static void tanhBackwardD(DoubleIndexer a, DoubleIndexer g, DoubleIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            double ak = a.get(i);
            dLdz.put(i, g.get(i) * (1.0 - ak * ak));
        }
    }

    private static void reluBackwardD(DoubleIndexer a, DoubleIndexer g, DoubleIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            dLdz.put(i, a.get(i) > 0 ? g.get(i) : 0.0);
        }
    }

    private static void softmaxBackwardD(DoubleIndexer s, DoubleIndexer g, DoubleIndexer dLdz, long length, int n) {
        for (long row = 0; row < length; row += n) {
            double dot = 0.0;
            for (int j = 0; j < n; j++) {
                dot += s.get(row + j) * g.get(row + j);
            }
            for (int j = 0; j < n; j++) {
                dLdz.put(row + j, s.get(row + j) * (g.get(row + j) - dot));
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
