package org.backprop4j.core.threads;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * (another thread's product) does both halves itself. A caller that has finished its half before the
 * worker has taken the other one (the worker was parked, or the virtual machine's host had taken its
 * core away) takes it back and runs it too: a late worker then costs no more than one core would.
 * Thread-safe.
 */
public final class SecondCore {

    /** How long the worker waits for the next task before parking. */
    static final long SPIN_MICROS = 1000;
    /**
     * How long a caller that has finished its half waits for the worker to take the other before taking
     * it back: a spinning worker takes a task within a cache line's round trip between the two cores
     * (0.5-1.3 us measured on a Zen 5 VM); a parked or descheduled one takes 50 us to milliseconds.
     */
    static final long GRACE_NANOS = 5_000;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    /** The worker's half until the worker (or, if it is late, the caller) takes it. */
    private static final AtomicReference<Runnable> PENDING = new AtomicReference<>();
    private static volatile boolean done;
    private static volatile Throwable failure;
    private static Thread worker;
    private static final AtomicLong SPLITS = new AtomicLong();
    private static final AtomicLong TAKEN_BACK = new AtomicLong();

    private SecondCore() {
    }

    /**
     * Runs {@code workerHalf} on the worker thread and {@code callerHalf} on this thread at the same
     * time, and returns when both have finished; if the worker is busy with another caller's work,
     * runs both here, one after the other. The two must not touch the same memory.
     *
     * @return whether the work was split (false: the worker was busy, or had not started its half when
     *         this thread finished its own, and this thread did both halves)
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
            PENDING.set(workerHalf);
            LockSupport.unpark(thread);
            Throwable mine = null;
            try {
                callerHalf.run();
            } catch (RuntimeException | Error e) {
                mine = e;
            }
            long since = System.nanoTime();                // a worker about to take it: a cache line's round trip
            while (PENDING.get() == workerHalf && System.nanoTime() - since < GRACE_NANOS) {
                Thread.onSpinWait();
            }
            if (PENDING.compareAndSet(workerHalf, null)) { // the worker has not started it: nothing to wait for
                rethrow(mine);
                TAKEN_BACK.incrementAndGet();
                workerHalf.run();                            // here, after this thread's half
                return false;
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

    /** How many times a caller ran the worker's half itself because the worker had not started it. */
    public static long takenBack() {
        return TAKEN_BACK.get();
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

    /** Claims the pending half, if there is one: a plain read first, so that spinning does not write. */
    private static Runnable take() {
        return PENDING.get() == null ? null : PENDING.getAndSet(null);
    }

    /** The worker's loop: take a task, run it, say so, spin a while for the next, then park. */
    private static void serve() {
        long spinNanos = SPIN_MICROS * 1_000;
        while (true) {
            Runnable task = PENDING.getAndSet(null);
            if (task == null) {
                long since = System.nanoTime();
                while ((task = take()) == null && System.nanoTime() - since < spinNanos) {
                    Thread.onSpinWait();
                }
                if (task == null) {
                    LockSupport.park(SecondCore.class);
                    continue; // spurious wake-ups, unparks without work and halves taken back just loop
                }
            }
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
