package org.backprop4j.core.internal;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * JavaCPP pointers that a thread re-aims at each BLAS call's operands instead of making new ones:
 * every {@code new FloatPointer(base).position(offset)} was an object of garbage per operand per call
 * (see {@link BufferViews} for what garbage costs). Each thread has {@value #PER_THREAD} float and
 * {@value #PER_THREAD} double pointers; a call takes them by index (A, B, C, ...) and is done with
 * them when it returns, so nothing is shared between threads and a later call on the same thread may
 * re-aim them. They own no memory.
 */
public final class ScratchPointers {

    static final int PER_THREAD = 3;

    private static final ThreadLocal<ScratchPointers> MINE = ThreadLocal.withInitial(ScratchPointers::new);

    private final Floats[] floats = new Floats[PER_THREAD];
    private final Doubles[] doubles = new Doubles[PER_THREAD];

    private ScratchPointers() {
        for (int i = 0; i < PER_THREAD; i++) {
            floats[i] = new Floats();
            doubles[i] = new Doubles();
        }
    }

    /** This thread's float pointer number {@code index}, aimed at {@code address}. */
    public static FloatPointer floats(int index, long address) {
        return MINE.get().floats[index].at(address);
    }

    /** This thread's double pointer number {@code index}, aimed at {@code address}. */
    public static DoublePointer doubles(int index, long address) {
        return MINE.get().doubles[index].at(address);
    }

    private static final class Floats extends FloatPointer {
        Floats() {
            super((Pointer) null);
        }

        Floats at(long target) {
            address = target;
            position = 0;
            limit = 0;
            capacity = 0;
            return this;
        }
    }

    private static final class Doubles extends DoublePointer {
        Doubles() {
            super((Pointer) null);
        }

        Doubles at(long target) {
            address = target;
            position = 0;
            limit = 0;
            capacity = 0;
            return this;
        }
    }
}
