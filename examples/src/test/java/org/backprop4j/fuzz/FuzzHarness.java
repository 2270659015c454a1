package org.backprop4j.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every fuzz target here shares: the property each one checks, for any input whatsoever,
 * <ol>
 *   <li>the reader returns, or throws its documented exception (an {@link IOException}); any
 *       other exception or error (OutOfMemoryError, a stray IllegalArgumentException, a
 *       StackOverflowError) escapes to Jazzer as a finding;</li>
 *   <li>one input raises the process's peak resident memory by at most {@link #MEMORY_CAP}
 *       (measured by the kernel, so ND4J's native arrays count): inputs are a few kilobytes, so
 *       an input that takes more made the reader trust a size it had not seen;</li>
 *   <li>it returns in bounded time (Jazzer's per-input timeout).</li>
 * </ol>
 *
 * <p>A new target (the ONNX importer, say) is one class in this package:
 * <pre>{@code
 * class OnnxImportFuzzTest {
 *     @FuzzTest(maxDuration = FuzzHarness.CI_DURATION)
 *     void importModel(byte[] input) {
 *         FuzzHarness.check(input, bytes -> OnnxImporter.read(FuzzHarness.scratch("model.onnx", bytes)));
 *     }
 * }
 * }</pre>
 * plus a few real files as seeds in {@code src/test/resources/org/backprop4j/fuzz/OnnxImportFuzzTestInputs/importModel/}
 * ({@code scripts/fuzz.sh}, which {@code .ci/run} calls, finds every {@code *FuzzTest} class). Plain {@code mvn test} runs every target on its
 * seeds (and on any crash file Jazzer saved there); with {@code JAZZER_FUZZ=1} the one selected
 * with {@code -Dtest=} is fuzzed for its {@code maxDuration}.
 */
final class FuzzHarness {

    /** How long {@code JAZZER_FUZZ=1 mvn test -Dtest=<target>} fuzzes (.ci/run gives scripts/fuzz.sh the same 45 s). */
    static final String CI_DURATION = "45s";
    /** The most one input may raise the process's peak resident memory. */
    static final long MEMORY_CAP = Long.getLong("backprop4j.fuzz.memoryCapMb", 256) << 20;

    /** A reader under test: may throw the documented IOException. */
    @FunctionalInterface
    interface Reader {
        void read(byte[] input) throws IOException;
    }

    private static final Path SCRATCH;

    static {
        try {
            SCRATCH = Files.createTempDirectory("backprop4j-fuzz");
            SCRATCH.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FuzzHarness() {
    }

    /** Runs {@code reader} on {@code input}; see the class comment for what counts as a finding. */
    static void check(byte[] input, Reader reader) {
        boolean measured = resetPeak();
        long before = measured ? status("VmRSS") : -1;
        try {
            reader.read(input);
        } catch (IOException documented) {
            // the promised outcome for a file that is not acceptable
        }
        if (measured) {
            long growth = status("VmHWM") - before;
            if (growth > MEMORY_CAP) {
                throw new AssertionError("one input of " + input.length + " bytes raised the peak resident memory by "
                        + (growth >> 20) + " MB (cap " + (MEMORY_CAP >> 20) + " MB)");
            }
        }
    }

    /** {@code bytes} written to a file named {@code name} in this run's scratch directory (reused). */
    static Path scratch(String name, byte[] bytes) throws IOException {
        Path file = SCRATCH.resolve(name);
        Files.write(file, bytes);
        file.toFile().deleteOnExit();
        return file;
    }

    private static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // not Linux: the memory cap is not checked
        }
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
