package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link BufferViews} gives what {@code asNio()} and {@code addressPointer()} give, made once per
 * buffer; {@link Arrays2D#rowMajorScratch} reuses its arrays per slot; neither allocates once warm.
 */
class BufferViewsTest {

    private static long addressOf(INDArray array) {
        Pointer pointer = array.data().addressPointer();
        return pointer.address() + pointer.position() * array.data().getElementSize();
    }

    @Test
    void theBytesAndAddressAreThoseOfTheBufferAndMadeOnce() {
        INDArray floats = Nd4j.rand(DataType.FLOAT, 8, 10);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 4, 4);
        for (INDArray array : new INDArray[] {floats, doubles}) {
            ByteBuffer bytes = BufferViews.bytes(array);
            assertSame(bytes, BufferViews.bytes(array), "the second call returns the same view");
            assertEquals(array.data().asNio().capacity(), bytes.capacity());
            assertEquals(addressOf(array), BufferViews.address(array));
            int size = (int) array.data().getElementSize();
            for (int i = 0; i < array.length(); i++) {
                double expected = array.data().getDouble(i);
                double read = size == 4 ? bytes.getFloat(i * size) : bytes.getDouble(i * size);
                assertEquals(expected, read, 0.0, "element " + i);
            }
        }
        assertNotSame(BufferViews.bytes(floats), BufferViews.bytes(doubles));
    }

    @Test
    void aViewsAddressIsWhereItsElementsStart() {
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 8, 10);
        INDArray rows = matrix.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        assertEquals(addressOf(rows), BufferViews.address(rows));
        assertEquals(BufferViews.address(matrix) + 20 * Float.BYTES, BufferViews.address(rows), "row 2 of 10 columns");
        INDArray row = Nd4j.rand(DataType.DOUBLE, 4, 4).getRow(2);
        assertEquals(addressOf(row), BufferViews.address(row));
    }

    @Test
    void writesThroughTheViewReachTheArray() {
        INDArray array = Nd4j.zeros(DataType.FLOAT, 3, 4);
        BufferViews.bytes(array).putFloat(5 * Float.BYTES, 2.5f);
        assertEquals(2.5f, array.getFloat(1, 1));
    }

    @Test
    void scratchRowsAreReusedPerSlotAndHoldTheValues() {
        INDArray p = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 3);
        double[] first = Arrays2D.rowMajorScratch(p, 0);
        double[] second = Arrays2D.rowMajorScratch(y, 1);
        assertNotSame(first, second, "two slots, two arrays");
        assertArrayEquals(p.data().asDouble(), first, 1e-7);
        assertArrayEquals(y.data().asDouble(), second, 1e-7);
        assertSame(first, Arrays2D.rowMajorScratch(y, 0), "slot 0 again: the same array, overwritten");
        assertArrayEquals(y.data().asDouble(), first, 1e-7);
        assertEquals(5, Arrays2D.rowMajorScratch(Nd4j.rand(DataType.FLOAT, 1, 5), 0).length, "a new length, a new array");
        assertNotSame(Arrays2D.rowMajor(p), Arrays2D.rowMajor(p), "rowMajor itself still returns a new array");
        int large = Arrays2D.SCRATCH_MAX + 1;
        assertNotSame(Arrays2D.scratch(0, large), Arrays2D.scratch(0, large), "large arrays are not kept");
    }

    @Test
    void warmCallsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        INDArray array = Nd4j.rand(DataType.FLOAT, 32, 10);
        long sum = 0;
        for (int i = 0; i < 20_000; i++) { // let the JIT compile the calls
            sum += BufferViews.address(array) + BufferViews.bytes(array).capacity() + Arrays2D.rowMajorScratch(array, 2).length;
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            sum += BufferViews.address(array) + BufferViews.bytes(array).capacity() + Arrays2D.rowMajorScratch(array, 2).length;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sum != 0);
        // asNio() alone allocates 112 bytes a call and addressPointer() 150-190: 1,000 calls would be 260 KB
        assertTrue(allocated < 16_000, "1,000 warm calls allocated " + allocated + " bytes");
    }
}
