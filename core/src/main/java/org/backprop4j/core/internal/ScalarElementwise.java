package org.backprop4j.core.internal;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Elementwise} as plain loops over the arrays' native buffers (through their JavaCPP
 * indexers, which cost nothing to obtain, so this is also the fastest choice for tiny arrays): one
 * loop in float for FLOAT arrays and one in double for DOUBLE arrays, with {@link FloatMath} and
 * {@link DoubleMath} for {@code exp} and {@code tanh}.
 */
final class ScalarElementwise extends Elementwise {

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
        addBiasActivateImpl(z, null, Activation.SIGMOID, a);
    }

    @Override
    void tanhImpl(INDArray z, INDArray a) {
        addBiasActivateImpl(z, null, Activation.TANH, a);
    }

    @Override
    void reluImpl(INDArray z, INDArray a) {
        addBiasActivateImpl(z, null, Activation.RELU, a);
    }

    /** With {@code bias == null}: {@code a = f(z)} over all elements, z untouched. */
    @Override
    void addBiasActivateImpl(INDArray z, INDArray bias, Activation activation, INDArray a) {
        long length = z.length();
        if (isFloat(z)) {
            FloatIndexer zi = floats(z);
            FloatIndexer ai = floats(a);
            if (bias != null) {
                addBias(zi, floats(bias), length, columns(z));
            }
            switch (activation) { // one loop per activation, no branch inside
                case LINEAR -> {
                    for (long i = 0; i < length; i++) {
                        ai.put(i, zi.get(i));
                    }
                }
                case SIGMOID -> {
                    for (long i = 0; i < length; i++) {
                        ai.put(i, FloatMath.sigmoid(zi.get(i)));
                    }
                }
                case TANH -> {
                    for (long i = 0; i < length; i++) {
                        ai.put(i, FloatMath.tanh(zi.get(i)));
                    }
                }
                case RELU -> {
                    for (long i = 0; i < length; i++) {
                        ai.put(i, Math.max(0f, zi.get(i)));
                    }
                }
            }
        } else {
            DoubleIndexer zi = doubles(z);
            DoubleIndexer ai = doubles(a);
            if (bias != null) {
                addBias(zi, doubles(bias), length, columns(z));
            }
            switch (activation) {
                case LINEAR -> {
                    for (long i = 0; i < length; i++) {
                        ai.put(i, zi.get(i));
                    }
                }
                case SIGMOID -> {
                    for (long i = 0; i < length; i++) {
                        ai.put(i, DoubleMath.sigmoid(zi.get(i)));
                    }
                }
                case TANH -> {
                    for (long i = 0; i < length; i++) {
                        ai.put(i, DoubleMath.tanh(zi.get(i)));
                    }
                }
                case RELU -> {
                    for (long i = 0; i < length; i++) {
                        ai.put(i, Math.max(0.0, zi.get(i)));
                    }
                }
            }
        }
    }

    private static void addBias(FloatIndexer z, FloatIndexer bias, long length, int n) {
        for (long row = 0; row < length; row += n) {
            for (int j = 0; j < n; j++) {
                z.put(row + j, z.get(row + j) + bias.get(j));
            }
        }
    }

    private static void addBias(DoubleIndexer z, DoubleIndexer bias, long length, int n) {
        for (long row = 0; row < length; row += n) {
            for (int j = 0; j < n; j++) {
                z.put(row + j, z.get(row + j) + bias.get(j));
            }
        }
    }

    @Override
    void softmaxRowsImpl(INDArray z, INDArray s) {
        long length = z.length();
        int n = columns(z);
        if (isFloat(z)) {
            FloatIndexer zi = floats(z);
            FloatIndexer si = floats(s);
            for (long row = 0; row < length; row += n) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, zi.get(row + j));
                }
                float sum = 0;
                for (int j = 0; j < n; j++) {
                    float e = FloatMath.exp(zi.get(row + j) - max); // every exponent <= 0
                    si.put(row + j, e);
                    sum += e;
                }
                for (int j = 0; j < n; j++) {
                    si.put(row + j, si.get(row + j) / sum);
                }
            }
        } else {
            DoubleIndexer zi = doubles(z);
            DoubleIndexer si = doubles(s);
            for (long row = 0; row < length; row += n) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, zi.get(row + j));
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    double e = DoubleMath.exp(zi.get(row + j) - max);
                    si.put(row + j, e);
                    sum += e;
                }
                for (int j = 0; j < n; j++) {
                    si.put(row + j, si.get(row + j) / sum);
                }
            }
        }
    }

    @Override
    void sigmoidBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        long length = a.length();
        if (isFloat(a)) {
            FloatIndexer ai = floats(a);
            FloatIndexer gi = floats(g);
            FloatIndexer di = floats(dLdz);
            for (long i = 0; i < length; i++) {
                float ak = ai.get(i);
                di.put(i, gi.get(i) * (ak * (1f - ak)));
            }
        } else {
            DoubleIndexer ai = doubles(a);
            DoubleIndexer gi = doubles(g);
            DoubleIndexer di = doubles(dLdz);
            for (long i = 0; i < length; i++) {
                double ak = ai.get(i);
                di.put(i, gi.get(i) * (ak * (1.0 - ak)));
            }
        }
    }

    @Override
    void tanhBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        long length = a.length();
        if (isFloat(a)) {
            FloatIndexer ai = floats(a);
            FloatIndexer gi = floats(g);
            FloatIndexer di = floats(dLdz);
            for (long i = 0; i < length; i++) {
                float ak = ai.get(i);
                di.put(i, gi.get(i) * (1f - ak * ak));
            }
        } else {
            DoubleIndexer ai = doubles(a);
            DoubleIndexer gi = doubles(g);
            DoubleIndexer di = doubles(dLdz);
            for (long i = 0; i < length; i++) {
                double ak = ai.get(i);
                di.put(i, gi.get(i) * (1.0 - ak * ak));
            }
        }
    }

    @Override
    void reluBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        long length = a.length();
        if (isFloat(a)) {
            FloatIndexer ai = floats(a);
            FloatIndexer gi = floats(g);
            FloatIndexer di = floats(dLdz);
            for (long i = 0; i < length; i++) {
                di.put(i, ai.get(i) > 0 ? gi.get(i) : 0f);
            }
        } else {
            DoubleIndexer ai = doubles(a);
            DoubleIndexer gi = doubles(g);
            DoubleIndexer di = doubles(dLdz);
            for (long i = 0; i < length; i++) {
                di.put(i, ai.get(i) > 0 ? gi.get(i) : 0.0);
            }
        }
    }

    @Override
    void softmaxBackwardImpl(INDArray s, INDArray g, INDArray dLdz) {
        long length = s.length();
        int n = columns(s);
        if (isFloat(s)) {
            FloatIndexer si = floats(s);
            FloatIndexer gi = floats(g);
            FloatIndexer di = floats(dLdz);
            for (long row = 0; row < length; row += n) {
                float dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += si.get(row + j) * gi.get(row + j);
                }
                for (int j = 0; j < n; j++) {
                    di.put(row + j, si.get(row + j) * (gi.get(row + j) - dot));
                }
            }
        } else {
            DoubleIndexer si = doubles(s);
            DoubleIndexer gi = doubles(g);
            DoubleIndexer di = doubles(dLdz);
            for (long row = 0; row < length; row += n) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += si.get(row + j) * gi.get(row + j);
                }
                for (int j = 0; j < n; j++) {
                    di.put(row + j, si.get(row + j) * (gi.get(row + j) - dot));
                }
            }
        }
    }

    @Override
    void softmaxCrossEntropyGradientImpl(INDArray p, INDArray y, INDArray dLdz) {
        long length = p.length();
        if (isFloat(p)) {
            float scale = 1f / p.rows();
            FloatIndexer pi = floats(p);
            FloatIndexer yi = floats(y);
            FloatIndexer di = floats(dLdz);
            for (long i = 0; i < length; i++) {
                di.put(i, (pi.get(i) - yi.get(i)) * scale);
            }
        } else {
            double scale = 1.0 / p.rows();
            DoubleIndexer pi = doubles(p);
            DoubleIndexer yi = doubles(y);
            DoubleIndexer di = doubles(dLdz);
            for (long i = 0; i < length; i++) {
                di.put(i, (pi.get(i) - yi.get(i)) * scale);
            }
        }
    }

    @Override
    void columnSumsImpl(INDArray m, INDArray sums) {
        long length = m.length();
        int n = columns(m);
        if (isFloat(m)) {
            FloatIndexer mi = floats(m);
            FloatIndexer si = floats(sums);
            for (int j = 0; j < n; j++) {
                si.put(j, 0f);
            }
            for (long row = 0; row < length; row += n) { // row by row: the buffer is read in order
                for (int j = 0; j < n; j++) {
                    si.put(j, si.get(j) + mi.get(row + j));
                }
            }
        } else {
            DoubleIndexer mi = doubles(m);
            DoubleIndexer si = doubles(sums);
            for (int j = 0; j < n; j++) {
                si.put(j, 0.0);
            }
            for (long row = 0; row < length; row += n) {
                for (int j = 0; j < n; j++) {
                    si.put(j, si.get(j) + mi.get(row + j));
                }
            }
        }
    }

    @Override
    void axpyImpl(double alpha, INDArray x, INDArray y) {
        long length = x.length();
        if (isFloat(x)) {
            float alphaF = (float) alpha;
            FloatIndexer xi = floats(x);
            FloatIndexer yi = floats(y);
            for (long i = 0; i < length; i++) {
                yi.put(i, yi.get(i) + alphaF * xi.get(i));
            }
        } else {
            DoubleIndexer xi = doubles(x);
            DoubleIndexer yi = doubles(y);
            for (long i = 0; i < length; i++) {
                yi.put(i, yi.get(i) + alpha * xi.get(i));
            }
        }
    }
}
