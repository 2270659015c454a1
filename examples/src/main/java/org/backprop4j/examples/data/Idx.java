package org.backprop4j.examples.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes: the format of MNIST and Fashion-MNIST, plain or gzipped.
 *
 * <p>Layout (all integers big-endian):
 * <pre>
 *   bytes 0-1   0x00 0x00
 *   byte  2     element type: 0x08 = unsigned byte (the only type read here)
 *   byte  3     number of dimensions d (1 for labels, 3 for images)
 *   then        d sizes, 4 bytes each, e.g. 60000, 28, 28
 *   then        the elements, row-major: size_0 * size_1 * ... * size_(d-1) bytes
 * </pre>
 * A gzipped file is recognised by its first two bytes (0x1F 0x8B), whatever its name.
 *
 * <p>Hostile or damaged files fail with an {@link IOException} naming the file and what is wrong:
 * wrong magic bytes, another element type, no or too many dimensions, a size of 0 or below, more
 * elements than a Java array holds, a plain file whose length differs from what the header declares
 * (checked before anything is allocated), fewer elements than declared (truncated), or bytes left
 * after them. Memory grows only with the bytes actually read, so a header that lies about its size
 * cannot make the reader allocate gigabytes; and a gzipped file may expand at most
 * {@link #MAX_GZIP_EXPANSION} times its size, so a gzip bomb fails with an IOException too.
 */
public final class Idx {

    /** The element-type byte of unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** Most dimensions accepted (the format allows up to 255; data sets use 1 to 4). */
    public static final int MAX_DIMENSIONS = 8;
    /** Largest element count: what one Java byte array can hold. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * How many times its own size a gzipped file may expand to: real IDX data (digit and clothing
     * images, labels) compresses 2 to 6 times; a gzip bomb (a megabyte of zeros that inflates to a
     * gigabyte) is cut off at this bound with an IOException, so memory stays proportional to the
     * file's size.
     */
    public static final long MAX_GZIP_EXPANSION = 100;

    private static final int GZIP_MAGIC_1 = 0x1F;
    private static final int GZIP_MAGIC_2 = 0x8B;

    private Idx() {
    }

    /**
     * The content of one IDX file.
     *
     * @param dimensions the sizes from the header, e.g. {@code [60000, 28, 28]}
     * @param elements the elements, row-major, as stored (read them with {@code & 0xFF})
     */
    public record Array(int[] dimensions, byte[] elements) {

        /** @return the first size: the number of items (images or labels) */
        public int count() {
            return dimensions[0];
        }

        /** @return the element at {@code index} as an unsigned value, 0 to 255 */
        public int unsigned(int index) {
            return elements[index] & 0xFF;
        }

        @Override
        public String toString() {
            return "IDX array " + Arrays.toString(dimensions);
        }
    }

    /**
     * Reads one IDX file of unsigned bytes, gzipped or not.
     *
     * @param file the file
     * @return its dimensions and elements
     * @throws IOException if the file cannot be read or is not a well-formed IDX file of unsigned bytes
     */
    public static Array read(Path file) throws IOException {
        long length = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzipped = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
            raw.reset();
            if (gzipped) {
                try {
                    return read(capped(gunzip(raw, file.toString()), MAX_GZIP_EXPANSION * length, file.toString(),
                            length), file.toString(), -1);
                } catch (ZipException | EOFException e) {
                    throw new IOException(file + " is a damaged or truncated gzip file: " + e.getMessage(), e);
                }
            }
            return read(raw, file.toString(), length);
        }
    }

    /**
     * Reads IDX data from a stream that is already decompressed.
     *
     * @param in the stream, positioned at the header; read to its end
     * @param source what to call the data in messages (a file name or resource)
     * @param knownLength the total number of bytes the stream holds, or -1 if unknown; when known, it
     *        is checked against the header before any element is read
     * @return the dimensions and elements
     * @throws IOException if the data is not a well-formed IDX array of unsigned bytes
     */
    public static Array read(InputStream in, String source, long knownLength) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int[] dimensions;
        long elementCount;
        try {
            int zero1 = data.readUnsignedByte();
            int zero2 = data.readUnsignedByte();
            int type = data.readUnsignedByte();
            int rank = data.readUnsignedByte();
            if (zero1 != 0 || zero2 != 0) {
                throw new IOException(source + " is not an IDX file: it must start with two zero bytes, starts with 0x"
                        + hex(zero1) + " 0x" + hex(zero2));
            }
            if (type != UNSIGNED_BYTE) {
                throw new IOException(source + ": IDX element type 0x" + hex(type) + " (" + typeName(type)
                        + ") is not supported; only unsigned bytes (0x08) are");
            }
            if (rank < 1 || rank > MAX_DIMENSIONS) {
                throw new IOException(source + ": IDX header declares " + rank + " dimensions; expected 1 to "
                        + MAX_DIMENSIONS);
            }
            dimensions = new int[rank];
            elementCount = 1;
            for (int d = 0; d < rank; d++) {
                dimensions[d] = data.readInt();
                if (dimensions[d] <= 0) {
                    throw new IOException(source + ": IDX dimension " + d + " has size " + dimensions[d]
                            + "; sizes must be positive");
                }
                elementCount *= dimensions[d];
                if (elementCount > MAX_ELEMENTS) {
                    throw new IOException(source + ": IDX header declares dimensions "
                            + Arrays.toString(Arrays.copyOf(dimensions, d + 1)) + (d + 1 < rank ? "..." : "")
                            + ", more than " + MAX_ELEMENTS + " elements");
                }
            }
        } catch (EOFException e) {
            throw new IOException(source + " is too short for an IDX header" + lengthNote(knownLength), e);
        }
        long headerBytes = 4L + 4L * dimensions.length;
        if (knownLength >= 0 && knownLength != headerBytes + elementCount) {
            throw new IOException(source + ": IDX header declares dimensions " + Arrays.toString(dimensions) + ", "
                    + elementCount + " bytes of data after the " + headerBytes + "-byte header, but the file has "
                    + knownLength + " bytes in all (" + (knownLength < headerBytes + elementCount ? "truncated"
                    : "extra bytes at the end") + ")");
        }
        byte[] elements = data.readNBytes((int) elementCount); // grows with what is read, not with the claim
        if (elements.length < elementCount) {
            throw new IOException(source + " is truncated: its IDX header declares dimensions "
                    + Arrays.toString(dimensions) + " (" + elementCount + " bytes of data) but only "
                    + elements.length + " follow");
        }
        if (data.read() != -1) {
            throw new IOException(source + " has bytes after the " + elementCount
                    + " declared by its IDX header " + Arrays.toString(dimensions));
        }
        return new Array(dimensions, elements);
    }

    /** {@code in}, failing with an IOException once more than {@code limit} bytes have come out of it. */
    private static InputStream capped(InputStream in, long limit, String source, long fileLength) {
        return new java.io.FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
                if (n > 0 && (count += n) > limit) {
                    throw new IOException(source + ": the gzipped data expands to more than " + limit + " bytes ("
                            + MAX_GZIP_EXPANSION + " times the file's " + fileLength + "), refused as a gzip bomb");
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
            }
        };
    }

    private static InputStream gunzip(InputStream raw, String source) throws IOException {
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (IOException e) {
            throw new IOException(source + " starts like a gzip file but its gzip header is damaged: "
                    + e.getMessage(), e);
        }
    }

    private static String lengthNote(long knownLength) {
        return knownLength >= 0 ? " (" + knownLength + " bytes)" : "";
    }

    private static String hex(int value) {
        return String.format("%02X", value);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown type";
        };
    }
}
