package org.backprop4j.core.internal;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Work arrays allocated once per (key, shape) and reused, so that a training step allocates
 * nothing while the batch size stays the same. Bounded: after many different shapes (predict on
 * inputs of varying size, say) it starts over. The array last returned for each key is checked
 * first, so the common case (same batch size as last time) costs one map look-up and no string.
 *
 * <p>Threads: not thread-safe: each belongs to one {@link org.backprop4j.core.CallContext}, used by
 * one thread.
 */
public final class BufferCache {

    private static final int MAX_ENTRIES = 32;

    private final Map<String, INDArray> buffers = new HashMap<>();
    private final Map<String, INDArray> latest = new HashMap<>();

    /** A {@code (rows, columns)} 'c'-order array of {@code dataType}; contents are whatever was left in it. */
    public INDArray get(String key, long rows, long columns, DataType dataType) {
        INDArray last = latest.get(key);
        if (last != null && last.rows() == rows && last.columns() == columns && last.dataType() == dataType) {
            return last;
        }
        String id = key + '#' + rows + 'x' + columns + '#' + dataType;
        INDArray buffer = buffers.get(id);
        if (buffer == null) {
            if (buffers.size() >= MAX_ENTRIES) {
                buffers.clear();
            }
            buffer = Nd4j.create(dataType, new long[] {rows, columns}, 'c');
            buffers.put(id, buffer);
        }
        latest.put(key, buffer);
        return buffer;
    }
}
