package org.backprop4j.core;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Work arrays allocated once per (key, shape) and reused, so that a training step allocates
 * nothing while the batch size stays the same. Bounded: after many different shapes (predict on
 * inputs of varying size, say) it starts over.
 */
final class BufferCache {

    private static final int MAX_ENTRIES = 32;

    private final Map<String, INDArray> buffers = new HashMap<>();

    /** A {@code (rows, columns)} 'c'-order array of {@code dataType}; contents are whatever was left in it. */
    INDArray get(String key, long rows, long columns, DataType dataType) {
        String id = key + '#' + rows + 'x' + columns;
        INDArray buffer = buffers.get(id);
        if (buffer == null) {
            if (buffers.size() >= MAX_ENTRIES) {
                buffers.clear();
            }
            buffer = Nd4j.create(dataType, new long[] {rows, columns}, 'c');
            buffers.put(id, buffer);
        }
        return buffer;
    }
}
