package org.backprop4j.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each entry of a zip archive really lies, read from the archive's own records rather than
 * taken from the zip library, which tolerates data before the archive (self-extracting files),
 * after it, and sizes that nothing checks against the file.
 *
 * <p>A model file (as {@code ZipOutputStream} writes it) is a strict sequence, and this checks
 * exactly that:
 * <pre>
 *   offset 0      entry 1: local header (30 bytes + name + extra), its compressed bytes,
 *                          a data descriptor (16 or 24 bytes) when its flag bit 3 is set
 *                 entry 2, ... each starting where the one before ends
 *                 the central directory: one header per entry (46 bytes + name + extra + comment)
 *                 [zip64 end record and its locator]
 *   end - 22 - c  the end record (22 bytes) and its comment of c bytes, ending at the file's end
 * </pre>
 * Because the entries tile the file without gaps or overlaps, the compressed size each one
 * declares is the number of bytes it really occupies: the only size a loader can trust before
 * reading (see {@link ModelArchive#planArray}). Every failure is an IOException saying what does
 * not fit.
 */
final class ZipLayout {

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64 = 0x06064b50;
    private static final int END64_LOCATOR = 0x07064b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final long MAGIC32 = 0xFFFFFFFFL;
    /** The largest central directory read: far above a model file's (a few hundred bytes per entry). */
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;

    /** One entry: its name, method (0 stored, 8 deflated), sizes, CRC-32 and where its local header is. */
    record Entry(String name, int method, long compressedSize, long size, long crc, long offset) {
    }

    private final FileChannel file;
    private final long length;

    private ZipLayout(FileChannel file, long length) {
        this.file = file;
        this.length = length;
    }

    /**
     * The entries of the zip archive in {@code file}, in central-directory order, after checking
     * that they and the directory fill the file exactly.
     *
     * @throws IOException naming what does not fit: data before or after the archive, a gap or an
     *         overlap between entries, a local header that disagrees with the directory
     */
    static Map<String, Entry> read(FileChannel file) throws IOException {
        return new ZipLayout(file, file.size()).entries();
    }

    private Map<String, Entry> entries() throws IOException {
        if (length < 22) {
            throw new IOException("the file is too short (" + length + " bytes) for a zip archive");
        }
        long end = endRecord();
        ByteBuffer record = bytes(end, 22);
        long count = record.getShort(10) & 0xffff;
        long directorySize = record.getInt(12) & MAGIC32;
        long directoryOffset = record.getInt(16) & MAGIC32;
        long directoryEnd = end;
        if (end >= 20 && bytes(end - 20, 4).getInt(0) == END64_LOCATOR) {
            long end64 = bytes(end - 20, 20).getLong(8);
            if (end64 < 0 || end64 > end - 20 - 56) {
                throw new IOException("the zip64 end record's offset " + end64 + " lies outside the archive");
            }
            ByteBuffer record64 = bytes(end64, 56);
            if (record64.getInt(0) != END64 || record64.getLong(4) + 12 != end - 20 - end64) {
                throw new IOException("the zip64 end record at " + end64 + " is not followed by its locator");
            }
            count = record64.getLong(32);
            directorySize = record64.getLong(40);
            directoryOffset = record64.getLong(48);
            directoryEnd = end64;
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize != directoryEnd) {
            long gap = directoryEnd - directorySize - directoryOffset;
            throw new IOException(gap > 0 ? "the file holds " + gap + " bytes before the zip archive"
                    : "the central directory (offset " + directoryOffset + ", " + directorySize
                    + " bytes) does not end where the end record begins");
        }
        if (directorySize > MAX_DIRECTORY_BYTES) {
            throw new IOException("the central directory takes " + directorySize + " bytes; at most "
                    + MAX_DIRECTORY_BYTES + " are read");
        }
        List<Entry> entries = directory(bytes(directoryOffset, (int) directorySize), count);
        checkTiling(entries, directoryOffset);
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (byName.put(entry.name(), entry) != null) {
                throw new IOException("the archive has two entries named '" + entry.name() + "'");
            }
        }
        return byName;
    }

    /** The position of the end record that ends exactly at the end of the file. */
    private long endRecord() throws IOException {
        long lowest = Math.max(0, length - 22 - 0xffff);
        ByteBuffer tail = bytes(lowest, (int) (length - lowest));
        boolean anyEnd = false;
        for (int i = tail.limit() - 22; i >= 0; i--) {
            if (tail.getInt(i) == END) {
                anyEnd = true;
                if (lowest + i + 22 + (tail.getShort(i + 20) & 0xffff) == length) {
                    return lowest + i;
                }
            }
        }
        throw new IOException(anyEnd ? "the file holds data after the zip archive's end record"
                : "no zip end record ends the file");
    }

    private List<Entry> directory(ByteBuffer directory, long count) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        while (at < directory.limit()) {
            if (directory.limit() - at < 46 || directory.getInt(at) != CENTRAL) {
                throw new IOException("the central directory is damaged at its byte " + at);
            }
            int flags = directory.getShort(at + 8) & 0xffff;
            int method = directory.getShort(at + 10) & 0xffff;
            long crc = directory.getInt(at + 16) & MAGIC32;
            long compressed = directory.getInt(at + 20) & MAGIC32;
            long size = directory.getInt(at + 24) & MAGIC32;
            int nameLength = directory.getShort(at + 28) & 0xffff;
            int extraLength = directory.getShort(at + 30) & 0xffff;
            int commentLength = directory.getShort(at + 32) & 0xffff;
            long offset = directory.getInt(at + 42) & MAGIC32;
            int next = at + 46 + nameLength + extraLength + commentLength;
            if (next > directory.limit()) {
                throw new IOException("the central directory is damaged at its byte " + at);
            }
            if ((flags & 1) != 0 || (method != 0 && method != 8)) {
                throw new IOException("entry " + entries.size() + " is encrypted or uses compression method " + method
                        + "; a model file's entries are stored or deflated");
            }
            String name = text(directory, at + 46, nameLength);
            long[] wide = zip64(directory, at + 46 + nameLength, extraLength, size, compressed, offset);
            entries.add(new Entry(name, method, wide[1], wide[0], crc, wide[2]));
            at = next;
        }
        if (entries.size() != count) {
            throw new IOException("the end record counts " + count + " entries, the central directory holds "
                    + entries.size());
        }
        return entries;
    }

    /** Size, compressed size and offset, each replaced by the zip64 extra field's when it is 0xFFFFFFFF. */
    private static long[] zip64(ByteBuffer buffer, int extra, int extraLength, long size, long compressed, long offset)
            throws IOException {
        long[] values = {size, compressed, offset};
        if (size != MAGIC32 && compressed != MAGIC32 && offset != MAGIC32) {
            return values;
        }
        for (int at = extra; at + 4 <= extra + extraLength; ) {
            int id = buffer.getShort(at) & 0xffff;
            int fieldLength = buffer.getShort(at + 2) & 0xffff;
            if (at + 4 + fieldLength > extra + extraLength) {
                break;
            }
            if (id == 1) {
                int read = at + 4;
                for (int i = 0; i < 3; i++) {
                    if (values[i] == MAGIC32) {
                        if (read + 8 > at + 4 + fieldLength) {
                            throw new IOException("a zip64 extra field is too short");
                        }
                        values[i] = buffer.getLong(read);
                        read += 8;
                        if (values[i] < 0) {
                            throw new IOException("a zip64 extra field holds a negative size or offset");
                        }
                    }
                }
                return values;
            }
            at += 4 + fieldLength;
        }
        throw new IOException("an entry's size is 0xFFFFFFFF without a zip64 extra field");
    }

    /** Entries, in file order, must follow one another from offset 0 to the central directory. */
    private void checkTiling(List<Entry> entries, long directoryOffset) throws IOException {
        List<Entry> inFileOrder = new ArrayList<>(entries);
        inFileOrder.sort(Comparator.comparingLong(Entry::offset));
        long expected = 0;
        for (Entry entry : inFileOrder) {
            if (entry.offset() != expected) {
                throw new IOException(expected == 0 ? "the file holds " + entry.offset() + " bytes before the zip archive"
                        : "entry '" + entry.name() + "' starts at " + entry.offset() + ", not where the entry before"
                        + " it ends (" + expected + ")");
            }
            expected = entryEnd(entry, directoryOffset);
        }
        if (expected != directoryOffset) {
            throw new IOException("the entries end at " + expected + ", the central directory starts at " + directoryOffset);
        }
    }

    /** Checks {@code entry}'s local header against the directory; returns where its record ends. */
    private long entryEnd(Entry entry, long limit) throws IOException {
        if (entry.offset() + 30 > limit) {
            throw new IOException("entry '" + entry.name() + "' starts past the entries' area");
        }
        ByteBuffer local = bytes(entry.offset(), 30);
        int flags = local.getShort(6) & 0xffff;
        int nameLength = local.getShort(26) & 0xffff;
        int extraLength = local.getShort(28) & 0xffff;
        if (local.getInt(0) != LOCAL || (local.getShort(8) & 0xffff) != entry.method()
                || entry.offset() + 30 + nameLength + extraLength > limit
                || !text(bytes(entry.offset() + 30, nameLength), 0, nameLength).equals(entry.name())) {
            throw new IOException("entry '" + entry.name() + "': its local header disagrees with the central directory");
        }
        long data = entry.offset() + 30 + nameLength + extraLength;
        if (entry.compressedSize() > limit - data) {
            throw new IOException("entry '" + entry.name() + "' declares " + entry.compressedSize()
                    + " compressed bytes, more than the archive holds after its header");
        }
        long end = data + entry.compressedSize();
        if ((flags & 8) == 0) {
            long size = local.getInt(22) & MAGIC32;
            long compressed = local.getInt(18) & MAGIC32;
            if ((local.getInt(14) & MAGIC32) != entry.crc()
                    || (size != MAGIC32 && size != entry.size()) || (compressed != MAGIC32 && compressed != entry.compressedSize())) {
                throw new IOException("entry '" + entry.name() + "': its local header's sizes or CRC disagree with the"
                        + " central directory");
            }
            return end;
        }
        boolean wide = entry.size() >= MAGIC32 || entry.compressedSize() >= MAGIC32;
        int descriptorLength = wide ? 24 : 16;
        if (end + descriptorLength > limit) {
            throw new IOException("entry '" + entry.name() + "' has no room for its data descriptor");
        }
        ByteBuffer descriptor = bytes(end, descriptorLength);
        long compressed = wide ? descriptor.getLong(8) : descriptor.getInt(8) & MAGIC32;
        long size = wide ? descriptor.getLong(16) : descriptor.getInt(12) & MAGIC32;
        if (descriptor.getInt(0) != DESCRIPTOR || (descriptor.getInt(4) & MAGIC32) != entry.crc()
                || compressed != entry.compressedSize() || size != entry.size()) {
            throw new IOException("entry '" + entry.name() + "': its data descriptor disagrees with the central directory");
        }
        return end + descriptorLength;
    }

    private static String text(ByteBuffer buffer, int at, int length) {
        byte[] bytes = new byte[length];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code count} bytes of the file from {@code position}, little-endian. */
    private ByteBuffer bytes(long position, int count) throws IOException {
        if (position < 0 || count < 0 || position + count > length) {
            throw new IOException("a zip record at " + position + " runs past the end of the file");
        }
        ByteBuffer buffer = ByteBuffer.allocate(count).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended while reading a zip record at " + position);
            }
        }
        return buffer.flip();
    }
}
