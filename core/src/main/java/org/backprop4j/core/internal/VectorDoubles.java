package org.backprop4j.core.internal;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.NEG;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.backprop4j.core.internal.Elementwise.Activation;

/**
 * The DOUBLE loops of {@link VectorizedElementwise}: SIMD with the JDK's Vector API
 * ({@code jdk.incubator.vector}) straight on the native buffers (direct {@link ByteBuffer}s, read
 * with {@code fromByteBuffer}: measured faster than copying to a {@code double[]} and back), in the
 * widest vectors the CPU has. Each lane performs exactly the operations of {@link DoubleMath} and
 * {@link ScalarElementwise}, in the same order, and the loops' tails run those scalar steps, so the
 * results are bit-identical to the scalar loops; sums (row sums of the softmax, column sums) are
 * added in the same order too. Offsets and lengths are in elements; loaded only when the module is
 * present.
 */
final class VectorDoubles {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorDoubles() {
    }

    /** Lanes per vector. */
    static int lanes() {
        return LANES;
    }

    private static DoubleVector load(ByteBuffer buffer, int index) {
        return DoubleVector.fromByteBuffer(SPECIES, buffer, index * Double.BYTES, ORDER);
    }

    private static void store(DoubleVector vector, ByteBuffer buffer, int index) {
        vector.intoByteBuffer(buffer, index * Double.BYTES, ORDER);
    }

    private static double get(ByteBuffer buffer, int index) {
        return buffer.getDouble(index * Double.BYTES);
    }

    private static void put(ByteBuffer buffer, int index, double value) {
        buffer.putDouble(index * Double.BYTES, value);
    }

    /** {@link DoubleMath#exp}, lane by lane. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector clamped = x.max(DoubleMath.MIN_EXP_INPUT).min(DoubleMath.MAX_EXP_INPUT);
        DoubleVector shifted = clamped.mul(DoubleMath.LOG2E).add(DoubleMath.ROUND_MAGIC);
        LongVector k = ((LongVector) shifted.reinterpretAsLongs()).sub(DoubleMath.ROUND_MAGIC_BITS);
        DoubleVector kd = shifted.sub(DoubleMath.ROUND_MAGIC);
        DoubleVector r = clamped.sub(kd.mul(DoubleMath.LN2_HIGH)).sub(kd.mul(DoubleMath.LN2_LOW));
        DoubleVector rr = r.mul(r);
        DoubleVector px = r.mul(rr.mul(DoubleMath.P0).add(DoubleMath.P1).mul(rr).add(DoubleMath.P2));
        DoubleVector q = rr.mul(DoubleMath.Q0).add(DoubleMath.Q1).mul(rr).add(DoubleMath.Q2).mul(rr).add(DoubleMath.Q3);
        DoubleVector e = px.div(q.sub(px)).mul(2.0).add(1.0);
        return e.mul((DoubleVector) k.add(1023).lanewise(LSHL, 52).reinterpretAsDoubles());
    }

    /** {@link DoubleMath#tanh}, lane by lane. */
    static DoubleVector tanh(DoubleVector x) {
        DoubleVector ax = x.abs();
        DoubleVector large = DoubleVector.broadcast(SPECIES, 1.0).sub(
                DoubleVector.broadcast(SPECIES, 2.0).div(exp(ax.add(ax)).add(1.0)));
        large = large.lanewise(NEG, x.compare(VectorOperators.LT, 0.0));
        DoubleVector s = x.mul(x);
        DoubleVector numerator = s.mul(DoubleMath.R0).add(DoubleMath.R1).mul(s).add(DoubleMath.R2);
        DoubleVector denominator = s.add(DoubleMath.S0).mul(s).add(DoubleMath.S1).mul(s).add(DoubleMath.S2);
        DoubleVector small = x.mul(s).mul(numerator.div(denominator)).add(x);
        return small.blend(large, ax.compare(VectorOperators.GT, DoubleMath.TANH_POLYNOMIAL_LIMIT));
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
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(one.div(exp(load(z, i).neg()).add(1.0)), a, i);
        }
        sigmoidTail(z, a, i, length);
    }

    private static void sigmoidTail(ByteBuffer z, ByteBuffer a, int from, int length) {
        for (int i = from; i < length; i++) {
            put(a, i, DoubleMath.sigmoid(get(z, i)));
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
            put(a, i, DoubleMath.tanh(get(z, i)));
        }
    }

    private static void relu(ByteBuffer z, ByteBuffer a, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(load(z, i).max(0.0), a, i);
        }
        for (; i < length; i++) {
            put(a, i, Math.max(0.0, get(z, i)));
        }
    }

    /** Softmax of each row of n: max, {@code exp(z - max)} over the whole buffer, row sums in order, division. */
    static void softmaxRows(ByteBuffer z, ByteBuffer s, int rows, int n) {
        for (int row = 0, start = 0; row < rows; row++, start += n) {
            double max = Double.NEGATIVE_INFINITY;
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
            double sum = 0;
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
            put(s, i, DoubleMath.exp(get(s, i)));
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
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            DoubleVector av = load(a, i);
            store(load(g, i).mul(av.mul(one.sub(av))), dLdz, i);
        }
        for (; i < length; i++) {
            double ak = get(a, i);
            put(dLdz, i, get(g, i) * (ak * (1.0 - ak)));
        }
    }

    private static void tanhBackward(ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            DoubleVector av = load(a, i);
            store(load(g, i).mul(one.sub(av.mul(av))), dLdz, i);
        }
        for (; i < length; i++) {
            double ak = get(a, i);
            put(dLdz, i, get(g, i) * (1.0 - ak * ak));
        }
    }

    private static void reluBackward(ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(zero.blend(load(g, i), load(a, i).compare(VectorOperators.GT, 0.0)), dLdz, i);
        }
        for (; i < length; i++) {
            put(dLdz, i, get(a, i) > 0 ? get(g, i) : 0.0);
        }
    }

    /** {@code dLdz = s * (g - rowdot(s, g))} per row of n; the dot is summed in order. */
    static void softmaxBackward(ByteBuffer s, ByteBuffer g, ByteBuffer dLdz, int rows, int n) {
        int bound = SPECIES.loopBound(n);
        for (int row = 0, start = 0; row < rows; row++, start += n) {
            double dot = 0;
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
    static void scaledDifference(ByteBuffer p, ByteBuffer y, double scale, ByteBuffer dLdz, int length) {
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
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int row = 0, start = j; row < rows; row++, start += n) {
                sum = sum.add(load(m, start));
            }
            store(sum, sums, j);
        }
        for (; j < n; j++) {
            double sum = 0;
            for (int row = 0, index = j; row < rows; row++, index += n) {
                sum += get(m, index);
            }
            put(sums, j, sum);
        }
    }

    /** {@code y += alpha * x}. */
    static void axpy(double alpha, ByteBuffer x, ByteBuffer y, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(load(y, i).add(load(x, i).mul(alpha)), y, i);
        }
        for (; i < length; i++) {
            put(y, i, get(y, i) + alpha * get(x, i));
        }
    }
}
