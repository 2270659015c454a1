package org.backprop4j.core.internal;

import static jdk.incubator.vector.VectorOperators.ASHR;
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
        IntVector k1 = k.lanewise(ASHR, 1);
        FloatVector scale1 = (FloatVector) k1.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
        FloatVector scale2 = (FloatVector) k.sub(k1).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
        return p.mul(scale1).mul(scale2);
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

    private static FloatVector activate(FloatVector v, Activation activation) {
        return switch (activation) {
            case LINEAR -> v;
            case SIGMOID -> FloatVector.broadcast(SPECIES, 1f).div(exp(v.neg()).add(1f));
            case TANH -> tanh(v);
            case RELU -> v.max(0f);
        };
    }

    private static float activate(float v, Activation activation) {
        return switch (activation) {
            case LINEAR -> v;
            case SIGMOID -> FloatMath.sigmoid(v);
            case TANH -> FloatMath.tanh(v);
            case RELU -> Math.max(0f, v);
        };
    }

    /** {@code a = f(z)} on {@code length} elements, or with a bias: {@code z[i][j] += bias[j]; a = f(z)} per row of n. */
    static void activate(ByteBuffer z, ByteBuffer bias, Activation activation, ByteBuffer a, int rows, int n) {
        int bound = SPECIES.loopBound(n);
        for (int row = 0, start = 0; row < rows; row++, start += n) {
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector v = load(z, start + j);
                if (bias != null) {
                    v = v.add(load(bias, j));
                    store(v, z, start + j);
                }
                store(activate(v, activation), a, start + j);
            }
            for (; j < n; j++) {
                float v = get(z, start + j);
                if (bias != null) {
                    v += get(bias, j);
                    put(z, start + j, v);
                }
                put(a, start + j, activate(v, activation));
            }
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
        for (; i < length; i++) {
            put(s, i, FloatMath.exp(get(s, i)));
        }
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

    /** The three backward passes of the element-wise activations, from the output a and g = dL/da. */
    static void activationBackward(Activation activation, ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector av = load(a, i);
            FloatVector gv = load(g, i);
            FloatVector d = switch (activation) {
                case SIGMOID -> gv.mul(av.mul(FloatVector.broadcast(SPECIES, 1f).sub(av)));
                case TANH -> gv.mul(FloatVector.broadcast(SPECIES, 1f).sub(av.mul(av)));
                case RELU -> FloatVector.zero(SPECIES).blend(gv, av.compare(VectorOperators.GT, 0f));
                case LINEAR -> gv;
            };
            store(d, dLdz, i);
        }
        for (; i < length; i++) {
            float ak = get(a, i);
            float gk = get(g, i);
            put(dLdz, i, switch (activation) {
                case SIGMOID -> gk * (ak * (1f - ak));
                case TANH -> gk * (1f - ak * ak);
                case RELU -> ak > 0 ? gk : 0f;
                case LINEAR -> gk;
            });
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
