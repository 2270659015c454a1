package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@link NativeSetup}: the decision, the CPU flags, and in a fresh JVM the effect on OpenBLAS. */
class NativeSetupTest {

    private static final Set<String> ZEN4 = Set.of("sse2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw",
            "avx512dq", "avx512vl", "avx512_bf16");
    private static final Set<String> HASWELL = Set.of("sse2", "avx", "avx2", "fma", "bmi2");
    private static final Set<String> SANDY_BRIDGE = Set.of("sse2", "sse4_2", "avx");

    @Test
    void choosesTheBestCoreTypeTheCpuCanRun() {
        assertEquals("SkylakeX", NativeSetup.choose("auto", null, "Linux", "amd64", ZEN4));
        assertEquals("Haswell", NativeSetup.choose("auto", null, "Linux", "amd64", HASWELL));
        assertNull(NativeSetup.choose("auto", null, "Linux", "amd64", SANDY_BRIDGE), "no AVX2: OpenBLAS's own choice");
        assertNull(NativeSetup.choose("auto", null, "Linux", "amd64", Set.of("avx512f", "avx2")),
                "AVX-512 F without BW/DQ/VL and no FMA: neither type is safe");
        assertEquals("Haswell", NativeSetup.choose("auto", null, "Linux", "amd64", Set.of("avx512f", "avx2", "fma")));
        assertNull(NativeSetup.choose("auto", null, "Linux", "amd64", (Set<String>) null), "flags unknown");
    }

    @Test
    void avx2AtMostNeverPicksTheAvx512KernelsNorOnesTheCpuLacks() {
        assertEquals("Haswell", NativeSetup.choose("avx2", null, "Linux", "amd64", ZEN4));
        assertEquals("Haswell", NativeSetup.choose("AVX2", null, "Linux", "amd64", HASWELL));
        assertNull(NativeSetup.choose("avx2", null, "Linux", "amd64", SANDY_BRIDGE), "no AVX2: OpenBLAS's own choice");
        assertNull(NativeSetup.choose("avx2", null, "Linux", "amd64", (Set<String>) null), "flags unknown");
        assertNull(NativeSetup.choose("avx2", "SkylakeX", "Linux", "amd64", ZEN4), "the user's OPENBLAS_CORETYPE wins");
    }

    @Test
    void leavesTheUsersSettingAndOtherPlatformsAlone() {
        assertNull(NativeSetup.choose("auto", "Haswell", "Linux", "amd64", ZEN4), "the user's OPENBLAS_CORETYPE wins");
        assertNull(NativeSetup.choose("off", null, "Linux", "amd64", ZEN4));
        assertNull(NativeSetup.choose("auto", null, "Mac OS X", "aarch64", ZEN4));
        assertNull(NativeSetup.choose("auto", null, "Linux", "aarch64", ZEN4));
        assertEquals("Zen", NativeSetup.choose("Zen", null, "Linux", "amd64", ZEN4), "an explicit type from the property");
    }

    @Test
    void theTableDecidesOnKnownCpusAndTheUsersSettingStillWins() {
        OpenBlasCoreTypes.Cpu zen5 = new OpenBlasCoreTypes.Cpu("AuthenticAMD", 26, 2, OpenBlasCoreTypesTest.ZEN5_FLAGS);
        assertEquals("Cooperlake", NativeSetup.choose("auto", null, "Linux", "amd64", zen5));
        assertNull(NativeSetup.choose("auto", "Haswell", "Linux", "amd64", zen5), "the user's OPENBLAS_CORETYPE wins");
        assertEquals("Haswell", NativeSetup.choose("avx2", null, "Linux", "amd64", zen5));
        assertEquals("SkylakeX", NativeSetup.choose("SkylakeX", null, "Linux", "amd64", zen5), "the property's type");
    }

    @Test
    void warnsOnlyWhenTooLateAndTheKernelsInUseAreNotTheTablesNamingTheFix() {
        OpenBlasCoreTypes.Cpu zen5 = new OpenBlasCoreTypes.Cpu("AuthenticAMD", 26, 2, OpenBlasCoreTypesTest.ZEN5_FLAGS);
        String message = NativeSetup.tooLateMessage(Map.of("OPENBLAS_CORETYPE", "Cooperlake"), "Barcelona", zen5);
        assertNotNull(message);
        assertTrue(message.contains("Barcelona") && message.contains("OPENBLAS_CORETYPE=Cooperlake"), message);
        assertNull(NativeSetup.tooLateMessage(Map.of("OPENBLAS_CORETYPE", "Cooperlake"), "Cooperlake", zen5),
                "OpenBLAS's own pick is the table's: nothing lost");
        assertNull(NativeSetup.tooLateMessage(Map.of("OPENBLAS_CORETYPE", "Cooperlake"), null, zen5), "unknown: no guess");
        if (System.getenv("OMP_NUM_THREADS") == null) {
            String both = NativeSetup.tooLateMessage(new java.util.LinkedHashMap<>(Map.of("OPENBLAS_CORETYPE", "SkylakeX",
                    "OMP_WAIT_POLICY", "PASSIVE")), "Haswell", zen5);
            assertTrue(both.contains("OPENBLAS_CORETYPE=SkylakeX") && both.contains("OMP_WAIT_POLICY=PASSIVE"), both);
        }
    }

    @Test
    void passiveOpenMpWorkersUnlessTheUserChose() {
        assertEquals("PASSIVE", NativeSetup.chooseWaitPolicy("PASSIVE", null));
        assertEquals("PASSIVE", NativeSetup.chooseWaitPolicy("PASSIVE", " "));
        assertNull(NativeSetup.chooseWaitPolicy("PASSIVE", "ACTIVE"), "the user's OMP_WAIT_POLICY wins");
        assertNull(NativeSetup.chooseWaitPolicy("off", null));
        assertEquals("ACTIVE", NativeSetup.chooseWaitPolicy("ACTIVE", null));
    }

    @Test
    void readsTheFlagsLineOfCpuinfo() {
        List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 25",
                "flags\t\t: fpu sse2 avx2 fma avx512f", "bugs\t\t: sysret_ss_attrs");
        assertEquals(Set.of("fpu", "sse2", "avx2", "fma", "avx512f"), NativeSetup.parseCpuFlags(cpuinfo));
        assertNull(NativeSetup.parseCpuFlags(List.of("processor : 0")));
        if (new File("/proc/cpuinfo").exists() && System.getProperty("os.arch").equals("amd64")) {
            Set<String> flags = NativeSetup.readCpuFlags();
            assertNotNull(flags);
            assertTrue(flags.contains("sse2"), "every x86-64 CPU has SSE2: " + flags);
        }
    }

    @Test
    void setBeforeOpenBlasLoadsAndReportsTheKernelsInUse() {
        Nd4j.create(2, 2).mmul(Nd4j.create(2, 2));
        assumeTrue(new File("/proc/self/maps").exists());
        assertTrue(NativeSetup.openBlasLoaded());
        // BeforeNd4jLoads ran before ND4J loaded OpenBLAS: what it set is in the C library's environment, and
        // later calls change nothing
        Map<String, String> set = NativeSetup.beforeNd4j();
        set.forEach((name, value) -> assertEquals(value, NativeSetup.nativeEnvironment(name), name));
        assertEquals(set, NativeSetup.beforeNd4j());
        String kernels = NativeSetup.kernelsInUse();
        assertTrue(kernels.startsWith("OpenBLAS") && kernels.contains("core "), kernels);
    }

    @Test
    void inAFreshJvmTheDetectedCoreTypeIsWhatOpenBlasRunsAndItComputesCorrectly() throws Exception {
        assumeTrue(System.getProperty("os.name").contains("Linux") && System.getProperty("os.arch").equals("amd64"));
        String expected = NativeSetup.choose("auto", null, "Linux", "amd64", OpenBlasCoreTypes.thisCpu());
        String line = probe();
        assertTrue(line.contains("ok=true"), line);
        assertTrue(line.contains("waitPolicy=PASSIVE "), "libgomp sees OMP_WAIT_POLICY=PASSIVE: " + line);
        if (expected == null) {
            assertTrue(line.startsWith("set=none"), line);
        } else {
            assertTrue(line.startsWith("set=" + expected + " "), line);
            assertTrue(line.contains("core " + expected), "OpenBLAS uses the kernels set: " + line);
        }
    }

    /** Runs {@link NativeSetupProbe} in a new JVM with this test's class path, without OPENBLAS_CORETYPE. */
    private static String probe() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(java, "-Dorg.nd4j.log.initialization=false", "-cp",
                System.getProperty("java.class.path"), NativeSetupProbe.class.getName());
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OMP_WAIT_POLICY");
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.redirectErrorStream(false);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe JVM finished");
        String text = new String(output, StandardCharsets.UTF_8);
        return text.lines().filter(l -> l.startsWith("set=")).findFirst().orElse("no answer: " + text);
    }
}
