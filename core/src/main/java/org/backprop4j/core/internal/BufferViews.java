package org.backprop4j.core.internal;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ND4J buffer's memory as Java code reads it, made once per buffer rather than once per call: a
 * native-order {@link ByteBuffer} over it and its native address.
 *
 * <p>Why: ND4J builds a new {@code ByteBuffer} through JNI on every {@code asNio()} (112 bytes of heap)
 * and two new {@code Pointer} objects on every {@code addressPointer()} (150-190 bytes). A training
 * step calls them a few dozen times on the same weights, slots and cached activations, which came to
 * 19 KB of garbage per step of the Fashion-MNIST tutorial. Garbage is not free even when the
 * collector's work is: the JVM hands out fresh heap pages, and the first write to a page costs a
 * page fault, 11.7 us per 4 KB page on the 2-core virtual machine of issue 22 (0.06 us once touched).
 *
 * <p>The table has {@value #SLOTS} slots chosen by the buffer's identity. An entry holds its buffer
 * weakly (it never keeps ND4J memory alive) and remembers the buffer's base address, so a buffer
 * whose memory moved gets a new entry. Entries are immutable and published whole, so any thread may
 * read the table; two threads missing at once both build an entry and one wins, which is harmless.
 *
 * <p>The ByteBuffers are <b>shared</b>: callers read and write them only by absolute index
 * ({@code getFloat(at)}, {@code put(at, src, from, length)}) and never change their position, limit
 * or order. They span what {@code asNio()} spans (the buffer from its offset).
 */
public final class BufferViews {

    static final int SLOTS = 256;

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final Entry[] TABLE = new Entry[SLOTS];

    private BufferViews() {
    }

    private static final class Entry {
        final WeakReference<DataBuffer> owner;
        final long base;
        final long address;
        final ByteBuffer bytes;
        /** A wrapper of {@link #bytes} (a MemorySegment on JDK 22+), made on first request. */
        volatile Object wrapped;

        Entry(DataBuffer owner, long base, long address, ByteBuffer bytes) {
            this.owner = new WeakReference<>(owner);
            this.base = base;
            this.address = address;
            this.bytes = bytes;
        }
    }

    private static Entry entry(DataBuffer data) {
        int slot = System.identityHashCode(data) & (SLOTS - 1);
        long base = data.address();
        Entry entry = TABLE[slot];
        if (entry != null && entry.owner.get() == data && entry.base == base) {
            return entry;
        }
        Pointer pointer = data.addressPointer();
        long address = pointer.address() + pointer.position() * data.getElementSize();
        entry = new Entry(data, base, address, data.asNio().order(ORDER));
        TABLE[slot] = entry;
        return entry;
    }

    /** The native-order bytes of {@code array}'s buffer, as {@code array.data().asNio()}; shared, absolute access only. */
    public static ByteBuffer bytes(INDArray array) {
        return entry(array.data()).bytes;
    }

    /**
     * The address of {@code array}'s first buffer element, as {@code array.data().addressPointer()}
     * addresses it (a view's buffer starts at its offset).
     */
    public static long address(INDArray array) {
        return entry(array.data()).address;
    }

    /**
     * {@code wrap} applied to {@link #bytes}, made once per buffer and kept beside it (the SIMD loops'
     * memory segment on JDK 22+). {@code wrap} must be the same function at every call.
     */
    public static Object wrapped(INDArray array, Function<ByteBuffer, Object> wrap) {
        Entry entry = entry(array.data());
        Object wrapped = entry.wrapped;
        if (wrapped == null) {
            wrapped = wrap.apply(entry.bytes);
            entry.wrapped = wrapped;
        }
        return wrapped;
    }
}
