package org.backprop4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FastElementwise} in SIMD: hands each array's native buffer, as a direct {@link ByteBuffer}, to
 * {@link VectorFloats} or {@link VectorDoubles}. Created by {@link FastElementwise} through reflection,
 * and only when the JVM has {@code jdk.incubator.vector}; with those two it is the only code that
 * needs the module. Getting the buffers costs about 0.2 us per array, and rows narrower than a
 * vector leave the SIMD loops only their scalar tails, so small arrays and narrow rows (a softmax
 * over 10 classes) go to the {@link ScalarElementwise} loops instead (measured faster there); the
 * results are the same bit for bit either way.
 */
final class VectorizedElementwise extends FastElementwise {

    private static final FastElementwise SCALAR = FastElementwise.scalar();
    /** Below this many elements a call goes to the scalar loops. */
    private final int minLength;
    /** Rows narrower than this go to the scalar loops (softmax, column sums). */
    private final int minColumns;

    VectorizedElementwise() {
        minLength = 4 * VectorFloats.lanes();
        minColumns = 2 * VectorFloats.lanes();
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
    boolean allFiniteImpl(INDArray array) {
        if (small(array)) {
            return SCALAR.allFiniteImpl(array);
        }
        return isFloat(array) ? VectorFinite.floats(bytes(array), length(array))
                : VectorFinite.doubles(bytes(array), length(array));
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

    private boolean small(INDArray array) {
        return array.length() < minLength;
    }

    private void unary(INDArray z, Activation activation, INDArray a) {
        if (small(z)) {
            switch (activation) {
                case SIGMOID -> SCALAR.sigmoidImpl(z, a);
                case TANH -> SCALAR.tanhImpl(z, a);
                default -> SCALAR.reluImpl(z, a);
            }
            return;
        }
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
        if (small(z)) {
            SCALAR.addBiasActivateImpl(z, bias, activation, a);
            return;
        }
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
        if (columns(z) < minColumns) {
            SCALAR.softmaxRowsImpl(z, s);
            return;
        }
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

    private void backward(Activation activation, INDArray a, INDArray g, INDArray dLdz) {
        if (small(a)) {
            switch (activation) {
                case SIGMOID -> SCALAR.sigmoidBackwardImpl(a, g, dLdz);
                case TANH -> SCALAR.tanhBackwardImpl(a, g, dLdz);
                default -> SCALAR.reluBackwardImpl(a, g, dLdz);
            }
            return;
        }
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
        if (columns(s) < minColumns) {
            SCALAR.softmaxBackwardImpl(s, g, dLdz);
            return;
        }
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
        if (small(p)) {
            SCALAR.softmaxCrossEntropyGradientImpl(p, y, dLdz);
            return;
        }
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
        if (small(m) || columns(m) < VectorFloats.lanes()) {
            SCALAR.columnSumsImpl(m, sums);
            return;
        }
        if (isFloat(m)) {
            VectorFloats.columnSums(bytes(m), bytes(sums), (int) m.rows(), columns(m));
        } else {
            VectorDoubles.columnSums(bytes(m), bytes(sums), (int) m.rows(), columns(m));
        }
    }

    @Override
    void axpyImpl(double alpha, INDArray x, INDArray y) {
        if (small(x)) {
            SCALAR.axpyImpl(alpha, x, y);
            return;
        }
        if (isFloat(x)) {
            VectorFloats.axpy((float) alpha, bytes(x), bytes(y), length(x));
        } else {
            VectorDoubles.axpy(alpha, bytes(x), bytes(y), length(x));
        }
    }
}
