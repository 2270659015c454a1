package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Npy#read} on a stream far shorter than the shape it is told to expect: "truncated", with
 * memory growing only with the bytes the stream really holds (issue 26).
 */
class NpyTruncatedTest {

    /** A .npy preamble and header announcing {@code shape} of FLOAT, then {@code dataBytes} zero bytes. */
    private static byte[] claiming(long[] shape, int dataBytes) {
        byte[] header = Npy.header(DataType.FLOAT, shape).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Npy.MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length & 0xff);
        out.write(header.length >> 8);
        out.writeBytes(header);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aShortStreamIsTruncatedNotAnEightGigabyteAllocation() {
        long[] shape = {46340, 46340}; // 2,147,395,600 FLOAT elements: 8.6 GB
        byte[] bytes = claiming(shape, 64);
        long before = allocated();
        IOException e = assertThrows(IOException.class,
                () -> Npy.read(new ByteArrayInputStream(bytes), DataType.FLOAT, shape, "attack.npy"));
        long heap = allocated() - before;
        assertTrue(e.getMessage().contains("attack.npy") && e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(heap < 16L << 20, "reading 128 bytes allocated " + (heap >> 20) + " MB of heap");
    }

    @Test
    void arraysLargerThanOneBlockStillReadWhole() throws IOException {
        INDArray big = Nd4j.rand(DataType.DOUBLE, 3, 700_001); // more than two read blocks
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(big, out);
        INDArray read = Npy.read(new ByteArrayInputStream(out.toByteArray()), DataType.DOUBLE, new long[] {3, 700_001}, "big");
        assertArrayEquals(big.data().asDouble(), read.data().asDouble(), 0.0);
        INDArray floats = Nd4j.rand(DataType.FLOAT, 5, 300_007);
        out.reset();
        Npy.write(floats, out);
        read = Npy.read(new ByteArrayInputStream(out.toByteArray()), DataType.FLOAT, new long[] {5, 300_007}, "floats");
        assertArrayEquals(floats.data().asFloat(), read.data().asFloat(), 0f);
    }

    @Test
    void aDimensionOfZeroReadsAsAnEmptyArray() throws IOException { // NpyFuzzTest's first finding
        byte[] bytes = claiming(new long[] {0}, 0);
        INDArray empty = Npy.read(new ByteArrayInputStream(bytes), DataType.FLOAT, new long[] {0}, "empty.npy");
        assertArrayEquals(new long[] {0}, empty.shape());
    }

    @Test
    void aShapeWithSpaceInsideANumberIsMalformedNotANumberFormatException() { // NpyFuzzTest's second finding
        byte[] good = claiming(new long[] {2, 92, 2}, 2 * 92 * 2 * 4);
        String text = new String(good, StandardCharsets.ISO_8859_1).replace("(2, 92, 2)", "(2,9 2, 2)"); // same length
        byte[] bad = text.getBytes(StandardCharsets.ISO_8859_1);
        IOException e = assertThrows(IOException.class,
                () -> Npy.read(new ByteArrayInputStream(bad), DataType.FLOAT, new long[] {2, 92, 2}, "spaced.npy"));
        assertTrue(e.getMessage().contains("malformed .npy shape"), e.getMessage());
    }
}
