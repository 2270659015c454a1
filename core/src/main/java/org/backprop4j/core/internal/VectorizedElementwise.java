package org.backprop4j.core.internal;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FastElementwise} in SIMD: hands each array's native buffer, as {@link VectorMemory} holds it (a
 * direct ByteBuffer on JDK 17-18, a MemorySegment on JDK 22+), to {@link VectorFloats} or {@link
 * VectorDoubles}. Created by {@link FastElementwise} through reflection, and only when the JVM has {@code jdk.incubator.vector}; with those two it is the only code that
 * needs the module. Getting the buffers costs about 0.2 us per array, and rows narrower than a
 * vector leave the SIMD loops only their scalar tails, so small arrays and narrow rows go to the {@link ScalarElementwise} loops instead (measured faster there); the
 * results are the same bit for bit either way.
 */
final class VectorizedElementwise extends FastElementwise {

    private static final FastElementwise SCALAR = FastElementwise.scalar();
    /** Below this many elements a call goes to the scalar loops. */
    private final int minLength;

    VectorizedElementwise() {
        if (VectorMemory.unavailable() != null) {
            throw new IllegalStateException(VectorMemory.unavailable());
        }
        minLength = 4 * VectorFloats.lanes();
        if (VectorFloats.lanes() < 4) {
            throw new IllegalStateException("SIMD vectors of " + VectorFloats.lanes() + " floats: no gain");
        }
    }

    @Override
    public String name() {
        return "simd (" + VectorFloats.lanes() * Float.SIZE + "-bit, " + VectorMemory.kind() + ")";
    }

    private static Object bytes(INDArray array) {
        return VectorMemory.of(array);
    }

    private static int length(INDArray array) {
        return (int) array.length();
    }

    @Override
    boolean allFiniteImpl(INDArray array, long from, long to) {
        if (to - from < minLength) {
            return SCALAR.allFiniteImpl(array, from, to);
        }
        long elementSize = isFloat(array) ? Float.BYTES : Double.BYTES;
        Object range = VectorMemory.slice(bytes(array), from * elementSize, (to - from) * elementSize);
        return isFloat(array) ? VectorFinite.floats(range, (int) (to - from)) : VectorFinite.doubles(range, (int) (to - from));
    }

    private boolean small(INDArray array) {
        return array.length() < minLength;
    }

    @Override
    void addBiasImpl(INDArray z, INDArray bias) {
        if (small(z) || columns(z) < VectorFloats.lanes()) {
            SCALAR.addBiasImpl(z, bias);
            return;
        }
        if (isFloat(z)) {
            VectorFloats.addBias(bytes(z), bytes(bias), (int) z.rows(), columns(z));
        } else {
            VectorDoubles.addBias(bytes(z), bytes(bias), (int) z.rows(), columns(z));
        }
    }

    @Override
    void scaledDifferenceImpl(INDArray x, INDArray y, double scale, INDArray out) {
        if (small(x)) {
            SCALAR.scaledDifferenceImpl(x, y, scale, out);
            return;
        }
        Object xb = bytes(x);
        Object yb = bytes(y);
        Object ob = out == x ? xb : out == y ? yb : bytes(out);
        if (isFloat(x)) {
            VectorFloats.scaledDifference(xb, yb, (float) scale, ob, length(x));
        } else {
            VectorDoubles.scaledDifference(xb, yb, scale, ob, length(x));
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
