package org.backprop4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The DOUBLE loops of {@link VectorizedElementwise} that are not an activation's formula (bias add,
 * scaled difference, column sums, axpy): SIMD with the JDK's Vector API ({@code jdk.incubator.vector})
 * straight on the native buffers (direct {@link ByteBuffer}s), in the widest vectors the CPU has.
 * Each lane performs the operations of {@link ScalarElementwise} in the same order and the tails run
 * those scalar steps, so the results are bit-identical; column sums are added in row order too.
 * Offsets and lengths are in elements; loaded only when the module is present. (Activations' loops
 * are generic, in {@code org.backprop4j.core.kernels}.)
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

    /** {@code z[i][j] += bias[j]} for each row of n. */
    static void addBias(ByteBuffer z, ByteBuffer bias, int rows, int n) {
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
