package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZipLayout: the entries of a zip tile its file exactly, as the JDK's ZipOutputStream writes them. */
class ZipLayoutTest {

    @TempDir
    Path dir;

    private static byte[] zip(int entries, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries; i++) {
                byte[] content = ("entry " + i).repeat(i % 5 + 1).getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry("e" + i);
                entry.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    entry.setSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private Map<String, ZipLayout.Entry> layout(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("test.zip"), bytes);
        try (FileChannel channel = FileChannel.open(file)) {
            return ZipLayout.read(channel);
        }
    }

    /** The layout agrees with the JDK's reading of the same file, entry by entry. */
    private void agreesWithTheJdk(byte[] bytes) throws IOException {
        Map<String, ZipLayout.Entry> entries = layout(bytes);
        try (ZipFile zip = new ZipFile(dir.resolve("test.zip").toFile())) {
            assertEquals(zip.size(), entries.size());
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                ZipLayout.Entry mine = entries.get(entry.getName());
                assertEquals(entry.getSize(), mine.size(), entry.getName());
                assertEquals(entry.getCompressedSize(), mine.compressedSize(), entry.getName());
                assertEquals(entry.getCrc(), mine.crc(), entry.getName());
                assertEquals(entry.getMethod(), mine.method(), entry.getName());
            }
        }
    }

    @Test
    void deflatedAndStoredArchivesAsTheJdkWritesThem() throws IOException {
        agreesWithTheJdk(zip(7, ZipEntry.DEFLATED));
        agreesWithTheJdk(zip(7, ZipEntry.STORED));
    }

    @Test
    void moreThan65535EntriesUseTheZip64EndRecord() throws IOException {
        byte[] bytes = zip(70_000, ZipEntry.STORED);
        assertEquals(70_000, layout(bytes).size());
    }

    @Test
    void zip64ExtraFieldsGiveTheSizes() throws IOException {
        byte[] content = "zip64 sizes".getBytes(StandardCharsets.US_ASCII);
        byte[] name = "big.npy".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(content);
        ByteBuffer extra = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1).putShort((short) 16).putLong(content.length).putLong(content.length);
        ByteBuffer file = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) name.length).putShort((short) 20)
                .put(name).put(extra.array()).put(content);
        int directory = file.position();
        file.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) name.length)
                .putShort((short) 20).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                .put(name).put(extra.array());
        int directoryEnd = file.position();
        file.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(directoryEnd - directory).putInt(directory).putShort((short) 0);
        byte[] bytes = java.util.Arrays.copyOf(file.array(), file.position());
        agreesWithTheJdk(bytes);
        assertEquals(content.length, layout(bytes).get("big.npy").compressedSize());
    }

    @Test
    void dataBeforeAfterOrBetweenEntriesIsRefused() throws IOException {
        byte[] good = zip(3, ZipEntry.DEFLATED);
        byte[] prefixed = new byte[good.length + 10];
        System.arraycopy(good, 0, prefixed, 10, good.length);
        assertTrue(assertThrows(IOException.class, () -> layout(prefixed)).getMessage().contains("10 bytes before"));
        byte[] suffixed = java.util.Arrays.copyOf(good, good.length + 3);
        assertTrue(assertThrows(IOException.class, () -> layout(suffixed)).getMessage().contains("after"));
        byte[] shifted = good.clone(); // the second entry's offset in the central directory moved by one
        ByteBuffer buffer = ByteBuffer.wrap(shifted).order(ByteOrder.LITTLE_ENDIAN);
        int directory = buffer.getInt(shifted.length - 22 + 16);
        int second = directory + 46 + (buffer.getShort(directory + 28) & 0xffff);
        buffer.putInt(second + 42, buffer.getInt(second + 42) + 1);
        assertThrows(IOException.class, () -> layout(shifted));
    }
}
