package org.backprop4j.fuzz;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.backprop4j.core.Npy;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code Npy.read} on arbitrary bytes, told the data type and shape its header seems to announce
 * (so that real .npy seeds get past the header and mutations reach the data): an IOException or
 * the array, within the harness's memory cap, whatever shape the header claims.
 */
class NpyFuzzTest {

    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([0-9,\\s]{0,64})\\)");

    @FuzzTest(maxDuration = FuzzHarness.CI_DURATION)
    void read(byte[] input) {
        FuzzHarness.check(input, bytes -> {
            String start = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
            DataType type = start.contains("<f4") ? DataType.FLOAT : DataType.DOUBLE;
            Npy.read(new ByteArrayInputStream(bytes), type, announcedShape(start), "fuzz.npy");
        });
    }

    /** The shape in the header's text if it is a valid one (at most Npy.MAX_ELEMENTS elements), else (1,). */
    static long[] announcedShape(String header) {
        Matcher matcher = SHAPE.matcher(header);
        if (!matcher.find()) {
            return new long[] {1};
        }
        String[] parts = matcher.group(1).split(",");
        long[] shape = new long[parts.length];
        int rank = 0;
        long elements = 1;
        for (String part : parts) {
            String digits = part.trim();
            if (digits.isEmpty()) {
                continue;
            }
            if (digits.length() > 10 || !digits.matches("[0-9]+")) {
                return new long[] {1};
            }
            shape[rank] = Long.parseLong(digits);
            elements *= Math.max(shape[rank], 1);
            if (elements > Npy.MAX_ELEMENTS) {
                return new long[] {1};
            }
            rank++;
        }
        return java.util.Arrays.copyOf(shape, rank);
    }
}
