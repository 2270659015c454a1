package org.backprop4j.core.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the SIMD loops read and write an array's native buffer on the running JDK: the one piece of them
 * that differs between JDK releases. The Vector API ({@code jdk.incubator.vector}) loads and stores
 * vectors from a direct {@link ByteBuffer} on JDK 17 and 18 ({@code FloatVector.fromByteBuffer}) and
 * from a {@code java.lang.foreign.MemorySegment} from JDK 19 on ({@code fromMemorySegment}; the
 * ByteBuffer methods are gone). The project is compiled for Java 17, which cannot name
 * {@code MemorySegment}, so both are looked up here once, as method handles, and the loops hold an
 * array's memory as an {@code Object}: a native-order ByteBuffer (JDK 17-18) or
 * {@code MemorySegment.ofBuffer} of it (JDK 22 and later). On JDK 17-18 the methods call the
 * ByteBuffer methods directly; from JDK 22 through the handles, which are {@code static final}, so C2
 * inlines them as if the calls were written out (checked with {@code -XX:+PrintInlining}: the loads
 * and stores become the Vector API's intrinsics, no boxing). The direct calls stay unresolved on JDK
 * 22+ (a method that no longer exists is resolved only when first executed).
 *
 * <p>JDK 19 to 21 get neither: there {@code MemorySegment} is a preview API, usable only with
 * {@code --enable-preview} by classes compiled for that very release, so {@link #unavailable} says why
 * and the callers keep their plain loops (the same numbers). From JDK 22 {@code MemorySegment} is a
 * final API and {@code ofBuffer} is not a restricted method (no {@code --enable-native-access}
 * warning, unlike {@code MemorySegment.ofAddress(...).reinterpret(...)}).
 *
 * <p>Offsets are in bytes; every method is static and thread-safe. Loaded only when the JVM has
 * {@code jdk.incubator.vector} (its signatures name the vector classes).
 */
public final class VectorMemory {

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final String KIND;
    /**
     * JDK 17-18: the methods below call the ByteBuffer methods directly (the code as it was before JDK
     * 22 was served; C2 folds the test away), and use the handles only on JDK 22+.
     */
    private static final boolean BUFFERS;
    private static final String UNAVAILABLE;
    /** (ByteBuffer) -> memory. */
    private static final MethodHandle WRAP;
    /** (memory, long from, long length) -> memory. */
    private static final MethodHandle SLICE;
    /** (VectorSpecies, memory, long, ByteOrder) -> vector. */
    private static final MethodHandle LOAD_FLOATS;
    private static final MethodHandle LOAD_DOUBLES;
    /** (vector, memory, long, ByteOrder) -> void. */
    private static final MethodHandle STORE_FLOATS;
    private static final MethodHandle STORE_DOUBLES;
    /** (memory, long) -> value; (memory, long, value) -> void. */
    private static final MethodHandle GET_FLOAT;
    private static final MethodHandle PUT_FLOAT;
    private static final MethodHandle GET_DOUBLE;
    private static final MethodHandle PUT_DOUBLE;

    static {
        MethodHandle[] handles = new MethodHandle[10];
        String kind = null;
        String unavailable = null;
        try {
            if (hasByteBufferMethods()) {
                byteBuffers(handles);
                kind = "byte buffers";
            } else if (Runtime.version().feature() >= 22) {
                memorySegments(handles);
                kind = "memory segments";
            } else {
                unavailable = "on JDK " + Runtime.version().feature() + " the Vector API reads memory only through"
                        + " java.lang.foreign.MemorySegment, a preview API before JDK 22 (SIMD loops run on JDK 17-18"
                        + " and 22+)";
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            kind = null;
            unavailable = "the Vector API of JDK " + Runtime.version() + " lacks a method the SIMD loops use (" + e + ")";
        }
        KIND = kind;
        BUFFERS = "byte buffers".equals(kind);
        UNAVAILABLE = unavailable;
        WRAP = handles[0];
        SLICE = handles[1];
        LOAD_FLOATS = handles[2];
        LOAD_DOUBLES = handles[3];
        STORE_FLOATS = handles[4];
        STORE_DOUBLES = handles[5];
        GET_FLOAT = handles[6];
        PUT_FLOAT = handles[7];
        GET_DOUBLE = handles[8];
        PUT_DOUBLE = handles[9];
    }

    private VectorMemory() {
    }

    /** "byte buffers" (JDK 17-18) or "memory segments" (JDK 22+); null when {@link #unavailable}. */
    public static String kind() {
        return KIND;
    }

    /** Why this JDK's Vector API cannot serve the SIMD loops, or null when it can. */
    public static String unavailable() {
        return UNAVAILABLE;
    }

    private static boolean hasByteBufferMethods() {
        try {
            FloatVector.class.getMethod("fromByteBuffer", VectorSpecies.class, ByteBuffer.class, int.class,
                    ByteOrder.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static void byteBuffers(MethodHandle[] h) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?> bb = ByteBuffer.class;
        h[0] = MethodHandles.identity(bb);
        h[1] = lookup.findStatic(VectorMemory.class, "sliceBuffer",
                MethodType.methodType(bb, bb, int.class, int.class));
        h[2] = lookup.findStatic(FloatVector.class, "fromByteBuffer",
                MethodType.methodType(FloatVector.class, VectorSpecies.class, bb, int.class, ByteOrder.class));
        h[3] = lookup.findStatic(DoubleVector.class, "fromByteBuffer",
                MethodType.methodType(DoubleVector.class, VectorSpecies.class, bb, int.class, ByteOrder.class));
        h[4] = lookup.findVirtual(FloatVector.class, "intoByteBuffer",
                MethodType.methodType(void.class, bb, int.class, ByteOrder.class));
        h[5] = lookup.findVirtual(DoubleVector.class, "intoByteBuffer",
                MethodType.methodType(void.class, bb, int.class, ByteOrder.class));
        h[6] = lookup.findVirtual(bb, "getFloat", MethodType.methodType(float.class, int.class));
        h[7] = MethodHandles.dropReturn(lookup.findVirtual(bb, "putFloat", MethodType.methodType(bb, int.class, float.class)));
        h[8] = lookup.findVirtual(bb, "getDouble", MethodType.methodType(double.class, int.class));
        h[9] = MethodHandles.dropReturn(lookup.findVirtual(bb, "putDouble", MethodType.methodType(bb, int.class, double.class)));
        adapt(h);
    }

    /** Bytes {@code from .. from + length - 1} of a buffer, as a native-order buffer of their own. */
    @SuppressWarnings("unused") // through SLICE
    private static ByteBuffer sliceBuffer(ByteBuffer buffer, int from, int length) {
        return buffer.slice(from, length).order(ORDER);
    }

    private static void memorySegments(MethodHandle[] h) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> ofFloat = Class.forName("java.lang.foreign.ValueLayout$OfFloat");
        Class<?> ofDouble = Class.forName("java.lang.foreign.ValueLayout$OfDouble");
        Object floatLayout = valueLayout.getField("JAVA_FLOAT_UNALIGNED").get(null);
        Object doubleLayout = valueLayout.getField("JAVA_DOUBLE_UNALIGNED").get(null);
        h[0] = lookup.findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class));
        h[1] = lookup.findVirtual(segment, "asSlice", MethodType.methodType(segment, long.class, long.class));
        h[2] = lookup.findStatic(FloatVector.class, "fromMemorySegment",
                MethodType.methodType(FloatVector.class, VectorSpecies.class, segment, long.class, ByteOrder.class));
        h[3] = lookup.findStatic(DoubleVector.class, "fromMemorySegment",
                MethodType.methodType(DoubleVector.class, VectorSpecies.class, segment, long.class, ByteOrder.class));
        h[4] = lookup.findVirtual(FloatVector.class, "intoMemorySegment",
                MethodType.methodType(void.class, segment, long.class, ByteOrder.class));
        h[5] = lookup.findVirtual(DoubleVector.class, "intoMemorySegment",
                MethodType.methodType(void.class, segment, long.class, ByteOrder.class));
        h[6] = MethodHandles.insertArguments(
                lookup.findVirtual(segment, "get", MethodType.methodType(float.class, ofFloat, long.class)), 1, floatLayout);
        h[7] = MethodHandles.insertArguments(
                lookup.findVirtual(segment, "set", MethodType.methodType(void.class, ofFloat, long.class, float.class)), 1,
                floatLayout);
        h[8] = MethodHandles.insertArguments(
                lookup.findVirtual(segment, "get", MethodType.methodType(double.class, ofDouble, long.class)), 1,
                doubleLayout);
        h[9] = MethodHandles.insertArguments(
                lookup.findVirtual(segment, "set", MethodType.methodType(void.class, ofDouble, long.class, double.class)), 1,
                doubleLayout);
        adapt(h);
    }

    /**
     * Gives every handle the type the methods below invoke it with: the memory as Object, offsets as
     * long (narrowed to int for a ByteBuffer, whose arrays {@link FastElementwise#accepts} keeps below 2 GB).
     */
    private static void adapt(MethodHandle[] h) {
        Class<?> o = Object.class;
        h[0] = MethodHandles.explicitCastArguments(h[0], MethodType.methodType(o, ByteBuffer.class));
        h[1] = MethodHandles.explicitCastArguments(h[1], MethodType.methodType(o, o, long.class, long.class));
        h[2] = MethodHandles.explicitCastArguments(h[2],
                MethodType.methodType(FloatVector.class, VectorSpecies.class, o, long.class, ByteOrder.class));
        h[3] = MethodHandles.explicitCastArguments(h[3],
                MethodType.methodType(DoubleVector.class, VectorSpecies.class, o, long.class, ByteOrder.class));
        h[4] = MethodHandles.explicitCastArguments(h[4],
                MethodType.methodType(void.class, FloatVector.class, o, long.class, ByteOrder.class));
        h[5] = MethodHandles.explicitCastArguments(h[5],
                MethodType.methodType(void.class, DoubleVector.class, o, long.class, ByteOrder.class));
        h[6] = MethodHandles.explicitCastArguments(h[6], MethodType.methodType(float.class, o, long.class));
        h[7] = MethodHandles.explicitCastArguments(h[7], MethodType.methodType(void.class, o, long.class, float.class));
        h[8] = MethodHandles.explicitCastArguments(h[8], MethodType.methodType(double.class, o, long.class));
        h[9] = MethodHandles.explicitCastArguments(h[9], MethodType.methodType(void.class, o, long.class, double.class));
    }

    /**
     * The native buffer of a plain FLOAT or DOUBLE array, as the loops take it: made once per buffer
     * and shared ({@link BufferViews}), so callers only read and write it by offset.
     */
    public static Object of(INDArray array) {
        return BUFFERS ? BufferViews.bytes(array) : BufferViews.wrapped(array, VectorMemory::wrap);
    }

    /** A native-order direct buffer of the JVM's own, as the loops take memory (the buffer stays reachable from it). */
    public static Object of(ByteBuffer buffer) {
        return BUFFERS ? buffer : wrap(buffer);
    }

    private static Object wrap(ByteBuffer buffer) {
        try {
            return (Object) WRAP.invokeExact(buffer);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Bytes {@code from .. from + length - 1} of {@code memory}, as memory of their own (offset 0 is {@code from}). */
    public static Object slice(Object memory, long from, long length) {
        try {
            return (Object) SLICE.invokeExact(memory, from, length);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The floats at byte {@code offset}, one vector of {@code species}. */
    public static FloatVector floats(VectorSpecies<Float> species, Object memory, long offset) {
        try {
            if (BUFFERS) {
                return FloatVector.fromByteBuffer(species, (ByteBuffer) memory, (int) offset, ORDER);
            }
            return (FloatVector) LOAD_FLOATS.invokeExact(species, memory, offset, ORDER);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The doubles at byte {@code offset}, one vector of {@code species}. */
    public static DoubleVector doubles(VectorSpecies<Double> species, Object memory, long offset) {
        try {
            if (BUFFERS) {
                return DoubleVector.fromByteBuffer(species, (ByteBuffer) memory, (int) offset, ORDER);
            }
            return (DoubleVector) LOAD_DOUBLES.invokeExact(species, memory, offset, ORDER);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Writes {@code vector} at byte {@code offset}. */
    public static void store(FloatVector vector, Object memory, long offset) {
        try {
            if (BUFFERS) {
                vector.intoByteBuffer((ByteBuffer) memory, (int) offset, ORDER);
                return;
            }
            STORE_FLOATS.invokeExact(vector, memory, offset, ORDER);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Writes {@code vector} at byte {@code offset}. */
    public static void store(DoubleVector vector, Object memory, long offset) {
        try {
            if (BUFFERS) {
                vector.intoByteBuffer((ByteBuffer) memory, (int) offset, ORDER);
                return;
            }
            STORE_DOUBLES.invokeExact(vector, memory, offset, ORDER);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The float at byte {@code offset}. */
    public static float getFloat(Object memory, long offset) {
        try {
            if (BUFFERS) {
                return ((ByteBuffer) memory).getFloat((int) offset);
            }
            return (float) GET_FLOAT.invokeExact(memory, offset);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Writes the float at byte {@code offset}. */
    public static void putFloat(Object memory, long offset, float value) {
        try {
            if (BUFFERS) {
                ((ByteBuffer) memory).putFloat((int) offset, value);
                return;
            }
            PUT_FLOAT.invokeExact(memory, offset, value);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The double at byte {@code offset}. */
    public static double getDouble(Object memory, long offset) {
        try {
            if (BUFFERS) {
                return ((ByteBuffer) memory).getDouble((int) offset);
            }
            return (double) GET_DOUBLE.invokeExact(memory, offset);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Writes the double at byte {@code offset}. */
    public static void putDouble(Object memory, long offset, double value) {
        try {
            if (BUFFERS) {
                ((ByteBuffer) memory).putDouble((int) offset, value);
                return;
            }
            PUT_DOUBLE.invokeExact(memory, offset, value);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Throws {@code e} as it is if unchecked, else wrapped in an IllegalStateException (for {@code invokeExact}'s Throwable). */
    static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        throw new IllegalStateException(e);
    }
}
