package org.backprop4j.core;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.threads.BlasThreads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A copy of every weight of a model, kept in Java arrays, that can be taken and put back cheaply
 * many times during training (once an epoch, by the stop-on-NaN guard and by
 * {@link org.backprop4j.core.callbacks.EarlyStopping}).
 *
 * <p>Taking one costs a memory copy, not an ND4J call per array: the copy goes straight through a
 * view of each weight's native buffer. Weights that are not plain contiguous arrays fall back to
 * ND4J copies.
 *
 * <pre>{@code
 * WeightSnapshot best = new WeightSnapshot(model);   // bound to the model's live weights
 * best.capture();                                    // copy them now
 * ...                                                // training changes them
 * best.restore();                                    // put the copy back
 * }</pre>
 *
 * <p>Not thread-safe: one snapshot, one thread (the training thread).
 */
public final class WeightSnapshot {

    /** Runs a change of the weights under the model's write lock. */
    private final Consumer<Runnable> writeLock;
    private final List<INDArray> weights = new ArrayList<>();
    private final List<Object> views = new ArrayList<>();
    private final List<Object> copies = new ArrayList<>();
    private boolean captured;

    /** A snapshot of {@code model}'s weights, in {@link Sequential#getWeights()} order; empty until {@link #capture()}. */
    public WeightSnapshot(Sequential model) {
        this(model.parameters(), model::writeWeights);
    }

    /** A snapshot of these weights, put back through {@code writeLock} (the training loop's form). */
    WeightSnapshot(List<Parameter> parameters, Consumer<Runnable> writeLock) {
        this.writeLock = writeLock;
        for (Parameter parameter : parameters) {
            weights.add(parameter.value());
        }
        for (INDArray weight : weights) {
            int length = Math.toIntExact(weight.length());
            boolean plain = Arrays2D.isPlain(weight);
            boolean isFloat = weight.dataType() == DataType.FLOAT;
            if (plain && (isFloat || weight.dataType() == DataType.DOUBLE)) {
                views.add(isFloat ? weight.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer()
                        : weight.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer());
            } else {
                views.add(null);
            }
            copies.add(isFloat ? new float[length] : new double[length]);
        }
    }

    /** Whether this snapshot copies exactly these parameters' arrays (the same objects, in order). */
    boolean boundTo(List<Parameter> parameters) {
        if (parameters.size() != weights.size()) {
            return false;
        }
        for (int i = 0; i < weights.size(); i++) {
            if (parameters.get(i).value() != weights.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies the model's current weights into this snapshot (a long array in two halves at once where
     * {@link BlasThreads#inHalves} splits: inside a training step that uses two cores).
     */
    public void capture() {
        for (int i = 0; i < weights.size(); i++) {
            Object view = views.get(i);
            Object copy = copies.get(i);
            if (view instanceof DoubleBuffer) {
                BlasThreads.inHalves(((double[]) copy).length,
                        (half, from, to) -> ((DoubleBuffer) view).get(from, (double[]) copy, from, to - from));
            } else if (view instanceof FloatBuffer) {
                BlasThreads.inHalves(((float[]) copy).length,
                        (half, from, to) -> ((FloatBuffer) view).get(from, (float[]) copy, from, to - from));
            } else if (copy instanceof float[]) {
                copies.set(i, weights.get(i).dup('c').data().asFloat());
            } else {
                copies.set(i, Arrays2D.rowMajor(weights.get(i)));
            }
        }
        captured = true;
    }

    /**
     * Writes the captured weights back into the model, as one step that a concurrent
     * {@code predict} sees whole or not at all.
     *
     * @throws IllegalStateException if nothing was captured yet
     */
    public void restore() {
        if (!captured) {
            throw new IllegalStateException("WeightSnapshot.restore() before any capture()");
        }
        writeLock.accept(this::restoreNow);
    }

    private void restoreNow() {
        for (int i = 0; i < weights.size(); i++) {
            Object view = views.get(i);
            Object copy = copies.get(i);
            if (view instanceof DoubleBuffer) {
                ((DoubleBuffer) view).put(0, (double[]) copy);
            } else if (view instanceof FloatBuffer) {
                ((FloatBuffer) view).put(0, (float[]) copy);
            } else {
                INDArray weight = weights.get(i);
                INDArray values = copy instanceof float[] ? Nd4j.create((float[]) copy, weight.shape(), 'c')
                        : Nd4j.create((double[]) copy, weight.shape(), 'c');
                weight.assign(values.castTo(weight.dataType()));
            }
        }
    }

    /** Whether every captured value is finite (no NaN, no infinity). */
    public boolean isFinite() {
        for (Object copy : copies) {
            if (copy instanceof double[]) {
                for (double value : (double[]) copy) {
                    if (!Double.isFinite(value)) {
                        return false;
                    }
                }
            } else {
                for (float value : (float[]) copy) {
                    if (!Float.isFinite(value)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
