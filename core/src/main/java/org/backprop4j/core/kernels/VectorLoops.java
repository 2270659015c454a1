package org.backprop4j.core.kernels;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.backprop4j.core.activations.ElementwiseActivation;

/**
 * The SIMD loops of the element-wise kernels, as a template: {@link Specializer} defines one copy per
 * activation, with the activation ({@link #F}) and its {@link ActivationLanes} twin ({@link #V}) as
 * constants, so that C2 inlines the lane function into the loop and keeps the vectors in registers.
 * Straight on the native buffers (direct {@link ByteBuffer}s, read with {@code fromByteBuffer}:
 * measured faster than copying to a {@code float[]} and back), in the widest vectors the CPU has; the
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
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
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

    static void forwardFloats(ByteBuffer z, ByteBuffer a, int length) {
        int i = 0;
        for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
            V.apply(FloatVector.fromByteBuffer(FLOATS, z, i * Float.BYTES, ORDER)).intoByteBuffer(a, i * Float.BYTES, ORDER);
        }
        forwardFloatsTail(z, a, i, length);
    }

    private static void forwardFloatsTail(ByteBuffer z, ByteBuffer a, int from, int length) {
        for (int i = from; i < length; i++) {
            a.putFloat(i * Float.BYTES, F.apply(z.getFloat(i * Float.BYTES)));
        }
    }

    static void forwardDoubles(ByteBuffer z, ByteBuffer a, int length) {
        int i = 0;
        for (int bound = DOUBLES.loopBound(length); i < bound; i += DOUBLES.length()) {
            V.apply(DoubleVector.fromByteBuffer(DOUBLES, z, i * Double.BYTES, ORDER)).intoByteBuffer(a, i * Double.BYTES, ORDER);
        }
        forwardDoublesTail(z, a, i, length);
    }

    private static void forwardDoublesTail(ByteBuffer z, ByteBuffer a, int from, int length) {
        for (int i = from; i < length; i++) {
            a.putDouble(i * Double.BYTES, F.apply(z.getDouble(i * Double.BYTES)));
        }
    }

    static void backwardFloats(ByteBuffer z, ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        int i = 0;
        for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
            int at = i * Float.BYTES;
            V.backward(FloatVector.fromByteBuffer(FLOATS, z, at, ORDER), FloatVector.fromByteBuffer(FLOATS, a, at, ORDER),
                    FloatVector.fromByteBuffer(FLOATS, g, at, ORDER)).intoByteBuffer(dLdz, at, ORDER);
        }
        backwardFloatsTail(z, a, g, dLdz, i, length);
    }

    private static void backwardFloatsTail(ByteBuffer z, ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int from, int length) {
        for (int i = from; i < length; i++) {
            int at = i * Float.BYTES;
            dLdz.putFloat(at, F.backward(z.getFloat(at), a.getFloat(at), g.getFloat(at)));
        }
    }

    static void backwardDoubles(ByteBuffer z, ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int length) {
        int i = 0;
        for (int bound = DOUBLES.loopBound(length); i < bound; i += DOUBLES.length()) {
            int at = i * Double.BYTES;
            V.backward(DoubleVector.fromByteBuffer(DOUBLES, z, at, ORDER), DoubleVector.fromByteBuffer(DOUBLES, a, at, ORDER),
                    DoubleVector.fromByteBuffer(DOUBLES, g, at, ORDER)).intoByteBuffer(dLdz, at, ORDER);
        }
        backwardDoublesTail(z, a, g, dLdz, i, length);
    }

    private static void backwardDoublesTail(ByteBuffer z, ByteBuffer a, ByteBuffer g, ByteBuffer dLdz, int from, int length) {
        for (int i = from; i < length; i++) {
            int at = i * Double.BYTES;
            dLdz.putDouble(at, F.backward(z.getDouble(at), a.getDouble(at), g.getDouble(at)));
        }
    }
}
