package org.backprop4j.core.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FastElementwise} in SIMD: hands each array's native buffer, as {@link VectorMemory} holds it (a
 * direct ByteBuffer on JDK 17-18, a MemorySegment on JDK 22+), to {@link VectorFloats} or {@link
 * VectorDoubles}. Created by {@link FastElementwise} through reflection, and only when the JVM has {@code jdk.incubator.vector}; with those two it is the only code that
 * needs the module. Getting the buffers costs about 0.2 us per array, and rows narrower than a
 * vector leave the SIMD loops only their scalar tails, so small arrays and narrow rows go to the {@link ScalarElementwise} loops instead (measured faster there); the
 * results are the same bit for bit either way.
 *
 * <p>The loops are called through method handles held in this object's fields, never directly. C2
 * inlines a direct call into the method being compiled, and a SIMD loop inlined that way into a large
 * method was compiled with its vectors boxed on the heap: {@code addBias} inside {@code Dense.forward}
 * (with ND4J's shape checks around it) allocated 27.5 KB per step of the Fashion-MNIST tutorial from
 * its third epoch on, and the step took 260-280 us instead of 170-195. C2 does not take a handle read
 * from an instance field for a constant, so it calls the loop, compiled on its own, as it calls the
 * activations' loops ({@code ElementwiseKernels}).
 */
final class VectorizedElementwise extends FastElementwise {

    private static final FastElementwise SCALAR = FastElementwise.scalar();
    /** Below this many elements a call goes to the scalar loops. */
    private final int minLength;

    private final MethodHandle finiteFloats;
    private final MethodHandle finiteDoubles;
    private final MethodHandle addBiasFloats;
    private final MethodHandle addBiasDoubles;
    private final MethodHandle differenceFloats;
    private final MethodHandle differenceDoubles;
    private final MethodHandle columnSumsFloats;
    private final MethodHandle columnSumsDoubles;
    private final MethodHandle axpyFloats;
    private final MethodHandle axpyDoubles;

    VectorizedElementwise() {
        if (VectorMemory.unavailable() != null) {
            throw new IllegalStateException(VectorMemory.unavailable());
        }
        minLength = 4 * VectorFloats.lanes();
        if (VectorFloats.lanes() < 4) {
            throw new IllegalStateException("SIMD vectors of " + VectorFloats.lanes() + " floats: no gain");
        }
        Class<?> o = Object.class;
        MethodType rowsAndColumns = MethodType.methodType(void.class, o, o, int.class, int.class);
        finiteFloats = loop(VectorFinite.class, "floats", MethodType.methodType(boolean.class, o, int.class));
        finiteDoubles = loop(VectorFinite.class, "doubles", MethodType.methodType(boolean.class, o, int.class));
        addBiasFloats = loop(VectorFloats.class, "addBias", rowsAndColumns);
        addBiasDoubles = loop(VectorDoubles.class, "addBias", rowsAndColumns);
        differenceFloats = loop(VectorFloats.class, "scaledDifference",
                MethodType.methodType(void.class, o, o, float.class, o, int.class));
        differenceDoubles = loop(VectorDoubles.class, "scaledDifference",
                MethodType.methodType(void.class, o, o, double.class, o, int.class));
        columnSumsFloats = loop(VectorFloats.class, "columnSums", rowsAndColumns);
        columnSumsDoubles = loop(VectorDoubles.class, "columnSums", rowsAndColumns);
        axpyFloats = loop(VectorFloats.class, "axpy", MethodType.methodType(void.class, float.class, o, o, int.class));
        axpyDoubles = loop(VectorDoubles.class, "axpy", MethodType.methodType(void.class, double.class, o, o, int.class));
        Object matrix = SimdGate.scratch(2 * PROBE_COLUMNS, 1);
        Object row = SimdGate.scratch(PROBE_COLUMNS, 0);
        Object out = SimdGate.scratch(2 * PROBE_COLUMNS, 0);
        MethodHandle addBias = addBiasFloats;
        MethodHandle columnSums = columnSumsFloats;
        MethodHandle difference = differenceFloats;
        addBiasProbe = () -> { addBias.invokeExact(out, row, 2, PROBE_COLUMNS); };
        columnSumsProbe = () -> { columnSums.invokeExact(matrix, row, 2, PROBE_COLUMNS); };
        differenceProbe = () -> { difference.invokeExact(matrix, out, 1f, out, 2 * PROBE_COLUMNS); };
    }

    /**
     * Until C2 has compiled a FLOAT loop, its calls take the scalar loop ({@link SimdGate}); the probes
     * run on scratch rows of {@link #PROBE_COLUMNS} floats (whole vectors and a tail).
     */
    private static final int PROBE_COLUMNS = SimdGate.PROBE;
    private final SimdGate addBiasGate = new SimdGate("addBias");
    private final SimdGate columnSumsGate = new SimdGate("columnSums");
    private final SimdGate differenceGate = new SimdGate("scaledDifference");
    private final SimdGate.Probe addBiasProbe;
    private final SimdGate.Probe columnSumsProbe;
    private final SimdGate.Probe differenceProbe;

    private static MethodHandle loop(Class<?> owner, String name, MethodType type) {
        try {
            return MethodHandles.lookup().findStatic(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the SIMD loop " + owner.getSimpleName() + "." + name + " is missing", e);
        }
    }


    @Override
    public String name() {
        return "simd (" + VectorFloats.lanes() * Float.SIZE + "-bit, " + VectorMemory.kind() + ")";
    }

    private static Object bytes(INDArray array) {
        return VectorMemory.of(array);
    }

    private static int length(INDArray array) {
        return (int) array.length();
    }

    @Override
    boolean allFiniteImpl(INDArray array, long from, long to) {
        if (to - from < minLength) {
            return SCALAR.allFiniteImpl(array, from, to);
        }
        long elementSize = isFloat(array) ? Float.BYTES : Double.BYTES;
        Object range = VectorMemory.slice(bytes(array), from * elementSize, (to - from) * elementSize);
        try {
            return isFloat(array) ? (boolean) finiteFloats.invokeExact(range, (int) (to - from))
                    : (boolean) finiteDoubles.invokeExact(range, (int) (to - from));
        } catch (Throwable e) {
            throw VectorMemory.rethrow(e);
        }
    }

    private boolean small(INDArray array) {
        return array.length() < minLength;
    }

    @Override
    void addBiasImpl(INDArray z, INDArray bias) {
        if (small(z) || columns(z) < VectorFloats.lanes() || isFloat(z) && !addBiasGate.ready(addBiasProbe)) {
            SCALAR.addBiasImpl(z, bias);
            return;
        }
        try {
            (isFloat(z) ? addBiasFloats : addBiasDoubles).invokeExact(bytes(z), bytes(bias), (int) z.rows(), columns(z));
        } catch (Throwable e) {
            throw VectorMemory.rethrow(e);
        }
    }

    @Override
    void scaledDifferenceImpl(INDArray x, INDArray y, double scale, INDArray out) {
        if (small(x) || isFloat(x) && !differenceGate.ready(differenceProbe)) {
            SCALAR.scaledDifferenceImpl(x, y, scale, out);
            return;
        }
        Object xb = bytes(x);
        Object yb = bytes(y);
        Object ob = out == x ? xb : out == y ? yb : bytes(out);
        try {
            if (isFloat(x)) {
                differenceFloats.invokeExact(xb, yb, (float) scale, ob, length(x));
            } else {
                differenceDoubles.invokeExact(xb, yb, scale, ob, length(x));
            }
        } catch (Throwable e) {
            throw VectorMemory.rethrow(e);
        }
    }

    @Override
    void columnSumsImpl(INDArray m, INDArray sums) {
        if (small(m) || columns(m) < VectorFloats.lanes() || isFloat(m) && !columnSumsGate.ready(columnSumsProbe)) {
            SCALAR.columnSumsImpl(m, sums);
            return;
        }
        try {
            (isFloat(m) ? columnSumsFloats : columnSumsDoubles).invokeExact(bytes(m), bytes(sums), (int) m.rows(), columns(m));
        } catch (Throwable e) {
            throw VectorMemory.rethrow(e);
        }
    }

    @Override
    void axpyImpl(double alpha, INDArray x, INDArray y) {
        if (small(x)) {
            SCALAR.axpyImpl(alpha, x, y);
            return;
        }
        try {
            if (isFloat(x)) {
                axpyFloats.invokeExact((float) alpha, bytes(x), bytes(y), length(x));
            } else {
                axpyDoubles.invokeExact(alpha, bytes(x), bytes(y), length(x));
            }
        } catch (Throwable e) {
            throw VectorMemory.rethrow(e);
        }
    }
}
