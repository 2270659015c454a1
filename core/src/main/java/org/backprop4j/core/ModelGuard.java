package org.backprop4j.core;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The thread rules of one {@link Sequential}, in one place:
 * <ul>
 *   <li>inference passes ({@code predict}, {@code evaluate}, {@code layerOutputs},
 *       {@code getWeights}, {@code save}) read the weights under a read lock, so any number run
 *       at once;</li>
 *   <li>whatever writes weights (an optimizer step, {@code setWeights}, a snapshot restore) holds
 *       the write lock, so a reader sees the weights before or after a step, never a mix;</li>
 *   <li>one training call ({@code fit}, {@code trainOnBatch}, {@code gradients}) at a time, and
 *       building ({@code add}, {@code compile}) is refused while one runs.</li>
 * </ul>
 * Package-private: {@code docs/threads.md} states the contract users see.
 */
final class ModelGuard {

    /** An action that may throw an IOException (saving). */
    interface IoAction {
        void run() throws IOException;
    }

    private final ReentrantReadWriteLock weightsLock = new ReentrantReadWriteLock();
    /** The thread in fit, trainOnBatch or gradients, or null. */
    private final AtomicReference<Thread> trainingThread = new AtomicReference<>();

    /** Claims the model for one training call, or refuses a second one (another thread's, or a callback's). */
    void beginTraining(String operation) {
        Thread current = Thread.currentThread();
        if (!trainingThread.compareAndSet(null, current)) {
            Thread running = trainingThread.get();
            throw new IllegalStateException("Cannot " + operation + ": the model is already training"
                    + (running == current ? " (called from inside fit on the same thread)"
                    : running == null ? "" : " on thread '" + running.getName() + "'")
                    + "; one fit, trainOnBatch or gradients call at a time per model");
        }
    }

    /** Ends the training call {@link #beginTraining} claimed. */
    void endTraining() {
        trainingThread.set(null);
    }

    /** Whether the calling thread is inside a training call (a callback of fit's, say). */
    boolean trainingOnThisThread() {
        return trainingThread.get() == Thread.currentThread();
    }

    /** Refuses to change the model's structure while it trains (e.g. from a callback). */
    void requireNotTraining(String operation) {
        Thread running = trainingThread.get();
        if (running != null) {
            throw new IllegalStateException("Cannot " + operation + " while the model is training (fit, trainOnBatch"
                    + " or gradients is running on thread '" + running.getName() + "'); do it before or after fit");
        }
    }

    /** Runs {@code change} (an optimizer step, a weight restore) while no inference pass reads the weights. */
    void write(Runnable change) {
        weightsLock.writeLock().lock();
        try {
            change.run();
        } finally {
            weightsLock.writeLock().unlock();
        }
    }

    /** Computes {@code read} while no step changes the weights. */
    <T> T read(Supplier<T> read) {
        weightsLock.readLock().lock();
        try {
            return read.get();
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    /** Runs {@code action} (a save) while no step changes the weights. */
    void readIo(IoAction action) throws IOException {
        weightsLock.readLock().lock();
        try {
            action.run();
        } finally {
            weightsLock.readLock().unlock();
        }
    }
}
