package org.backprop4j.core;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.internal.BufferCache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of one pass through a model: Keras' {@code training} flag, the random stream for
 * layers that draw numbers (Dropout), the work arrays the layers write into, and what each layer
 * keeps from its forward pass for its backward pass (its input, its output, a mask).
 *
 * <p>Because this state lives here and not in the layers, two threads that each use their own
 * context can run the same model's forward pass at once ({@code predict} makes a new context per
 * call). Training keeps one context for the whole of {@code fit}, so its work arrays are allocated
 * once and reused while the batch size stays the same: the hot path allocates nothing.
 *
 * <p>Not thread-safe: one context, one thread.
 */
public final class CallContext {

    private final boolean training;
    private final Random random;
    private final DataType dataType;
    private final Map<Object, LayerState> states = new IdentityHashMap<>();

    /** What one layer keeps in this context. */
    private static final class LayerState {
        final BufferCache buffers = new BufferCache();
        final Map<String, INDArray> kept = new HashMap<>();
    }

    /**
     * @param training Keras' {@code training} flag: true in {@code fit} (Dropout drops), false in
     *                 {@code predict} and {@code evaluate}
     * @param random the model's seeded stream, or null when nothing may draw from it (inference)
     * @param dataType the type of every work array
     */
    public CallContext(boolean training, Random random, DataType dataType) {
        this.training = training;
        this.random = random;
        this.dataType = dataType;
    }

    /** An inference context (training false, no random stream) for arrays of {@code dataType}. */
    public static CallContext inference(DataType dataType) {
        return new CallContext(false, null, dataType);
    }

    /** Keras' {@code training} flag. */
    public boolean training() {
        return training;
    }

    /**
     * The model's seeded random stream, for layers that draw numbers while training.
     *
     * @throws IllegalStateException in an inference context, which has none
     */
    public Random random() {
        if (random == null) {
            throw new IllegalStateException("An inference pass has no random stream: draw numbers only when training()");
        }
        return random;
    }

    /** The data type of the work arrays. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * A {@code (rows, columns)} work array of {@code owner}'s (a layer, the loss), allocated the
     * first time and reused after that while the shape stays the same; its contents are whatever
     * was left in it.
     */
    public INDArray buffer(Object owner, String key, long rows, long columns) {
        return state(owner).buffers.get(key, rows, columns, dataType);
    }

    /** Keeps {@code array} for {@code layer}'s backward pass (its input or output, say). */
    public void keep(Layer layer, String key, INDArray array) {
        state(layer).kept.put(key, array);
    }

    /**
     * What {@code layer} kept under {@code key} in this pass.
     *
     * @throws IllegalStateException if it kept nothing there (backward without forward)
     */
    public INDArray kept(Layer layer, String key) {
        INDArray array = state(layer).kept.get(key);
        if (array == null) {
            throw new IllegalStateException(layer.describe() + " has no '" + key
                    + "' from a forward pass in this context: backward must follow forward");
        }
        return array;
    }

    /** Forgets every kept array (not the buffers), so this context holds no reference to the caller's data. */
    public void releaseKept() {
        for (LayerState state : states.values()) {
            state.kept.clear();
        }
    }

    private LayerState state(Object owner) {
        return states.computeIfAbsent(owner, o -> new LayerState());
    }
}
