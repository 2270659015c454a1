package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

    private static byte[] write(INDArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(array, out);
        return out.toByteArray();
    }

    private static INDArray read(byte[] bytes, DataType type, long... shape) throws IOException {
        return Npy.read(new ByteArrayInputStream(bytes), type, shape, "test.npy");
    }

    @Test
    void headerIsNumpyVersionOneAlignedTo64Bytes() throws IOException {
        INDArray kernel = Nd4j.create(new double[][] {{1.5, -2}, {3, 0.25}, {-0.0, 1e-300}});
        byte[] bytes = write(kernel);

        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(bytes, 8));
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64, "magic + version + length + header is a multiple of 64");
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }"), header);
        assertTrue(header.endsWith("\n"));
        assertTrue(header.substring(0, header.length() - 1).chars().skip(60).allMatch(c -> c == ' '), "space padding");
        assertEquals(10 + headerLength + 6 * 8, bytes.length);
        assertEquals(bytes.length, Npy.fileSize(DataType.DOUBLE, new long[] {3, 2}));

        double[] data = new double[6];
        ByteBuffer.wrap(bytes, 10 + headerLength, 48).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data);
        assertArrayEquals(new double[] {1.5, -2, 3, 0.25, -0.0, 1e-300}, data, 0.0, "little-endian, row-major");
    }

    @Test
    void oneDimensionalShapeHasATrailingCommaAndFloatIsF4() throws IOException {
        byte[] bytes = write(Nd4j.create(new float[] {1f, 2f, 3f}, new long[] {3}, 'c'));
        String header = new String(bytes, 10, bytes.length - 10 - 12, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"), header);
        assertEquals(0, (bytes.length - 3 * 4) % 64, "preamble and header aligned to 64 bytes");
    }

    @Test
    void roundTripIsBitExactForDoubleAndFloat() throws IOException {
        INDArray doubles = Nd4j.create(new double[][] {{Math.PI, -Double.MIN_VALUE}, {Double.MAX_VALUE, 0.1 + 0.2}});
        INDArray back = read(write(doubles), DataType.DOUBLE, 2, 2);
        assertEquals(DataType.DOUBLE, back.dataType());
        assertArrayEquals(doubles.data().asDouble(), back.data().asDouble(), 0.0);

        INDArray floats = Nd4j.create(new float[] {(float) Math.E, -1e-30f, 7f, 0.1f}, new long[] {2, 2}, 'c');
        INDArray floatsBack = read(write(floats), DataType.FLOAT, 2, 2);
        assertEquals(DataType.FLOAT, floatsBack.dataType());
        assertArrayEquals(floats.data().asFloat(), floatsBack.data().asFloat(), 0f);
    }

    @Test
    void readIntoFillsTheTargetBitExactlyAcrossChunks() throws IOException {
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 3, 9000); // more than one 8192-element chunk
        INDArray target = Nd4j.zeros(DataType.DOUBLE, 3, 9000);
        Npy.readInto(new ByteArrayInputStream(write(doubles)), target, "test.npy");
        assertArrayEquals(doubles.data().asDouble(), target.data().asDouble(), 0.0);

        INDArray floats = Nd4j.rand(DataType.FLOAT, 8193);
        INDArray floatTarget = Nd4j.zeros(DataType.FLOAT, 8193);
        Npy.readInto(new ByteArrayInputStream(write(floats)), floatTarget, "test.npy");
        assertArrayEquals(floats.data().asFloat(), floatTarget.data().asFloat(), 0f);

        IOException shape = assertThrows(IOException.class, () -> Npy.readInto(
                new ByteArrayInputStream(write(doubles)), Nd4j.zeros(DataType.DOUBLE, 9000, 3), "test.npy"));
        assertTrue(shape.getMessage().contains("has shape [3, 9000], expected [9000, 3]"), shape.getMessage());
        byte[] truncated = Arrays.copyOf(write(floats), 4000);
        IOException cut = assertThrows(IOException.class, () -> Npy.readInto(
                new ByteArrayInputStream(truncated), Nd4j.zeros(DataType.FLOAT, 8193), "test.npy"));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }

    @Test
    void readRejectsEveryMismatchWithAMessage() throws IOException {
        byte[] good = write(Nd4j.create(new double[][] {{1, 2}, {3, 4}}));

        assertMessage("other data type", good, DataType.FLOAT, "holds data type '<f8', expected '<f4'", 2, 2);
        assertMessage("other shape", good, DataType.DOUBLE, "has shape [2, 2], expected [4, 1]", 4, 1);

        byte[] badMagic = good.clone();
        badMagic[1] = 'X';
        assertMessage("magic", badMagic, DataType.DOUBLE, "does not start with", 2, 2);

        byte[] version2 = good.clone();
        version2[6] = 2;
        assertMessage("version", version2, DataType.DOUBLE, "version 2.0", 2, 2);

        byte[] hugeHeader = good.clone();
        hugeHeader[8] = (byte) 0xff;
        hugeHeader[9] = (byte) 0xff;
        assertMessage("header length", hugeHeader, DataType.DOUBLE, "65535-byte .npy header", 2, 2);

        byte[] fortran = new String(good, StandardCharsets.ISO_8859_1).replace("False", "True ")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertMessage("fortran order", fortran, DataType.DOUBLE, "Fortran", 2, 2);

        byte[] malformed = new String(good, StandardCharsets.ISO_8859_1).replace("'shape'", "'shope'")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertMessage("malformed", malformed, DataType.DOUBLE, "malformed .npy header", 2, 2);

        assertMessage("truncated data", Arrays.copyOf(good, good.length - 3), DataType.DOUBLE, "truncated", 2, 2);
        assertMessage("truncated header", Arrays.copyOf(good, 20), DataType.DOUBLE, "truncated", 2, 2);
        assertMessage("trailing bytes", Arrays.copyOf(good, good.length + 1), DataType.DOUBLE, "bytes after", 2, 2);
        assertMessage("empty", new byte[0], DataType.DOUBLE, "truncated", 2, 2);
    }

    private static void assertMessage(String what, byte[] bytes, DataType type, String fragment, long... shape) {
        IOException e = assertThrows(IOException.class, () -> read(bytes, type, shape), what);
        assertTrue(e.getMessage().contains(fragment), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("test.npy"), what + ": names the file: " + e.getMessage());
    }
}
