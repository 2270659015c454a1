package org.backprop4j.core.kernels;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.backprop4j.core.activations.ElementwiseActivation;
import org.backprop4j.core.internal.VectorMemory;

/**
 * The SIMD loops of the element-wise kernels, as a template: {@link Specializer} defines one copy per
 * activation, with the activation ({@link #F}) and its {@link ActivationLanes} twin ({@link #V}) as
 * constants, so that C2 inlines the lane function into the loop and keeps the vectors in registers.
 * Straight on the native buffers (as {@link VectorMemory} holds them: a direct Object on JDK 17-18, a
 * MemorySegment on JDK 22+; measured faster than copying to a {@code float[]} and back), in the widest
 * vectors the CPU has; the
 * tail of each loop runs the scalar formula, which performs the lanes' operations, so the results
 * are those of {@link ScalarLoops} bit for bit. {@link ElementwiseKernels} calls these methods through
 * method handles that C2 cannot take for constants, so it never inlines a loop into its caller:
 * compiled on its own a loop fits C2's inlining budget; inlined into a larger caller it may not, and
 * its vectors would then be boxed (measured 2 to 5 times slower). Loaded only with
 * {@code jdk.incubator.vector}; never used directly.
 */
final class VectorLoops {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final ElementwiseActivation F = constant(ElementwiseActivation.class, 0);
    private static final ActivationLanes V = constant(ActivationLanes.class, 1);

    private VectorLoops() {
    }

    private static <T> T constant(Class<T> type, int index) {
        try {
            return MethodHandles.classDataAt(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, type, index);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static void forwardFloats(Object z, Object a, int length) {
        int i = 0;
        for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
            VectorMemory.store(V.apply(VectorMemory.floats(FLOATS, z, (long) i * Float.BYTES)), a, (long) i * Float.BYTES);
        }
        forwardFloatsTail(z, a, i, length);
    }

    private static void forwardFloatsTail(Object z, Object a, int from, int length) {
        for (int i = from; i < length; i++) {
            VectorMemory.putFloat(a, (long) i * Float.BYTES, F.apply(VectorMemory.getFloat(z, (long) i * Float.BYTES)));
        }
    }

    static void forwardDoubles(Object z, Object a, int length) {
        int i = 0;
        for (int bound = DOUBLES.loopBound(length); i < bound; i += DOUBLES.length()) {
            VectorMemory.store(V.apply(VectorMemory.doubles(DOUBLES, z, (long) i * Double.BYTES)), a, (long) i * Double.BYTES);
        }
        forwardDoublesTail(z, a, i, length);
    }

    private static void forwardDoublesTail(Object z, Object a, int from, int length) {
        for (int i = from; i < length; i++) {
            VectorMemory.putDouble(a, (long) i * Double.BYTES, F.apply(VectorMemory.getDouble(z, (long) i * Double.BYTES)));
        }
    }

    static void backwardFloats(Object z, Object a, Object g, Object dLdz, int length) {
        int i = 0;
        for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
            long at = (long) i * Float.BYTES;
            VectorMemory.store(V.backward(VectorMemory.floats(FLOATS, z, at), VectorMemory.floats(FLOATS, a, at),
                    VectorMemory.floats(FLOATS, g, at)), dLdz, at);
        }
        backwardFloatsTail(z, a, g, dLdz, i, length);
    }

    private static void backwardFloatsTail(Object z, Object a, Object g, Object dLdz, int from, int length) {
        for (int i = from; i < length; i++) {
            long at = (long) i * Float.BYTES;
            VectorMemory.putFloat(dLdz, at, F.backward(VectorMemory.getFloat(z, at), VectorMemory.getFloat(a, at),
                    VectorMemory.getFloat(g, at)));
        }
    }

    static void backwardDoubles(Object z, Object a, Object g, Object dLdz, int length) {
        int i = 0;
        for (int bound = DOUBLES.loopBound(length); i < bound; i += DOUBLES.length()) {
            long at = (long) i * Double.BYTES;
            VectorMemory.store(V.backward(VectorMemory.doubles(DOUBLES, z, at), VectorMemory.doubles(DOUBLES, a, at),
                    VectorMemory.doubles(DOUBLES, g, at)), dLdz, at);
        }
        backwardDoublesTail(z, a, g, dLdz, i, length);
    }

    private static void backwardDoublesTail(Object z, Object a, Object g, Object dLdz, int from, int length) {
        for (int i = from; i < length; i++) {
            long at = (long) i * Double.BYTES;
            VectorMemory.putDouble(dLdz, at, F.backward(VectorMemory.getDouble(z, at), VectorMemory.getDouble(a, at),
                    VectorMemory.getDouble(g, at)));
        }
    }
}
