package org.backprop4j.core.internal;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.NEG;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.backprop4j.core.internal.Elementwise.Activation;

/**
 * The FLOAT loops of {@link VectorizedElementwise}: SIMD with the JDK's Vector API
 * ({@code jdk.incubator.vector}) straight on the native buffers (direct {@link ByteBuffer}s, read
 * with {@code fromByteBuffer}: measured faster than copying to a {@code float[]} and back), in the
 * widest vectors the CPU has. Each lane performs exactly the operations of {@link FloatMath} and
 * {@link ScalarElementwise}, in the same order, and the loops' tails run those scalar steps, so the
 * results are bit-identical to the scalar loops; sums (row sums of the softmax, column sums) are
 * added in the same order too. Offsets and lengths are in elements; loaded only when the module is
 * present.
 */
final class VectorFloats {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorFloats() {
    }

    /** Lanes per vector. */
    static int lanes() {
        return LANES;
    }

    private static FloatVector load(ByteBuffer buffer, int index) {
        return FloatVector.fromByteBuffer(SPECIES, buffer, index * Float.BYTES, ORDER);
    }

    private static void store(FloatVector vector, ByteBuffer buffer, int index) {
        vector.intoByteBuffer(buffer, index * Float.BYTES, ORDER);
    }

    private static float get(ByteBuffer buffer, int index) {
        return buffer.getFloat(index * Float.BYTES);
    }

    private static void put(ByteBuffer buffer, int index, float value) {
        buffer.putFloat(index * Float.BYTES, value);
    }

    /** {@link FloatMath#exp}, lane by lane. */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(FloatMath.MIN_EXP_INPUT).min(FloatMath.MAX_EXP_INPUT);
        FloatVector shifted = clamped.mul(FloatMath.LOG2E).add(FloatMath.ROUND_MAGIC);
        IntVector k = ((IntVector) shifted.reinterpretAsInts()).sub(FloatMath.ROUND_MAGIC_BITS);
        FloatVector kf = shifted.sub(FloatMath.ROUND_MAGIC);
        FloatVector r = clamped.sub(kf.mul(FloatMath.LN2_HIGH)).sub(kf.mul(FloatMath.LN2_LOW));
        FloatVector p = r.mul(FloatMath.E0).add(FloatMath.E1).mul(r).add(FloatMath.E2).mul(r).add(FloatMath.E3)
                .mul(r).add(FloatMath.E4).mul(r).add(FloatMath.E5).mul(r.mul(r)).add(r).add(1f);
        return p.mul((FloatVector) k.add(127).lanewise(LSHL, 23).reinterpretAsFloats());
    }

    /** {@link FloatMath#tanh}, lane by lane. */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector large = FloatVector.broadcast(SPECIES, 1f).sub(
                FloatVector.broadcast(SPECIES, 2f).div(exp(ax.add(ax)).add(1f)));
        large = large.lanewise(NEG, x.compare(VectorOperators.LT, 0f));
        FloatVector s = x.mul(x);
        FloatVector small = s.mul(FloatMath.T0).add(FloatMath.T1).mul(s).add(FloatMath.T2).mul(s).add(FloatMath.T3)
                .mul(s).add(FloatMath.T4).mul(s).mul(x).add(x);
        return small.blend(large, ax.compare(VectorOperators.GT, FloatMath.TANH_POLYNOMIAL_LIMIT));
    }

    /**
     * {@code a = f(z)} on {@code rows * n} elements; with a bias, first {@code z[i][j] += bias[j]} per
     * row of n. Two passes over data that stays in the cache: the bias rows, then one flat loop of
     * the activation over the whole buffer, whose scalar tail is a separate method. (One fused loop
     * with the bias, the tail and a switch in it made C2 stop inlining at its node limit, and the
     * vectors were then boxed: measured 10 to 20 times slower.)
     */
    static void activate(ByteBuffer z, ByteBuffer bias, Activation activation, ByteBuffer a, int rows, int n) {
        if (bias != null) {
            addBias(z, bias, rows, n);
        }
        int length = rows * n;
        switch (activation) {
            case LINEAR -> copy(z, a, length);
            case SIGMOID -> sigmoid(z, a, length);
            case TANH -> tanh(z, a, length);
            case RELU -> relu(z, a, length);
        }
    }

    private static void addBias(ByteBuffer z, ByteBuffer bias, int rows, int n) {
        int bound = SPECIES.loopBound(n);
        for (int row = 0, start = 0; row < rows; row++, start += n) {
            int j = 0;
            for (; j < bound; j += LANES) {
                store(load(z, start + j).add(load(bias, j)), z, start + j);
            }
            for (; j < n; j++) {
                put(z, start + j, get(z, start + j) + get(bias, j));
            }
        }
    }

    private static void copy(ByteBuffer z, ByteBuffer a, int length) {
        if (z != a) {
            int i = 0;
            for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
                store(load(z, i), a, i);
            }
            for (; i < length; i++) {
                put(a, i, get(z, i));
            }
        }
    }

    private static void sigmoid(ByteBuffer z, ByteBuffer a, int length) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(one.div(exp(load(z, i).neg()).add(1f)), a, i);
        }
        sigmoidTail(z, a, i, length);
    }

    private static void sigmoidTail(ByteBuffer z, ByteBuffer a, int from, int length) {
        for (int i = from; i < length; i++) {
            put(a, i, FloatMath.sigmoid(get(z, i)));
        }
    }

    private static void tanh(ByteBuffer z, ByteBuffer a, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(tanh(load(z, i)), a, i);
        }
        tanhTail(z, a, i, length);
    }

    private static void tanhTail(ByteBuffer z, ByteBuffer a, int from, int length) {
        for (int i = from; i < length; i++) {
            put(a, i, FloatMath.tanh(get(z, i)));
        }
    }

    private static void relu(ByteBuffer z, ByteBuffer a, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(load(z, i).max(0f), a, i);
        }
        for (; i < length; i++) {
            put(a, i, Math.max(0f, get(z, i)));
        }
    }

    /** Softmax of each row of n: max, {@code exp(z - max)} over the whole buffer, row sums in order, division. */
    static void softmaxRows(ByteBuffer z, ByteBuffer s, int rows, int n) {
        for (int row = 0, start = 0; row < rows; row++, start += n) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, get(z, start + j));
            }
            for (int j = 0; j < n; j++) {
                put(s, start + j, get(z, start + j) - max);
            }
        }
        int length = rows * n;
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(exp(load(s, i)), s, i);
        }
        expTail(s, i, length);
        int bound = SPECIES.loopBound(n);
        for (int row = 0, start = 0; row < rows; row++, start += n) {
            float sum = 0;
            for (int j = 0; j < n; j++) {
                sum += get(s, start + j);
            }
            int j = 0;
            for (; j < bound; j += LANES) {
                store(load(s, start + j).div(sum), s, start + j);
            }
            for (; j < n; j++) {
                put(s, start + j, get(s, start + j) / sum);
            }
        }
    }

    private static void expTail(ByteBuffer s, int from, int length) {
        for (int i = from; i < length; i++) {
            put(s, i, FloatMath.exp(get(s, i)));
        }
    }

    /** The backward passes of the element-wise activations, from the output a and g = dL/da (one loop each). */
    static void activationBackward(Activation activation, ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        switch (activation) {
            case SIGMOID -> sigmoidBackward(a, g, dLdz, length);
            case TANH -> tanhBackward(a, g, dLdz, length);
            case RELU -> reluBackward(a, g, dLdz, length);
            case LINEAR -> throw new IllegalArgumentException("no backward loop for LINEAR");
        }
    }

    private static void sigmoidBackward(ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector av = load(a, i);
            store(load(g, i).mul(av.mul(one.sub(av))), dLdz, i);
        }
        for (; i < length; i++) {
            float ak = get(a, i);
            put(dLdz, i, get(g, i) * (ak * (1f - ak)));
        }
    }

    private static void tanhBackward(ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector av = load(a, i);
            store(load(g, i).mul(one.sub(av.mul(av))), dLdz, i);
        }
        for (; i < length; i++) {
            float ak = get(a, i);
            put(dLdz, i, get(g, i) * (1f - ak * ak));
        }
    }

    private static void reluBackward(ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(zero.blend(load(g, i), load(a, i).compare(VectorOperators.GT, 0f)), dLdz, i);
        }
        for (; i < length; i++) {
            put(dLdz, i, get(a, i) > 0 ? get(g, i) : 0f);
        }
    }

    /** {@code dLdz = s * (g - rowdot(s, g))} per row of n; the dot is summed in order. */
    static void softmaxBackward(ByteBuffer s, ByteBuffer g, ByteBuffer dLdz, int rows, int n) {
        int bound = SPECIES.loopBound(n);
        for (int row = 0, start = 0; row < rows; row++, start += n) {
            float dot = 0;
            for (int j = 0; j < n; j++) {
                dot += get(s, start + j) * get(g, start + j);
            }
            int j = 0;
            for (; j < bound; j += LANES) {
                store(load(s, start + j).mul(load(g, start + j).sub(dot)), dLdz, start + j);
            }
            for (; j < n; j++) {
                put(dLdz, start + j, get(s, start + j) * (get(g, start + j) - dot));
            }
        }
    }

    /** {@code dLdz = (p - y) * scale}. */
    static void scaledDifference(ByteBuffer p, ByteBuffer y, float scale, ByteBuffer dLdz, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(load(p, i).sub(load(y, i)).mul(scale), dLdz, i);
        }
        for (; i < length; i++) {
            put(dLdz, i, (get(p, i) - get(y, i)) * scale);
        }
    }

    /** {@code sums[j] = sum_i m[i][j]}, each column added in row order. */
    static void columnSums(ByteBuffer m, ByteBuffer sums, int rows, int n) {
        int j = 0;
        for (int bound = SPECIES.loopBound(n); j < bound; j += LANES) {
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int row = 0, start = j; row < rows; row++, start += n) {
                sum = sum.add(load(m, start));
            }
            store(sum, sums, j);
        }
        for (; j < n; j++) {
            float sum = 0;
            for (int row = 0, index = j; row < rows; row++, index += n) {
                sum += get(m, index);
            }
            put(sums, j, sum);
        }
    }

    /** {@code y += alpha * x}. */
    static void axpy(float alpha, ByteBuffer x, ByteBuffer y, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(load(y, i).add(load(x, i).mul(alpha)), y, i);
        }
        for (; i < length; i++) {
            put(y, i, get(y, i) + alpha * get(x, i));
        }
    }
}
