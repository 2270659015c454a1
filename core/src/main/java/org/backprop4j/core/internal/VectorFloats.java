package org.backprop4j.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT loops of {@link VectorizedElementwise} that are not an activation's formula (bias add,
 * scaled difference, column sums, axpy): SIMD with the JDK's Vector API ({@code jdk.incubator.vector})
 * straight on the native buffers (read and written through {@link VectorMemory}, which knows the
 * running JDK's way), in the widest vectors the CPU has.
 * Each lane performs the operations of {@link ScalarElementwise} in the same order and the tails run
 * those scalar steps, so the results are bit-identical; column sums are added in row order too.
 * Offsets and lengths are in elements; loaded only when the module is present. (Activations' loops
 * are generic, in {@code org.backprop4j.core.kernels}.)
 */
final class VectorFloats {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorFloats() {
    }

    /** Lanes per vector. */
    static int lanes() {
        return LANES;
    }

    private static FloatVector load(Object memory, int index) {
        return VectorMemory.floats(SPECIES, memory, (long) index * Float.BYTES);
    }

    private static void store(FloatVector vector, Object memory, int index) {
        VectorMemory.store(vector, memory, (long) index * Float.BYTES);
    }

    private static float get(Object memory, int index) {
        return VectorMemory.getFloat(memory, (long) index * Float.BYTES);
    }

    private static void put(Object memory, int index, float value) {
        VectorMemory.putFloat(memory, (long) index * Float.BYTES, value);
    }

    /** {@code z[i][j] += bias[j]} for each row of n. */
    static void addBias(Object z, Object bias, int rows, int n) {
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
    static void scaledDifference(Object p, Object y, float scale, Object dLdz, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(load(p, i).sub(load(y, i)).mul(scale), dLdz, i);
        }
        for (; i < length; i++) {
            put(dLdz, i, (get(p, i) - get(y, i)) * scale);
        }
    }

    /** {@code sums[j] = sum_i m[i][j]}, each column added in row order. */
    static void columnSums(Object m, Object sums, int rows, int n) {
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
    static void axpy(float alpha, Object x, Object y, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            store(load(y, i).add(load(x, i).mul(alpha)), y, i);
        }
        for (; i < length; i++) {
            put(y, i, get(y, i) + alpha * get(x, i));
        }
    }
}
