package org.backprop4j.core.internal;

import static jdk.incubator.vector.VectorOperators.LSHL;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.backprop4j.core.internal.FastElementwise.Activation;

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

    // The loops with exp in them are called through method handles read from an array, which C2 cannot
    // take for constants, so it never inlines them into a caller: compiled on their own they fit its
    // inlining budget; inlined into a caller's compilation they did not, the vectors were boxed, and a
    // (128, 256) sigmoid drifted from 22 to 40-100 us per call (measured; 22 us stable this way).
    private static final int SIGMOID_LOOP = 0;
    private static final int EXP_LOOP = 1;
    private static final int TANH_LARGE_LOOP = 2;
    private static final int TANH_SMALL_LOOP = 3;
    private static final MethodHandle[] LOOPS = {loop("sigmoid"), loop("exp"), loop("tanhLarge"), loop("tanhSmall")};

    private static MethodHandle loop(String name) {
        try {
            return MethodHandles.lookup().findStatic(VectorDoubles.class, name,
                    MethodType.methodType(void.class, ByteBuffer.class, ByteBuffer.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code out = f(in)} on {@code length} elements by the loop {@code LOOPS[loop]}. */
    private static void separately(int loop, ByteBuffer in, ByteBuffer out, int length) {
        try {
            LOOPS[loop].invokeExact(in, out, length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
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

    // constants as vectors, broadcast once (see VectorFloats)
    private static final VectorSpecies<Long> LONGS = SPECIES.withLanes(long.class);
    private static final LongVector SIGN_BIT = LongVector.broadcast(LONGS, 0x8000000000000000L);
    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);
    private static final DoubleVector TWO = DoubleVector.broadcast(SPECIES, 2.0);
    private static final DoubleVector MIN_INPUT = DoubleVector.broadcast(SPECIES, DoubleMath.MIN_EXP_INPUT);
    private static final DoubleVector MAX_INPUT = DoubleVector.broadcast(SPECIES, DoubleMath.MAX_EXP_INPUT);
    private static final DoubleVector LOG2E = DoubleVector.broadcast(SPECIES, DoubleMath.LOG2E);
    private static final DoubleVector MAGIC = DoubleVector.broadcast(SPECIES, DoubleMath.ROUND_MAGIC);
    private static final LongVector EXPONENT_BIAS = LongVector.broadcast(LONGS, DoubleMath.EXPONENT_BIAS);
    private static final DoubleVector LN2_HIGH = DoubleVector.broadcast(SPECIES, DoubleMath.LN2_HIGH);
    private static final DoubleVector LN2_LOW = DoubleVector.broadcast(SPECIES, DoubleMath.LN2_LOW);
    private static final DoubleVector P0 = DoubleVector.broadcast(SPECIES, DoubleMath.P0);
    private static final DoubleVector P1 = DoubleVector.broadcast(SPECIES, DoubleMath.P1);
    private static final DoubleVector P2 = DoubleVector.broadcast(SPECIES, DoubleMath.P2);
    private static final DoubleVector Q0 = DoubleVector.broadcast(SPECIES, DoubleMath.Q0);
    private static final DoubleVector Q1 = DoubleVector.broadcast(SPECIES, DoubleMath.Q1);
    private static final DoubleVector Q2 = DoubleVector.broadcast(SPECIES, DoubleMath.Q2);
    private static final DoubleVector Q3 = DoubleVector.broadcast(SPECIES, DoubleMath.Q3);
    private static final DoubleVector R0 = DoubleVector.broadcast(SPECIES, DoubleMath.R0);
    private static final DoubleVector R1 = DoubleVector.broadcast(SPECIES, DoubleMath.R1);
    private static final DoubleVector R2 = DoubleVector.broadcast(SPECIES, DoubleMath.R2);
    private static final DoubleVector S0 = DoubleVector.broadcast(SPECIES, DoubleMath.S0);
    private static final DoubleVector S1 = DoubleVector.broadcast(SPECIES, DoubleMath.S1);
    private static final DoubleVector S2 = DoubleVector.broadcast(SPECIES, DoubleMath.S2);
    private static final DoubleVector TANH_LIMIT = DoubleVector.broadcast(SPECIES, DoubleMath.TANH_POLYNOMIAL_LIMIT);

    /** {@link DoubleMath#exp}, lane by lane. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector clamped = x.max(MIN_INPUT).min(MAX_INPUT);
        DoubleVector shifted = clamped.mul(LOG2E).add(MAGIC);
        DoubleVector kd = shifted.sub(MAGIC);
        DoubleVector r = clamped.sub(kd.mul(LN2_HIGH)).sub(kd.mul(LN2_LOW));
        DoubleVector rr = r.mul(r);
        DoubleVector px = r.mul(rr.mul(P0).add(P1).mul(rr).add(P2));
        DoubleVector q = rr.mul(Q0).add(Q1).mul(rr).add(Q2).mul(rr).add(Q3);
        DoubleVector e = px.div(q.sub(px)).mul(TWO).add(ONE);
        LongVector scaleBits = ((LongVector) shifted.reinterpretAsLongs()).lanewise(LSHL, 52).add(EXPONENT_BIAS);
        return e.mul((DoubleVector) scaleBits.reinterpretAsDoubles());
    }

    /** {@link DoubleMath#tanh} for {@code |x| > 0.625}, lane by lane: {@code sign(x) (1 - 2 / (exp(2|x|) + 1))}. */
    static DoubleVector tanhLarge(DoubleVector x) {
        DoubleVector ax = x.abs();
        DoubleVector large = ONE.sub(TWO.div(exp(ax.add(ax)).add(ONE))); // >= 0.55: x's sign bit is copied in
        LongVector signed = ((LongVector) large.reinterpretAsLongs()).or(((LongVector) x.reinterpretAsLongs()).and(SIGN_BIT));
        return (DoubleVector) signed.reinterpretAsDoubles();
    }

    /** {@link DoubleMath#tanh} for {@code |x| <= 0.625}, lane by lane: {@code x + x^3 R(x^2) / S(x^2)}. */
    static DoubleVector tanhSmall(DoubleVector x) {
        DoubleVector s = x.mul(x);
        DoubleVector numerator = s.mul(R0).add(R1).mul(s).add(R2);
        DoubleVector denominator = s.add(S0).mul(s).add(S1).mul(s).add(S2);
        return x.mul(s).mul(numerator.div(denominator)).add(x);
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
            case SIGMOID -> separately(SIGMOID_LOOP, z, a, length);
            case TANH -> {
                separately(TANH_SMALL_LOOP, z, a, length);
                separately(TANH_LARGE_LOOP, z, a, length);
            }
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
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(ONE.div(exp(load(z, i).neg()).add(ONE)), a, i);
        }
        sigmoidTail(z, a, i, length);
    }

    private static void sigmoidTail(ByteBuffer z, ByteBuffer a, int from, int length) {
        for (int i = from; i < length; i++) {
            put(a, i, DoubleMath.sigmoid(get(z, i)));
        }
    }

    /**
     * Two passes, each its own compiled loop (one loop with both branches exceeded C2's inlining
     * budget), both safe in place: first the small |x| get the polynomial and the others keep x; then
     * the elements still above the limit get the large-|x| formula (a polynomial value is below the
     * limit: |tanh(0.625)| < 0.625). The scalar tail is computed from the untouched input.
     */
    private static void tanhSmall(ByteBuffer z, ByteBuffer a, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            DoubleVector x = load(z, i);
            store(tanhSmall(x).blend(x, x.abs().compare(VectorOperators.GT, TANH_LIMIT)), a, i);
        }
        tanhTail(z, a, i, length);
    }

    private static void tanhLarge(ByteBuffer z, ByteBuffer a, int length) {
        for (int i = 0, bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            DoubleVector x = load(a, i);
            store(x.blend(tanhLarge(x), x.abs().compare(VectorOperators.GT, TANH_LIMIT)), a, i);
        }
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
        separately(EXP_LOOP, s, s, rows * n);
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

    private static void exp(ByteBuffer z, ByteBuffer a, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(exp(load(z, i)), a, i);
        }
        expTail(z, a, i, length);
    }

    private static void expTail(ByteBuffer z, ByteBuffer s, int from, int length) {
        for (int i = from; i < length; i++) {
            put(s, i, DoubleMath.exp(get(z, i)));
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
