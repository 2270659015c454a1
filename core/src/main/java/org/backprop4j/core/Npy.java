package org.backprop4j.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * numpy's {@code .npy} format, version 1.0, for DOUBLE ({@code '<f8'}) and FLOAT ({@code '<f4'})
 * arrays, written and read in plain Java (never by native code, so a hostile file cannot reach it).
 *
 * <p>Layout of a file:
 * <pre>
 *   bytes 0-5   magic: 0x93 'N' 'U' 'M' 'P' 'Y'
 *   bytes 6-7   version: 1, 0
 *   bytes 8-9   header length H, unsigned little-endian
 *   H bytes     header: {'descr': '&lt;f8', 'fortran_order': False, 'shape': (2, 3), }
 *               padded with spaces and ended by '\n' so that 10 + H is a multiple of 64
 *   the data    every element little-endian, in row-major ('c') order
 * </pre>
 *
 * <p>{@link #read} is strict: it is told the data type and shape it must find, checks every header
 * field against them before reading any data, and then reads exactly the bytes those imply, so a
 * file can never make it allocate more than the caller expected; and since it allocates block by
 * block as the bytes arrive, a short stream cannot make it allocate what the shape would take.
 *
 * <p>Threads: static methods without shared state: safe to call from any thread (each call with its
 * own stream).
 */
public final class Npy {

    /** The six bytes every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Magic, version and header length. */
    static final int PREAMBLE_LENGTH = 10;
    /** Headers are padded to this alignment, as numpy does. */
    static final int ALIGNMENT = 64;
    /** The longest header {@link #read} accepts; real ones are 64 to 128 bytes. */
    public static final int MAX_HEADER_LENGTH = 1024;
    /** The most elements one array may have (a Java array's limit). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int CHUNK_ELEMENTS = 8192;
    /** Elements read per block by {@link #read}: 1 Mi (8 MB of DOUBLE), allocated as the data arrives. */
    static final int BLOCK_ELEMENTS = 1 << 20;

    /** The header dictionary numpy writes, with free spacing and an optional trailing comma. */
    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*'descr'\\s*:\\s*'([^']{0,32})'\\s*,"
            + "\\s*'fortran_order'\\s*:\\s*(True|False)\\s*,"
            + "\\s*'shape'\\s*:\\s*\\(([0-9,\\s]{0,256})\\)\\s*,?\\s*\\}\\s*");

    private Npy() {
    }

    /** {@code '<f8'} for DOUBLE, {@code '<f4'} for FLOAT. */
    static String descr(DataType dataType) {
        switch (dataType) {
            case DOUBLE:
                return "<f8";
            case FLOAT:
                return "<f4";
            default:
                throw new IllegalArgumentException(".npy files here hold DOUBLE or FLOAT arrays, got " + dataType);
        }
    }

    /** Bytes per element: 8 for DOUBLE, 4 for FLOAT. */
    static int itemSize(DataType dataType) {
        return "<f8".equals(descr(dataType)) ? 8 : 4;
    }

    /** The header text numpy writes for this type and shape, padded and ended by '\n'. */
    static String header(DataType dataType, long[] shape) {
        StringBuilder shapeText = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            shapeText.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        shapeText.append(shape.length == 1 ? ",)" : ")");
        String dictionary = "{'descr': '" + descr(dataType) + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = PREAMBLE_LENGTH + dictionary.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        return dictionary + " ".repeat(padding) + "\n";
    }

    /** The size in bytes of the {@code .npy} file of an array of this type and shape. */
    static long fileSize(DataType dataType, long[] shape) {
        return PREAMBLE_LENGTH + header(dataType, shape).length() + elements(shape) * itemSize(dataType);
    }

    /** The product of the dimensions, checked against {@link #MAX_ELEMENTS}. */
    static long elements(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            if (dimension < 0 || dimension > MAX_ELEMENTS) {
                throw new IllegalArgumentException("Bad dimension " + dimension + " in shape " + Arrays.toString(shape));
            }
            count *= dimension;
            if (count > MAX_ELEMENTS) {
                throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " has more than "
                        + MAX_ELEMENTS + " elements");
            }
        }
        return count;
    }

    /**
     * Writes {@code array} as a {@code .npy} file of its own data type (DOUBLE or FLOAT) and shape.
     * Does not close {@code out}.
     *
     * @param array the array to write, DOUBLE or FLOAT
     * @param out where the bytes go
     * @throws IOException if writing to {@code out} fails
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        DataType dataType = array.dataType();
        long[] shape = array.shape();
        byte[] header = header(dataType, shape).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length);
        out.write(preamble.array());
        out.write(header);

        double[] values = Arrays2D.rowMajor(array);
        int itemSize = itemSize(dataType);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += CHUNK_ELEMENTS) {
            chunk.clear();
            int end = Math.min(values.length, start + CHUNK_ELEMENTS);
            for (int i = start; i < end; i++) {
                if (itemSize == 8) {
                    chunk.putDouble(values[i]);
                } else {
                    chunk.putFloat((float) values[i]); // exact: the values came from floats
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    /**
     * Reads a {@code .npy} file that must hold an array of exactly {@code dataType} and
     * {@code shape}, in 'c' order, and nothing after it.
     *
     * @param what how messages name the file, e.g. "weights/0_dense_kernel.npy"
     * @return a new 'c'-order array of {@code dataType} and {@code shape}
     * @throws IOException naming the problem: bad magic or version, malformed header, other data
     *         type, Fortran order, other shape, truncated data, trailing bytes
     */
    public static INDArray read(InputStream in, DataType dataType, long[] shape, String what) throws IOException {
        checkHeader(in, dataType, shape, what);
        INDArray array = readData(in, dataType, shape, what);
        requireEnd(in, shape, what);
        return array;
    }

    /**
     * As {@link #read}, but the values go straight into {@code target}, a plain 'c'-order DOUBLE or
     * FLOAT array whose type and shape the file must have: no intermediate Java array, no second
     * INDArray (a model's weights are loaded this way).
     *
     * @throws IOException as {@link #read}; {@code target} then holds part of the data
     */
    static void readInto(InputStream in, INDArray target, String what) throws IOException {
        if (!Arrays2D.isPlain(target)) {
            throw new IllegalArgumentException("readInto needs a plain 'c'-order array, got " + target.shapeInfoToString());
        }
        DataType dataType = target.dataType();
        long[] shape = target.shape();
        checkHeader(in, dataType, shape, what);
        int count = (int) elements(shape);
        int itemSize = itemSize(dataType);
        ByteBuffer destination = target.data().asNio().order(ByteOrder.nativeOrder());
        DoubleBuffer doubles = itemSize == 8 ? destination.asDoubleBuffer() : null;
        FloatBuffer floats = itemSize == 4 ? destination.asFloatBuffer() : null;
        byte[] chunk = new byte[CHUNK_ELEMENTS * itemSize];
        for (int start = 0; start < count; start += CHUNK_ELEMENTS) {
            int n = Math.min(CHUNK_ELEMENTS, count - start);
            fill(in, chunk, n * itemSize, what, "its data (" + count + " elements)");
            ByteBuffer source = ByteBuffer.wrap(chunk, 0, n * itemSize).order(ByteOrder.LITTLE_ENDIAN);
            if (doubles != null) {
                doubles.put(start, source.asDoubleBuffer(), 0, n);
            } else {
                floats.put(start, source.asFloatBuffer(), 0, n);
            }
        }
        requireEnd(in, shape, what);
    }

    private static void requireEnd(InputStream in, long[] shape, String what) throws IOException {
        if (in.read() != -1) {
            throw new IOException(what + " has bytes after the " + elements(shape) + " elements of its array");
        }
    }

    /** Reads and checks the preamble and header: they must announce exactly {@code dataType} and {@code shape}. */
    private static void checkHeader(InputStream in, DataType dataType, long[] shape, String what) throws IOException {
        byte[] preamble = readFully(in, PREAMBLE_LENGTH, what, "its preamble");
        if (!Arrays.equals(Arrays.copyOf(preamble, MAGIC.length), MAGIC)) {
            throw new IOException(what + " is not a .npy array: it does not start with \\x93NUMPY");
        }
        if (preamble[6] != 1 || preamble[7] != 0) {
            throw new IOException(what + " has .npy version " + preamble[6] + "." + preamble[7]
                    + "; only version 1.0 is read");
        }
        int headerLength = (preamble[8] & 0xff) | (preamble[9] & 0xff) << 8;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IOException(what + " declares a " + headerLength + "-byte .npy header; at most "
                    + MAX_HEADER_LENGTH + " are accepted");
        }
        String header = new String(readFully(in, headerLength, what, "its header"), StandardCharsets.ISO_8859_1);
        if (!header.endsWith("\n")) {
            throw new IOException(what + " has a .npy header that does not end with a newline");
        }
        Matcher matcher = HEADER.matcher(header);
        if (!matcher.matches()) {
            throw new IOException(what + " has a malformed .npy header: " + printable(header));
        }
        String expectedDescr = descr(dataType);
        if (!matcher.group(1).equals(expectedDescr)) {
            throw new IOException(what + " holds data type '" + matcher.group(1) + "', expected '" + expectedDescr
                    + "' (" + dataType + ")");
        }
        if (matcher.group(2).equals("True")) {
            throw new IOException(what + " is in Fortran (column-major) order; only C order is read");
        }
        long[] fileShape = parseShape(matcher.group(3), what);
        if (!Arrays.equals(fileShape, shape)) {
            throw new IOException(what + " has shape " + Arrays.toString(fileShape) + ", expected "
                    + Arrays.toString(shape));
        }
    }

    private static long[] parseShape(String text, String what) throws IOException {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return new long[0];
        }
        String[] parts = trimmed.endsWith(",") ? trimmed.substring(0, trimmed.length() - 1).split(",")
                : trimmed.split(",");
        if (parts.length == 1 && !trimmed.endsWith(",")) {
            throw new IOException(what + " has a malformed .npy shape '(" + text + ")': a 1-d shape is written (n,)");
        }
        long[] shape = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty() || part.length() > 10 || !part.matches("[0-9]+")) { // "9 2": found by NpyFuzzTest
                throw new IOException(what + " has a malformed .npy shape '(" + text + ")'");
            }
            shape[i] = Long.parseLong(part);
        }
        return shape;
    }

    /**
     * Reads the data into a new array, in blocks of at most {@link #BLOCK_ELEMENTS}: memory grows
     * with the bytes the stream really delivers, never ahead of them by more than one block, so a
     * header announcing gigabytes over a short stream ends as "truncated" after little allocation.
     * Once all the data is in, it goes into one native array (the same peak as reading into one
     * Java array and copying it, as this used to do).
     */
    private static INDArray readData(InputStream in, DataType dataType, long[] shape, String what) throws IOException {
        int count = (int) elements(shape);
        int itemSize = itemSize(dataType);
        List<ByteBuffer> blocks = new ArrayList<>();
        byte[] chunk = new byte[CHUNK_ELEMENTS * itemSize];
        for (int start = 0; start < count; start += BLOCK_ELEMENTS) {
            int blockElements = Math.min(BLOCK_ELEMENTS, count - start);
            ByteBuffer block = ByteBuffer.allocate(blockElements * itemSize);
            for (int done = 0; done < blockElements; done += CHUNK_ELEMENTS) {
                int n = Math.min(CHUNK_ELEMENTS, blockElements - done) * itemSize;
                fill(in, chunk, n, what, "its data (" + count + " elements)");
                block.put(chunk, 0, n);
            }
            blocks.add(block.flip().order(ByteOrder.LITTLE_ENDIAN));
        }
        if (count == 0) { // a dimension of 0: no buffer to fill (found by NpyFuzzTest)
            return Nd4j.create(dataType, shape);
        }
        INDArray array = Nd4j.createUninitialized(dataType, shape, 'c');
        ByteBuffer destination = array.data().asNio().order(ByteOrder.nativeOrder());
        DoubleBuffer doubles = itemSize == 8 ? destination.asDoubleBuffer() : null;
        FloatBuffer floats = itemSize == 4 ? destination.asFloatBuffer() : null;
        int at = 0;
        for (ByteBuffer block : blocks) {
            int n = block.remaining() / itemSize;
            if (doubles != null) {
                doubles.put(at, block.asDoubleBuffer(), 0, n);
            } else {
                floats.put(at, block.asFloatBuffer(), 0, n);
            }
            at += n;
        }
        return array;
    }

    private static byte[] readFully(InputStream in, int length, String what, String part) throws IOException {
        byte[] bytes = new byte[length];
        fill(in, bytes, length, what, part);
        return bytes;
    }

    private static void fill(InputStream in, byte[] bytes, int length, String what, String part) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(bytes, done, length - done);
            if (n < 0) {
                throw new EOFException(what + " is truncated: it ends inside " + part);
            }
            done += n;
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        return "\"" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
    }
}
