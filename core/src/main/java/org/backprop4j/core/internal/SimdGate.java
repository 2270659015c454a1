package org.backprop4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a SIMD loop from doing real work before C2 has compiled it. Until then the caller runs the
 * loop's scalar twin (the same operations, so the same bits), and the gate runs a probe: the SIMD loop
 * {@value #PROBE_CALLS} times on {@value #PROBE} elements of scratch memory, timed. The probes' calls
 * make the JIT compile the loop; the first probe at compiled speed opens the gate for good (as does
 * the {@value #MAX_CLOSED_CALLS}th call, whatever the probes say).
 * <pre>
 *   if (gate.ready(probe)) {
 *       simdLoop(data);
 *   } else {
 *       scalarLoop(data);                  // the same operations, the same bits
 *   }
 * </pre>
 *
 * <p>Why: the Vector API's vectors are values only in code that C2 compiled. The interpreter and C1
 * make every vector operation an object on the heap (about 70 bytes per float of Adam's update), run
 * the API's Java fallbacks, and make those fallbacks hot, so that C2 spends its start-up queue
 * compiling them. Fresh heap costs a page fault per 4 KB on first use (11.7 us on the 2-core virtual
 * machine of issue 22). The Fashion-MNIST tutorial's first 125 steps made 1.6-2.7 MB of garbage each
 * and took 7-10 ms (the steady step: 0.18 ms). A probe's calls are many and short because C2 compiles
 * a method after about 5,000 calls whatever they do, and a short call makes little garbage.
 *
 * <p>The probe must call the loop through a method handle that C2 does not take for a constant (one
 * held in a field or an array element): a copy of the loop inlined into the probe would be timed
 * instead of the loop the real calls run. Thread-safe: a volatile flag; a late or doubled opening is
 * harmless.
 */
public final class SimdGate {

    /** A probe: one call of the SIMD loop on scratch memory. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Throwable;
    }

    /**
     * Elements of a probe: whole vectors and a scalar tail (for vectors of 2 to 16 floats), because C2
     * compiles what the probes did, and a path they never took (the tail) would be compiled as a trap
     * that sends the first real call back to the interpreter.
     */
    public static final int PROBE = 16 + 3;
    /** Calls of the loop per probe. */
    static final int PROBE_CALLS = 16;
    /**
     * A probe faster than this per element ran compiled code. Measured on Zen 5: C2's SIMD loops
     * 0.1-1.5 ns per element, the interpreter and C1 30-200.
     */
    static final double COMPILED_NANOS_PER_ELEMENT = 8;
    /** Closed calls after which the gate opens without a fast probe. */
    static final int MAX_CLOSED_CALLS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(SimdGate.class);
    /**
     * Null: probe. The system property {@code backprop4j.test.simdGates} ({@code open} or {@code closed})
     * fixes the start, for test runs that compare the SIMD loops with the scalar ones from the first call
     * (core's and optim's builds set {@code open}).
     */
    private static volatile Boolean forced = switch (System.getProperty("backprop4j.test.simdGates", "")) {
        case "open" -> Boolean.TRUE;
        case "closed" -> Boolean.FALSE;
        default -> null;
    };

    private final String loop;
    private volatile boolean open;
    /** Calls while closed; a lost update between threads only delays the cap by a call. */
    private int closedCalls;

    /** @param loop how the log names the loop, e.g. "Adam's update" */
    public SimdGate(String loop) {
        this.loop = loop;
    }

    /**
     * Whether the SIMD loop may do this call's work. While it may not, runs {@code probe}
     * {@value #PROBE_CALLS} times and opens the gate if that ran at compiled speed.
     */
    public boolean ready(Probe probe) {
        Boolean force = forced;
        if (force != null) {
            return force;
        }
        if (open) {
            return true;
        }
        if (++closedCalls >= MAX_CLOSED_CALLS) {
            open = true;
            LOG.debug("{}: no probe at compiled speed in {} calls; the SIMD loop does the work from now on", loop,
                    closedCalls);
            return true;
        }
        long start = System.nanoTime();
        try {
            for (int i = 0; i < PROBE_CALLS; i++) {
                probe.run();
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        long nanos = System.nanoTime() - start;
        if (nanos < COMPILED_NANOS_PER_ELEMENT * PROBE * PROBE_CALLS) {
            open = true;
            LOG.debug("{}: SIMD loop compiled ({} ns for {} calls of {} elements) after {} calls; it does the work"
                    + " from now on", loop, nanos, PROBE_CALLS, PROBE, closedCalls);
        }
        return false;
    }

    /** Whether the gate is open (or forced open). */
    public boolean isOpen() {
        Boolean force = forced;
        return force != null ? force : open;
    }

    /**
     * Scratch memory for probes, as the SIMD loops take it ({@link VectorMemory}): {@code length} floats,
     * all {@code value}, in a direct buffer of the JVM's own (not an ND4J array, whose memory ND4J would
     * free once the array is unreachable while the loops still wrote to it). Keep the returned object.
     */
    public static Object scratch(int length, float value) {
        ByteBuffer floats = ByteBuffer.allocateDirect(length * Float.BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < length; i++) {
            floats.putFloat(i * Float.BYTES, value);
        }
        return VectorMemory.of(floats);
    }

    /**
     * For tests: {@code true} or {@code false} fixes what every gate answers, {@code null} goes back to
     * probing.
     *
     * @return the previous setting
     */
    public static Boolean force(Boolean isOpen) {
        Boolean previous = forced;
        forced = isOpen;
        return previous;
    }
}
