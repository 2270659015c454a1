package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.backprop4j.core.internal.OpenBlasCoreTypes.Cpu;
import org.junit.jupiter.api.Test;

/** {@link OpenBlasCoreTypes}: the per-CPU table, its guard on instruction sets, the safe default. */
class OpenBlasCoreTypesTest {

    /** The flags of the AMD EPYC Zen 5 (family 26 model 2) the table's first row was measured on, in part. */
    static final Set<String> ZEN5_FLAGS = Set.of("sse2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd",
            "avx512bw", "avx512vl", "avx512_bf16", "avx512_vnni", "avx_vnni");
    private static final Set<String> ZEN4_FLAGS = Set.of("sse2", "avx", "avx2", "fma", "avx512f", "avx512dq",
            "avx512cd", "avx512bw", "avx512vl", "avx512_bf16");
    private static final Set<String> ZEN3_FLAGS = Set.of("sse2", "avx", "avx2", "fma");

    @Test
    void measuredRowsForZen5AndZen4() {
        assertEquals("Cooperlake", OpenBlasCoreTypes.choose(new Cpu("AuthenticAMD", 26, 2, ZEN5_FLAGS)));
        assertEquals("Cooperlake", OpenBlasCoreTypes.choose(new Cpu("AuthenticAMD", 26, 68, ZEN5_FLAGS)), "any model");
        assertEquals("SkylakeX", OpenBlasCoreTypes.choose(new Cpu("AuthenticAMD", 25, 17, ZEN4_FLAGS)));
    }

    @Test
    void neverACoreTypeTheCpuCannotRun() {
        Set<String> noBf16 = new HashSet<>(ZEN5_FLAGS);
        noBf16.remove("avx512_bf16");
        assertEquals("SkylakeX", OpenBlasCoreTypes.choose(new Cpu("AuthenticAMD", 26, 2, noBf16)),
                "a family-26 CPU (or VM) without BF16 cannot run Cooperlake: the default");
        assertEquals("Haswell", OpenBlasCoreTypes.choose(new Cpu("AuthenticAMD", 25, 1, ZEN3_FLAGS)),
                "Zen 3 is family 25 without AVX-512");
        assertEquals("Haswell", OpenBlasCoreTypes.choose(new Cpu("AuthenticAMD", 26, 2, ZEN3_FLAGS)),
                "a VM hiding AVX-512 from a Zen 5");
        assertNull(OpenBlasCoreTypes.choose(new Cpu("AuthenticAMD", 26, 2, Set.of("sse2", "avx"))));
        for (OpenBlasCoreTypes.Row row : OpenBlasCoreTypes.TABLE) {
            String type = OpenBlasCoreTypes.choose(new Cpu(row.vendor(), row.family(), 0, new HashSet<>(row.needs())));
            assertEquals(row.coreType(), type, row.name() + " with exactly the sets it needs");
        }
    }

    @Test
    void unknownCpusGetTheSafeDefault() {
        assertEquals("SkylakeX", OpenBlasCoreTypes.choose(new Cpu("GenuineIntel", 6, 207, ZEN4_FLAGS)));
        assertEquals("Haswell", OpenBlasCoreTypes.choose(new Cpu("GenuineIntel", 6, 60, ZEN3_FLAGS)));
        assertNull(OpenBlasCoreTypes.choose(new Cpu("GenuineIntel", 6, 42, Set.of("sse2", "sse4_2", "avx"))));
        assertNull(OpenBlasCoreTypes.choose(new Cpu(null, -1, -1, null)), "nothing known");
    }

    @Test
    void readsVendorFamilyModelAndFlagsOfTheFirstProcessor() {
        Cpu cpu = OpenBlasCoreTypes.parse(List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 26",
                "model\t\t: 2", "model name\t: AMD EPYC", "flags\t\t: fpu avx2 fma avx512f", "", "processor\t: 1",
                "vendor_id\t: Other", "cpu family\t: 3"));
        assertEquals("AuthenticAMD", cpu.vendor());
        assertEquals(26, cpu.family());
        assertEquals(2, cpu.model());
        assertEquals(Set.of("fpu", "avx2", "fma", "avx512f"), cpu.flags());
        Cpu here = OpenBlasCoreTypes.thisCpu();
        if (System.getProperty("os.arch").equals("amd64") && new java.io.File("/proc/cpuinfo").exists()) {
            assertTrue(here.flags().contains("sse2") && here.family() > 0, here + " " + here.flags());
        }
    }
}
