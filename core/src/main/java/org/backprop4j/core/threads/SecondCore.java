package org.backprop4j.core.threads;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker thread that takes half of a large piece of work (a matrix product's columns, half of an
 * Adam update) while the calling thread does the other half: how backprop4j uses a second core in a
 * training step ({@link BlasThreads}, {@link SplitTrial}). Each half is ordinary one-thread code, so
 * an element-wise update and a DOUBLE product give exactly the bits they give unsplit; a FLOAT
 * product may differ in the last bits, as it does with OpenBLAS's own threads ({@code Gemm.split}).
 *
 * <p>The worker is a daemon thread, started on first use. After a task it spins for
 * {@value #SPIN_MICROS} us waiting for the next one (the products of a training step come tens of
 * microseconds apart), then parks. One caller at a time uses it: a caller that finds it busy
 * (another thread's product) does both halves itself. Thread-safe.
 */
public final class SecondCore {

    /** How long the worker waits for the next task before parking. */
    static final long SPIN_MICROS = 1000;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static volatile Runnable pending;
    private static volatile boolean done;
    private static volatile Throwable failure;
    private static Thread worker;
    private static final AtomicLong SPLITS = new AtomicLong();

    private SecondCore() {
    }

    /**
     * Runs {@code workerHalf} on the worker thread and {@code callerHalf} on this thread at the same
     * time, and returns when both have finished; if the worker is busy with another caller's work,
     * runs both here, one after the other. The two must not touch the same memory.
     *
     * @return whether the work was split (false: the worker was busy and this thread did both halves)
     * @throws RuntimeException or Error: what either half threw
     */
    public static boolean run(Runnable workerHalf, Runnable callerHalf) {
        if (!BUSY.compareAndSet(false, true)) {
            workerHalf.run();
            callerHalf.run();
            return false;
        }
        try {
            Thread thread = worker();
            failure = null;
            done = false;
            pending = workerHalf;
            LockSupport.unpark(thread);
            Throwable mine = null;
            try {
                callerHalf.run();
            } catch (RuntimeException | Error e) {
                mine = e;
            }
            while (!done) {
                Thread.onSpinWait();
            }
            SPLITS.incrementAndGet();
            Throwable theirs = failure;
            rethrow(mine != null ? mine : theirs);
            return true;
        } finally {
            BUSY.set(false);
        }
    }

    /** How many pieces of work have been split across the two threads since the JVM started. */
    public static long splits() {
        return SPLITS.get();
    }

    private static void rethrow(Throwable problem) {
        if (problem instanceof RuntimeException) {
            throw (RuntimeException) problem;
        }
        if (problem instanceof Error) {
            throw (Error) problem;
        }
        if (problem != null) {
            throw new IllegalStateException("The second core's half failed", problem);
        }
    }

    private static synchronized Thread worker() {
        if (worker == null) {
            worker = new Thread(SecondCore::serve, "backprop4j-second-core");
            worker.setDaemon(true);
            worker.start();
        }
        return worker;
    }

    /** The worker's loop: take a task, run it, say so, spin a while for the next, then park. */
    private static void serve() {
        long spinNanos = SPIN_MICROS * 1_000;
        while (true) {
            Runnable task = pending;
            if (task == null) {
                long since = System.nanoTime();
                while ((task = pending) == null && System.nanoTime() - since < spinNanos) {
                    Thread.onSpinWait();
                }
                if (task == null) {
                    LockSupport.park(SecondCore.class);
                    continue; // spurious wake-ups and unparks without work just loop
                }
            }
            pending = null;
            try {
                task.run();
            } catch (Throwable t) { // handed to the caller, which rethrows it
                failure = t;
            } finally {
                done = true;
            }
        }
    }
}
