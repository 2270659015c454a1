package org.backprop4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Elementwise} in SIMD: hands each array's native buffer, as a direct {@link ByteBuffer}, to
 * {@link VectorFloats} or {@link VectorDoubles}. Created by {@link Elementwise} through reflection,
 * and only when the JVM has {@code jdk.incubator.vector}; with those two it is the only code that
 * needs the module. Getting the buffers costs about 0.2 us per array, so for arrays of a few dozen
 * elements the {@link ScalarElementwise} loops are as fast; the results are the same bit for bit.
 */
final class VectorizedElementwise extends Elementwise {

    VectorizedElementwise() {
        if (VectorFloats.lanes() < 4) {
            throw new IllegalStateException("SIMD vectors of " + VectorFloats.lanes() + " floats: no gain");
        }
    }

    @Override
    public String name() {
        return "simd (" + VectorFloats.lanes() * Float.SIZE + "-bit)";
    }

    private static ByteBuffer bytes(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder());
    }

    private static int length(INDArray array) {
        return (int) array.length();
    }

    @Override
    void sigmoidImpl(INDArray z, INDArray a) {
        unary(z, Activation.SIGMOID, a);
    }

    @Override
    void tanhImpl(INDArray z, INDArray a) {
        unary(z, Activation.TANH, a);
    }

    @Override
    void reluImpl(INDArray z, INDArray a) {
        unary(z, Activation.RELU, a);
    }

    private static void unary(INDArray z, Activation activation, INDArray a) {
        ByteBuffer zb = bytes(z);
        ByteBuffer ab = a == z ? zb : bytes(a);
        if (isFloat(z)) {
            VectorFloats.activate(zb, null, activation, ab, 1, length(z));
        } else {
            VectorDoubles.activate(zb, null, activation, ab, 1, length(z));
        }
    }

    @Override
    void addBiasActivateImpl(INDArray z, INDArray bias, Activation activation, INDArray a) {
        ByteBuffer zb = bytes(z);
        ByteBuffer ab = a == z ? zb : bytes(a);
        int n = columns(z);
        int rows = (int) z.rows();
        if (isFloat(z)) {
            VectorFloats.activate(zb, bytes(bias), activation, ab, rows, n);
        } else {
            VectorDoubles.activate(zb, bytes(bias), activation, ab, rows, n);
        }
    }

    @Override
    void softmaxRowsImpl(INDArray z, INDArray s) {
        ByteBuffer zb = bytes(z);
        ByteBuffer sb = s == z ? zb : bytes(s);
        if (isFloat(z)) {
            VectorFloats.softmaxRows(zb, sb, (int) z.rows(), columns(z));
        } else {
            VectorDoubles.softmaxRows(zb, sb, (int) z.rows(), columns(z));
        }
    }

    @Override
    void sigmoidBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        backward(Activation.SIGMOID, a, g, dLdz);
    }

    @Override
    void tanhBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        backward(Activation.TANH, a, g, dLdz);
    }

    @Override
    void reluBackwardImpl(INDArray a, INDArray g, INDArray dLdz) {
        backward(Activation.RELU, a, g, dLdz);
    }

    private static void backward(Activation activation, INDArray a, INDArray g, INDArray dLdz) {
        ByteBuffer gb = bytes(g);
        ByteBuffer db = dLdz == g ? gb : bytes(dLdz);
        if (isFloat(a)) {
            VectorFloats.activationBackward(activation, bytes(a), gb, db, length(a));
        } else {
            VectorDoubles.activationBackward(activation, bytes(a), gb, db, length(a));
        }
    }

    @Override
    void softmaxBackwardImpl(INDArray s, INDArray g, INDArray dLdz) {
        ByteBuffer gb = bytes(g);
        ByteBuffer db = dLdz == g ? gb : bytes(dLdz);
        if (isFloat(s)) {
            VectorFloats.softmaxBackward(bytes(s), gb, db, (int) s.rows(), columns(s));
        } else {
            VectorDoubles.softmaxBackward(bytes(s), gb, db, (int) s.rows(), columns(s));
        }
    }

    @Override
    void softmaxCrossEntropyGradientImpl(INDArray p, INDArray y, INDArray dLdz) {
        ByteBuffer pb = bytes(p);
        ByteBuffer yb = bytes(y);
        ByteBuffer db = dLdz == p ? pb : dLdz == y ? yb : bytes(dLdz);
        if (isFloat(p)) {
            VectorFloats.scaledDifference(pb, yb, 1f / p.rows(), db, length(p));
        } else {
            VectorDoubles.scaledDifference(pb, yb, 1.0 / p.rows(), db, length(p));
        }
    }

    @Override
    void columnSumsImpl(INDArray m, INDArray sums) {
        if (isFloat(m)) {
            VectorFloats.columnSums(bytes(m), bytes(sums), (int) m.rows(), columns(m));
        } else {
            VectorDoubles.columnSums(bytes(m), bytes(sums), (int) m.rows(), columns(m));
        }
    }

    @Override
    void axpyImpl(double alpha, INDArray x, INDArray y) {
        if (isFloat(x)) {
            VectorFloats.axpy((float) alpha, bytes(x), bytes(y), length(x));
        } else {
            VectorDoubles.axpy(alpha, bytes(x), bytes(y), length(x));
        }
    }
}
