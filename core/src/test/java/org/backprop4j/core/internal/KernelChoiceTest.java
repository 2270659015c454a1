package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The kernels a program gets when it touches ND4J before backprop4j ({@link Nd4jFirstProbe}, each in a fresh
 * JVM): the user's {@code OPENBLAS_CORETYPE} where it is set, otherwise the table's choice
 * ({@link OpenBlasCoreTypes}), set by {@link BeforeNd4jLoads} before OpenBLAS loads; and a warning naming the
 * fix when OpenBLAS was loaded before ND4J (too late for any hook) with kernels other than the table's.
 */
class KernelChoiceTest {

    @Test
    void dataCreatedFirstStillGetsTheTablesKernelsAndPassiveOpenMp() throws Exception {
        assumeLinuxX86();
        String expected = OpenBlasCoreTypes.choose(OpenBlasCoreTypes.thisCpu());
        String line = probe(Map.of(), List.of(), "").lines().filter(l -> l.startsWith("core=")).findFirst().orElse("");
        assertTrue(line.endsWith("ok=true"), line);
        assertTrue(line.contains("waitPolicy=PASSIVE "), line);
        if (expected != null) {
            assertTrue(line.startsWith("core=" + expected + " "), "the table's " + expected + ": " + line);
        }
    }

    @Test
    void theUsersCoreTypeWins() throws Exception {
        assumeLinuxX86();
        String user = System.getenv("OPENBLAS_CORETYPE");
        if (user == null || user.isBlank()) {
            assumeTrue(OpenBlasCoreTypes.thisCpu().flags().containsAll(OpenBlasCoreTypes.HASWELL_FLAGS));
            user = "Haswell"; // a type every AVX2 CPU runs, and not the table's choice on AVX-512 CPUs
        }
        String line = probe(Map.of("OPENBLAS_CORETYPE", user), List.of(), "").lines()
                .filter(l -> l.startsWith("core=")).findFirst().orElse("");
        assertTrue(line.startsWith("core=" + user + " ") && line.endsWith("ok=true"), line);
    }

    @Test
    void tooLateForTheHookWarnsOnceNamingTheVariable() throws Exception {
        assumeLinuxX86();
        String own = OpenBlasCoreTypes.thisCpu().flags().containsAll(OpenBlasCoreTypes.HASWELL_FLAGS) ? "Haswell" : null;
        assumeTrue(own != null);
        // OpenBLAS loaded first picks its own kernels; the property asks backprop4j for Haswell ones, too late
        String output = probe(Map.of(), List.of("-Dbackprop4j.openblas.coretype=Haswell"), "openblas-first");
        String line = output.lines().filter(l -> l.startsWith("core=")).findFirst().orElse("");
        assertTrue(line.endsWith("ok=true"), output);
        if (line.startsWith("core=Haswell ")) {
            assertFalse(output.contains("OPENBLAS_CORETYPE=Haswell"), "nothing lost, nothing said: " + output);
        } else {
            assertTrue(output.contains("OPENBLAS_CORETYPE=Haswell"), "the warning names the fix: " + output);
            assertEquals(output.indexOf("OPENBLAS_CORETYPE=Haswell in its environment"),
                    output.lastIndexOf("OPENBLAS_CORETYPE=Haswell in its environment"), "once: " + output);
        }
    }

    private static void assumeLinuxX86() {
        assumeTrue(System.getProperty("os.name").contains("Linux") && System.getProperty("os.arch").equals("amd64"));
    }

    /** Runs {@link Nd4jFirstProbe} in a new JVM (this test's class path), OPENBLAS_* and OMP_* as given. */
    private static String probe(Map<String, String> environment, List<String> jvmOptions, String argument)
            throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Dorg.nd4j.log.initialization=false"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Nd4jFirstProbe.class.getName()));
        if (!argument.isEmpty()) {
            command.add(argument);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("OPENBLAS_") || k.startsWith("OMP_"));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe JVM finished");
        return new String(output, StandardCharsets.UTF_8);
    }
}
