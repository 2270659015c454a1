package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a program using backprop4j shows on its console, in fresh JVMs: without any SLF4J provider,
 * with Logback logging everything, and with the example configuration docs/logging/logback.xml.
 */
class LoggingTest {

    private static final String CONSTANT_COLUMN =
            "WARN  Sequential - input 1 is 0 in all 3 training samples: its weights will never be trained";
    private static final String NAN_STOP = "WARN  NaNGuard - Epoch ";
    private static final String ND4J_START_UP = "Loaded [CpuBackend] backend";

    @TempDir
    Path dir;

    private static String run(String classPath, List<String> options) throws IOException, InterruptedException {
        Process child = ChildJvm.start(classPath, options, WarnsWhileTraining.class);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("fit ended: NON_FINITE"), output);
        return output;
    }

    @Test
    void withoutAnSlf4jProviderTheWarningsStillReachStandardError() throws Exception {
        String withoutLogback = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("logback"))
                .collect(Collectors.joining(File.pathSeparator));
        String output = run(withoutLogback, List.of());
        assertTrue(output.contains("SLF4J(W): No SLF4J providers were found."), output);
        assertTrue(output.contains(CONSTANT_COLUMN), output);
        assertTrue(output.contains(NAN_STOP), output);
        assertFalse(output.contains(ND4J_START_UP), "ND4J's INFO lines are dropped with everything else: " + output);
    }

    @Test
    void theExampleConfigurationSilencesNd4jAndKeepsBackprop4jsWarnings() throws Exception {
        Path example = Path.of("..", "docs", "logging", "logback.xml");
        assertTrue(Files.isRegularFile(example), example.toAbsolutePath().toString());
        String classPath = System.getProperty("java.class.path");

        // Logback's own default, everything at DEBUG: ND4J's start-up report shows
        Path everything = dir.resolve("everything.xml");
        Files.writeString(everything, "<configuration><appender name=\"C\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>%-5level %logger{0} - %msg%n</pattern></encoder></appender>"
                + "<root level=\"DEBUG\"><appender-ref ref=\"C\"/></root></configuration>");
        String noisy = run(classPath, List.of("-Dlogback.configurationFile=" + everything.toAbsolutePath()));
        assertTrue(noisy.contains(ND4J_START_UP), noisy);

        String quiet = run(classPath, List.of("-Dlogback.configurationFile=" + example.toAbsolutePath()));
        assertFalse(quiet.contains(ND4J_START_UP), quiet);
        assertFalse(quiet.contains("INFO  "), "no INFO line at all during this run: " + quiet);
        assertTrue(quiet.contains(CONSTANT_COLUMN), quiet);
        assertTrue(quiet.contains(NAN_STOP), quiet);
    }
}
