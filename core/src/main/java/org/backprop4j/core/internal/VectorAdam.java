package org.backprop4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AdamLoop}'s SIMD loop (JDK Vector API): loaded only when the JVM has
 * {@code jdk.incubator.vector}. The same operations as {@link AdamLoop#scalar}, lane by lane.
 */
final class VectorAdam {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorAdam() {
    }

    /** Updates elements {@code 0 .. k - 1} for the largest multiple k of the vector length; returns k. */
    static int stepFloat(ByteBuffer w, ByteBuffer g, ByteBuffer m, ByteBuffer v, float alpha, float oneMinusBeta1,
                         float oneMinusBeta2, float epsilon, int length) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(length);
        for (int i = 0; i < bound; i += lanes) {
            int at = i * Float.BYTES;
            FloatVector gi = FloatVector.fromByteBuffer(SPECIES, g, at, ORDER);
            FloatVector mOld = FloatVector.fromByteBuffer(SPECIES, m, at, ORDER);
            FloatVector vOld = FloatVector.fromByteBuffer(SPECIES, v, at, ORDER);
            FloatVector mi = mOld.add(gi.sub(mOld).mul(oneMinusBeta1));
            FloatVector vi = vOld.add(gi.mul(gi).sub(vOld).mul(oneMinusBeta2));
            mi.intoByteBuffer(m, at, ORDER);
            vi.intoByteBuffer(v, at, ORDER);
            FloatVector.fromByteBuffer(SPECIES, w, at, ORDER)
                    .sub(mi.mul(alpha).div(vi.sqrt().add(epsilon)))
                    .intoByteBuffer(w, at, ORDER);
        }
        return bound;
    }
}
