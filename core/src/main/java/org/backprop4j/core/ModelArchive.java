package org.backprop4j.core;

import static org.backprop4j.core.ModelIO.CONFIG_ENTRY;
import static org.backprop4j.core.ModelIO.JSON;
import static org.backprop4j.core.ModelIO.MAX_CONFIG_BYTES;
import static org.backprop4j.core.ModelIO.MAX_ENTRIES;
import static org.backprop4j.core.ModelIO.MAX_JSON_DEPTH;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.backprop4j.core.internal.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonProcessingException;

/**
 * The zip level of reading a model file, trusting nothing: the entries (count, unique names),
 * {@code model.json} (size, nesting depth, valid JSON without repeated keys), and each array entry
 * (listed once, its shape's bytes counted against the file's budget before anything is read, then
 * its declared size, its CRC-32 and its values checked as it is read). Every failure is an
 * {@link IOException} that names the file and the problem. {@link ModelReader} does the model level.
 */
final class ModelArchive {

    /**
     * The longest number model.json may hold, in characters: a double prints in at most 24, a long
     * in 20. Longer ones are refused before parsing, which would cost seconds for a million digits.
     */
    static final int MAX_NUMBER_LENGTH = 64;

    private final ZipFile zip;
    private final String where;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
    /** Where each entry really lies, from the archive's own records ({@link ZipLayout}). */
    private final Map<String, ZipLayout.Entry> layout;
    private final Set<String> referenced = new HashSet<>();
    private final List<PlannedArray> planned = new ArrayList<>();
    private DataType dataType;
    private long plannedBytes;

    ModelArchive(ZipFile zip, Map<String, ZipLayout.Entry> layout, String where) throws IOException {
        this.zip = zip;
        this.layout = layout;
        this.where = where;
        listEntries();
    }

    /** The data type every array entry is read as; set once model.json is read. */
    void dataType(DataType dataType) {
        this.dataType = dataType;
    }

    /** The bytes of every array planned so far. */
    long plannedBytes() {
        return plannedBytes;
    }

    /** Entries that no planned array referenced (model.json aside). */
    List<String> unreferenced() {
        List<String> names = new ArrayList<>();
        for (String name : entries.keySet()) {
            if (!name.equals(CONFIG_ENTRY) && !referenced.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private void listEntries() throws IOException {
        if (zip.size() > MAX_ENTRIES) {
            throw problem("the archive has " + zip.size() + " entries; a model file has at most " + MAX_ENTRIES);
        }
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            if (entries.put(entry.getName(), entry) != null) {
                throw problem("the archive has two entries named '" + entry.getName() + "'");
            }
            ZipLayout.Entry real = layout.get(entry.getName());
            if (real == null || real.size() != entry.getSize() || real.compressedSize() != entry.getCompressedSize()
                    || real.crc() != entry.getCrc() || real.method() != entry.getMethod()) {
                throw problem("entry '" + entry.getName() + "' is not where and what the archive's records say");
            }
        }
        if (entries.size() != layout.size()) {
            throw problem("the zip library lists " + entries.size() + " entries, the archive's records "
                    + layout.size());
        }
    }

    Map<String, Object> readConfig() throws IOException {
        ZipEntry entry = entries.get(CONFIG_ENTRY);
        if (entry == null) {
            throw problem("missing entry '" + CONFIG_ENTRY + "': this zip archive is not a backprop4j model file");
        }
        if (entry.getSize() > MAX_CONFIG_BYTES) {
            throw problem(CONFIG_ENTRY + " declares " + entry.getSize() + " bytes; at most " + MAX_CONFIG_BYTES
                    + " are accepted");
        }
        byte[] bytes;
        try (InputStream in = new CheckedEntryStream(zip.getInputStream(entry), entry, MAX_CONFIG_BYTES)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw entryProblem(CONFIG_ENTRY, e);
        }
        int depth = JsonText.nestingDepth(bytes);
        if (depth > MAX_JSON_DEPTH) {
            throw problem(CONFIG_ENTRY + " nests " + depth + " levels deep; at most " + MAX_JSON_DEPTH + " are accepted");
        }
        int numberLength = JsonText.longestNumber(bytes);
        if (numberLength > MAX_NUMBER_LENGTH) {
            throw problem(CONFIG_ENTRY + " holds a number of " + numberLength + " characters; at most "
                    + MAX_NUMBER_LENGTH + " are accepted");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> root = JSON.readValue(bytes, Map.class);
            if (root == null) {
                throw problem(CONFIG_ENTRY + " holds null, not a model description");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw problem(CONFIG_ENTRY + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** Checks an array's entry and shape, and counts its bytes against the file's budget. */
    PlannedArray planArray(Map<String, Object> description, String what) throws IOException {
        String entry = Config.string(description, "entry", false);
        if (!entry.endsWith(".npy") || entry.equals(CONFIG_ENTRY)) {
            throw problem(what + ": entry '" + entry + "' is not a .npy entry");
        }
        if (!entries.containsKey(entry)) {
            throw problem("missing entry '" + entry + "' (" + what + ")");
        }
        if (!referenced.add(entry)) {
            throw problem(what + ": entry '" + entry + "' is listed twice");
        }
        List<Object> dimensions = list(description.get("shape"), what + " shape", 1, 8);
        long[] shape = new long[dimensions.size()];
        for (int d = 0; d < shape.length; d++) {
            Object dimension = dimensions.get(d);
            if (!(dimension instanceof Integer) || (Integer) dimension < 1) {
                throw problem(what + ": shape " + dimensions + " must hold positive integers");
            }
            shape[d] = (Integer) dimension;
        }
        try {
            plannedBytes += Npy.fileSize(dataType, shape);
        } catch (IllegalArgumentException e) {
            throw problem(what + ": " + e.getMessage());
        }
        PlannedArray array = new PlannedArray(entry, shape, what);
        planned.add(array);
        return array;
    }

    /**
     * Admits every planned array ({@link #admit}); {@link ModelReader} calls this once the whole
     * file is planned (shapes compared with the configs, the total compared with the file's size)
     * and before it builds anything.
     */
    void admitPlanned() throws IOException {
        for (PlannedArray array : planned) {
            admit(array.entry(), array.shape(), array.what());
        }
    }

    /**
     * The one rule that bounds what loading allocates, applied to every array before any memory is
     * allocated for it ({@link #admitPlanned}): a layer's weights are allocated when the layer is
     * built, before its entry is read, so the check cannot wait for the read. The size a shape
     * implies is admitted only when the entry's own bytes can produce it. The entry must declare
     * exactly that size, and its compressed bytes, whose real extent {@link ZipLayout} has checked
     * (entries tile the file, so no junk, gap or overlap can inflate it), must be able to expand to
     * it: deflate expands at most about 1032 times, so {@link ModelIO#MAX_EXPANSION} times the
     * compressed size is an upper bound; a stored entry's bytes are its data. Memory is thereby
     * bounded by a constant times the file's real size, however its records lie; the data itself
     * is then checked as it is read.
     */
    private void admit(String entry, long[] shape, String what) throws IOException {
        long expected;
        try {
            expected = Npy.fileSize(dataType, shape);
        } catch (IllegalArgumentException e) {
            throw problem(what + ": " + e.getMessage());
        }
        ZipLayout.Entry real = layout.get(entry);
        if (real.size() != expected) {
            throw problem("entry '" + entry + "' (" + what + ") declares " + real.size() + " bytes, but shape "
                    + Arrays.toString(shape) + " of " + dataType + " takes " + expected);
        }
        long limit = real.method() == ZipEntry.STORED ? real.compressedSize()
                : real.compressedSize() * ModelIO.MAX_EXPANSION;
        if (expected > limit) {
            throw problem("entry '" + entry + "' (" + what + ") holds " + real.compressedSize() + " compressed bytes,"
                    + " which cannot expand to the " + expected + " bytes of shape " + Arrays.toString(shape) + " of "
                    + dataType);
        }
    }

    /**
     * Reads {@code array}'s entry straight into {@code target} (a new layer's live weight, of the
     * planned shape and the file's data type), then checks that every value is finite.
     */
    void readArrayInto(PlannedArray array, INDArray target) throws IOException {
        if (!org.backprop4j.core.internal.Arrays2D.isPlain(target) || target.dataType() != dataType) { // a view into a larger buffer, say
            target.assign(readArray(array));
            return;
        }
        ZipEntry entry = entryOfSize(array);
        long expected = Npy.fileSize(dataType, array.shape());
        try (InputStream in = new CheckedEntryStream(zip.getInputStream(entry), entry, expected)) {
            Npy.readInto(in, target, "entry '" + array.entry() + "'");
        } catch (IOException e) {
            throw entryProblem(array.entry(), crcMismatch(entry, expected).orElse(e));
        }
        try {
            Checks.requireFinite("entry '" + array.entry() + "' (" + array.what() + ")", target);
        } catch (IllegalArgumentException e) {
            throw problem(e.getMessage());
        }
    }

    /** The entry of {@code array}, whose declared size must be what its shape takes. */
    private ZipEntry entryOfSize(PlannedArray array) throws IOException {
        ZipEntry entry = entries.get(array.entry());
        long expected = Npy.fileSize(dataType, array.shape());
        if (entry.getSize() >= 0 && entry.getSize() != expected) {
            throw problem("entry '" + array.entry() + "' (" + array.what() + ") declares " + entry.getSize()
                    + " bytes, but shape " + Arrays.toString(array.shape()) + " of " + dataType + " takes "
                    + expected);
        }
        return entry;
    }

    INDArray readArray(PlannedArray array) throws IOException {
        ZipEntry entry = entryOfSize(array);
        long expected = Npy.fileSize(dataType, array.shape());
        INDArray values;
        try (InputStream in = new CheckedEntryStream(zip.getInputStream(entry), entry, expected)) {
            values = Npy.read(in, dataType, array.shape(), "entry '" + array.entry() + "'");
        } catch (IOException e) {
            throw entryProblem(array.entry(), crcMismatch(entry, expected).orElse(e));
        }
        Checks.requireFinite("entry '" + array.entry() + "' (" + array.what() + ")", values);
        return values;
    }

    /**
     * After an entry failed to parse, whether its bytes fail their CRC too: then the message
     * should say "corrupted" rather than describe whatever garbage the parser met.
     */
    private Optional<IOException> crcMismatch(ZipEntry entry, long limit) {
        try (InputStream in = new CheckedEntryStream(zip.getInputStream(entry), entry, limit)) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer, 0, buffer.length) >= 0) {
                // reading to the end checks the CRC
            }
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of(e);
        } catch (IOException e) {
            return Optional.of(new ZipException(e.getMessage()));
        }
    }

    private IOException entryProblem(String entry, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ZipException) {
            return new IOException(printable(where + "entry '" + entry + "' is corrupted (" + message + ")"), e);
        }
        if (e instanceof EOFException && !message.contains(entry)) {
            return new IOException(printable(where + "entry '" + entry + "' is truncated (" + message + ")"), e);
        }
        return new IOException(printable(where + message), e);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object value, String what) throws IOException {
        if (!(value instanceof Map)) {
            throw problem(what + " must be a JSON object, got " + Config.describe(value));
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Object value, String what, int min, int max) throws IOException {
        if (!(value instanceof List) || ((List<Object>) value).size() < min || ((List<Object>) value).size() > max) {
            throw problem(what + " must be a JSON array of " + min + " to " + max + " elements, got "
                    + Config.describe(value));
        }
        return (List<Object>) value;
    }

    IOException problem(String message) {
        return new IOException(printable(where + message));
    }

    /**
     * {@code text} with every control character written as a backslash, u and four hex digits
     * ({@code \\u000a} for a newline), so that names read from a file (entries, layers) cannot
     * break a log line or a terminal: ISO controls, the line and paragraph separators, and the
     * bidirectional-text controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069),
     * which can make a name display as another ("Trojan Source"). A layer name must be printable.
     */
    static String printable(String text) {
        return ConfigChecks.printable(text);
    }

    /** An array to read: its entry, its shape and what messages call it. */
    record PlannedArray(String entry, long[] shape, String what) {
    }

    /**
     * An entry's bytes, refused past {@code limit}, with the CRC the archive declares checked at
     * the end: this is what catches flipped bits in the data.
     */
    private static final class CheckedEntryStream extends FilterInputStream {

        private final ZipEntry entry;
        private final long limit;
        private final CRC32 crc = new CRC32();
        private long count;

        CheckedEntryStream(InputStream in, ZipEntry entry, long limit) {
            super(in);
            this.entry = entry;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
            if (n < 0) {
                if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                    throw new ZipException("its CRC-32 is " + Long.toHexString(crc.getValue()) + ", the archive says "
                            + Long.toHexString(entry.getCrc()));
                }
                return -1;
            }
            count += n;
            if (count > limit) {
                throw new ZipException("it holds more than the " + limit + " bytes its size allows");
            }
            crc.update(buffer, offset, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skipping is not supported");
        }
    }
}
