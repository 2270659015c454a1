package org.backprop4j.core.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastElementwise#allFinite}'s SIMD loops (JDK Vector API, on the memory of {@link VectorMemory};
 * loaded only with {@code jdk.incubator.vector}): {@code acc += v * 0} lane by lane, which stays 0 while every v is
 * finite and becomes NaN at the first infinity or NaN, then one sum of the lanes. No branch in the
 * loop, so it runs at memory speed.
 */
final class VectorFinite {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    private VectorFinite() {
    }

    /** Whether all {@code length} floats of {@code values} are finite. */
    static boolean floats(Object values, int length) {
        FloatVector acc = FloatVector.zero(FLOATS);
        int i = 0;
        for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
            acc = acc.add(VectorMemory.floats(FLOATS, values, (long) i * Float.BYTES).mul(0f));
        }
        float tail = 0;
        for (; i < length; i++) {
            tail += VectorMemory.getFloat(values, (long) i * Float.BYTES) * 0f;
        }
        return acc.reduceLanes(VectorOperators.ADD) + tail == 0;
    }

    /** Whether all {@code length} doubles of {@code values} are finite. */
    static boolean doubles(Object values, int length) {
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        int i = 0;
        for (int bound = DOUBLES.loopBound(length); i < bound; i += DOUBLES.length()) {
            acc = acc.add(VectorMemory.doubles(DOUBLES, values, (long) i * Double.BYTES).mul(0.0));
        }
        double tail = 0;
        for (; i < length; i++) {
            tail += VectorMemory.getDouble(values, (long) i * Double.BYTES) * 0.0;
        }
        return acc.reduceLanes(VectorOperators.ADD) + tail == 0;
    }
}
