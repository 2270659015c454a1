package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The warning when the SIMD loops are off ({@link SimdNotice}): its text for each case, and, in fresh
 * JVMs without any SLF4J provider on the class path (this test's class path minus logback), that it
 * reaches standard error exactly once, and not at all with the module or with
 * {@code -Dbackprop4j.simd=false}. The child JVMs are this test's own JDK, so the test covers whichever
 * JDK runs the suite.
 */
class SimdNoticeTest {

    @Test
    void theMessageNamesTheFixForEachCase() {
        String absent = SimdNotice.message(false, 17, null, false);
        assertTrue(absent.contains("--add-modules jdk.incubator.vector"), absent);
        assertTrue(absent.contains("JDK_JAVA_OPTIONS=--add-modules=jdk.incubator.vector"), absent);
        assertEquals(absent, SimdNotice.message(false, 25, null, false));
        String jdk21 = SimdNotice.message(true, 21, "whatever failed", false);
        assertTrue(jdk21.contains("not on JDK 21") && jdk21.contains("JDK 17, 18 or 22+"), jdk21);
        assertEquals(jdk21, SimdNotice.message(false, 21, null, false));
        String failed = SimdNotice.message(true, 25, "the Vector API of JDK 25 cannot run them (x)", false);
        assertTrue(failed.contains("cannot run them (x)"), failed);
        assertNull(SimdNotice.message(true, 17, null, false), "on: nothing to say");
        assertNull(SimdNotice.message(true, 25, null, false), "on: nothing to say");
        assertNull(SimdNotice.message(false, 17, null, true), "turned off on purpose");
        assertNull(SimdNotice.message(false, 20, null, true), "turned off on purpose");
    }

    @Test
    void withoutTheModuleOneWarningReachesStderrWithoutAnSlf4jProvider() throws Exception {
        String[] run = probe();
        List<String> warnings = warnings(run[1]);
        assertEquals(1, warnings.size(), run[1]);
        assertTrue(warnings.get(0).contains("--add-modules jdk.incubator.vector"), warnings.get(0));
        assertTrue(run[0].contains("loops: scalar / scalar"), run[0]);
    }

    @Test
    void noWarningWhenTurnedOffOnPurpose() throws Exception {
        String[] run = probe("-Dbackprop4j.simd=false");
        assertEquals(List.of(), warnings(run[1]), run[1]);
        assertTrue(run[0].contains("loops: scalar / scalar"), run[0]);
    }

    @Test
    void noWarningWhenTheSimdLoopsRun() throws Exception {
        int feature = Runtime.version().feature();
        String[] run = probe("--add-modules", "jdk.incubator.vector");
        if (feature >= 19 && feature <= 21) {
            assertEquals(1, warnings(run[1]).size(), run[1]);
            return;
        }
        assertEquals(List.of(), warnings(run[1]), run[1]);
        assertTrue(run[0].contains("loops: simd ("), run[0]);
    }

    private static List<String> warnings(String stderr) {
        return stderr.lines().filter(line -> line.startsWith("WARN  FastElementwise - ")).collect(Collectors.toList());
    }

    /** Runs {@link SimdNoticeProbe} with this JDK and the class path without logback; {stdout, stderr}. */
    private static String[] probe(String... jvmOptions) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("logback")).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java, "-Dorg.nd4j.log.initialization=false"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, SimdNoticeProbe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().put("OMP_NUM_THREADS", "1");
        File err = File.createTempFile("simd-notice", ".err");
        err.deleteOnExit();
        builder.redirectError(err);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe JVM finished");
        String stderr = Files.readString(err.toPath());
        assertEquals(0, process.exitValue(), out + stderr);
        return new String[] {out, stderr};
    }
}
