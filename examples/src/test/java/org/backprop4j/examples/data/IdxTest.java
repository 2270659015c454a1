package org.backprop4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    /** An IDX file: zero, zero, type, rank, the sizes, then the payload as given. */
    static byte[] idx(int type, int[] dimensions, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + payload.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dimensions.length);
        for (int size : dimensions) {
            buffer.putInt(size);
        }
        return buffer.put(payload).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] counting(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 7);
        }
        return bytes;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private IOException failure(byte[] bytes) throws IOException {
        Path file = write("bad-idx", bytes);
        IOException e = assertThrows(IOException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        return e;
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        byte[] payload = counting(2 * 3 * 4);
        byte[] plain = idx(0x08, new int[] {2, 3, 4}, payload);

        Idx.Array fromPlain = Idx.read(write("plain-idx3-ubyte", plain));
        Idx.Array fromGzip = Idx.read(write("named-without-gz-suffix", gzip(plain)));

        for (Idx.Array array : new Idx.Array[] {fromPlain, fromGzip}) {
            assertArrayEquals(new int[] {2, 3, 4}, array.dimensions());
            assertArrayEquals(payload, array.elements());
            assertEquals(2, array.count());
        }
        assertEquals(255, new Idx.Array(new int[] {1}, new byte[] {(byte) 0xFF}).unsigned(0), "bytes are unsigned");
    }

    @Test
    void rejectsAFileThatIsNotIdx() throws IOException {
        IOException e = failure(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 1, 9});
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        assertTrue(e.getMessage().contains("0x50 0x4B"), e.getMessage());
    }

    @Test
    void rejectsOtherElementTypes() throws IOException {
        IOException e = failure(idx(0x0D, new int[] {1}, new byte[4]));
        assertTrue(e.getMessage().contains("0x0D (float) is not supported"), e.getMessage());
    }

    @Test
    void rejectsNoDimensionsAndNonPositiveSizes() throws IOException {
        assertTrue(failure(idx(0x08, new int[0], new byte[0])).getMessage().contains("declares 0 dimensions"));
        assertTrue(failure(idx(0x08, new int[] {3, 0}, new byte[0])).getMessage()
                .contains("dimension 1 has size 0"));
        assertTrue(failure(idx(0x08, new int[] {-5}, new byte[0])).getMessage()
                .contains("dimension 0 has size -5"));
    }

    @Test
    void rejectsAHeaderCutShort() throws IOException {
        byte[] header = idx(0x08, new int[] {10, 28, 28}, new byte[0]);
        IOException e = failure(Arrays.copyOf(header, 9));
        assertTrue(e.getMessage().contains("too short for an IDX header"), e.getMessage());
    }

    @Test
    void comparesThePlainFilesLengthWithTheHeaderBeforeReading() throws IOException {
        IOException shorter = failure(idx(0x08, new int[] {10, 28, 28}, new byte[100]));
        assertTrue(shorter.getMessage().contains("7840 bytes of data"), shorter.getMessage());
        assertTrue(shorter.getMessage().contains("truncated"), shorter.getMessage());

        IOException longer = failure(idx(0x08, new int[] {2, 2}, new byte[5]));
        assertTrue(longer.getMessage().contains("extra bytes at the end"), longer.getMessage());
    }

    @Test
    void aHeaderClaimingGigabytesFailsWithoutAllocatingThem() throws IOException {
        // 2,000,000,000 bytes declared, 16 present: plain and gzipped both fail at once
        byte[] lying = idx(0x08, new int[] {2_000_000, 1000}, new byte[16]);
        IOException plain = failure(lying);
        assertTrue(plain.getMessage().contains("2000000000 bytes of data"), plain.getMessage());

        IOException gzipped = failure(gzip(lying));
        assertTrue(gzipped.getMessage().contains("truncated"), gzipped.getMessage());
        assertTrue(gzipped.getMessage().contains("only 16 follow"), gzipped.getMessage());
    }

    @Test
    void rejectsMoreElementsThanAJavaArrayHolds() throws IOException {
        IOException e = failure(idx(0x08, new int[] {100_000, 100_000, 28}, new byte[0]));
        assertTrue(e.getMessage().contains("more than " + Idx.MAX_ELEMENTS + " elements"), e.getMessage());
    }

    @Test
    void rejectsBytesAfterTheDeclaredElementsInAGzippedFile() throws IOException {
        IOException e = failure(gzip(idx(0x08, new int[] {4}, new byte[6])));
        assertTrue(e.getMessage().contains("has bytes after the 4 declared"), e.getMessage());
    }

    @Test
    void rejectsDamagedAndTruncatedGzip() throws IOException {
        byte[] good = gzip(idx(0x08, new int[] {64, 64}, counting(64 * 64)));

        byte[] damaged = good.clone();
        for (int i = 12; i < damaged.length - 8; i++) {
            damaged[i] = (byte) ~damaged[i];
        }
        assertTrue(failure(damaged).getMessage().contains("damaged or truncated gzip"));

        byte[] cut = Arrays.copyOf(good, good.length / 2);
        assertTrue(failure(cut).getMessage().contains("damaged or truncated gzip"));

        byte[] badHeader = good.clone();
        badHeader[2] = 0x07; // compression method other than deflate
        assertTrue(failure(badHeader).getMessage().contains("gzip header is damaged"));
    }

    @Test
    void anEmptyFileIsTooShort() throws IOException {
        assertTrue(failure(new byte[0]).getMessage().contains("too short for an IDX header"));
    }

    /**
     * Issue 26: a small gzip whose content is a well-formed IDX array of 64 MiB of zeros (the red
     * team's was 1 MB expanding to 1 GiB). Expansion is capped relative to the file's size: an
     * IOException, with memory bounded by the cap rather than by the content.
     */
    @Test
    void aGzipBombIsCutOffAtTheExpansionCap() throws IOException {
        int size = 64 << 20;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(idx(0x08, new int[] {size}, new byte[0]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < size / zeros.length; i++) {
                gz.write(zeros);
            }
        }
        byte[] bomb = out.toByteArray();
        assertTrue(bomb.length < size / 500, "a bomb: " + bomb.length + " bytes");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        IOException e = failure(bomb);
        long heap = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().contains("expands to more than"), e.getMessage());
        assertTrue(heap < 32L << 20, "allocated " + (heap >> 20) + " MB of heap");
    }
}
