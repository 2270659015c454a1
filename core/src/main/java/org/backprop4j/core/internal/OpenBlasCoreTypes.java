package org.backprop4j.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which OpenBLAS core type (the kernel set of its DYNAMIC_ARCH build) to run on which CPU: a table of
 * rows chosen by measurement, and a safe default for every other CPU.
 *
 * <p>OpenBLAS picks its kernels once, when the library loads, from the CPU's identity; the environment
 * variable {@code OPENBLAS_CORETYPE} overrides that pick, and a core type whose instructions the CPU
 * lacks kills the process (SIGILL). So a row applies only when the CPU has every instruction set its
 * core type needs ({@link Row#needs}); otherwise, and for CPUs without a row, the safe default is the
 * widest kernel set the flags allow: {@code SkylakeX} with the five AVX-512 sets Skylake-X has
 * (F, CD, BW, DQ, VL), {@code Haswell} with AVX2 and FMA, none (OpenBLAS's own choice) below that.
 *
 * <p>The rows, with the figures behind them (784-256-10 FLOAT SGD training step, batch 128, one BLAS
 * thread, alternating runs; docs/performance.md):
 * <ul>
 *   <li>AMD family 26 (Zen 5), with AVX-512 BF16: {@code Cooperlake}. Measured on an EPYC, family 26
 *       model 2 (2026-12-07): Cooperlake 1.10-1.14 ms, SkylakeX 1.10-1.40, Zen 1.66-1.77, Haswell
 *       1.68-2.18 ms; OpenBLAS 0.3.19 on its own picks "Barcelona" (SSE-era kernels, 2.9-4.5 ms).</li>
 *   <li>AMD family 25 with AVX-512 (Zen 4; Zen 3 has none and gets the default): {@code SkylakeX}.
 *       Recorded on an EPYC Zen 4 (2026-11-30): 1.24 ms; OpenBLAS 0.3.19 on its own picks the AVX2
 *       "Zen" kernels.</li>
 * </ul>
 * Immutable; thread-safe.
 */
public final class OpenBlasCoreTypes {

    /** The AVX-512 sets OpenBLAS's SkylakeX kernels may use (Linux /proc/cpuinfo flag names). */
    static final List<String> SKYLAKEX_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    /** SkylakeX's sets and BF16, which OpenBLAS's Cooperlake kernels add. */
    static final List<String> COOPERLAKE_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl",
            "avx512_bf16");
    /** What OpenBLAS's Haswell kernels need. */
    static final List<String> HASWELL_FLAGS = List.of("avx2", "fma");

    /**
     * What the CPU says about itself in /proc/cpuinfo (its first processor).
     *
     * @param vendor {@code vendor_id}, e.g. "AuthenticAMD", or null
     * @param family {@code cpu family}, or -1
     * @param model  {@code model}, or -1
     * @param flags  the instruction-set flags, or null when unknown
     */
    public record Cpu(String vendor, int family, int model, Set<String> flags) {

        /** A CPU known only by its flags (no row can match it). */
        static Cpu ofFlags(Set<String> flags) {
            return new Cpu(null, -1, -1, flags);
        }

        @Override
        public String toString() {
            return vendor + " family " + family + " model " + model;
        }
    }

    /**
     * One row of the table: the CPUs of a vendor and family, the core type measured fastest on them, and
     * the instruction sets that core type needs.
     */
    record Row(String vendor, int family, String name, String coreType, List<String> needs) {

        boolean matches(Cpu cpu) {
            return vendor.equals(cpu.vendor()) && family == cpu.family() && cpu.flags().containsAll(needs);
        }
    }

    /** The measured rows (see the class comment). */
    static final List<Row> TABLE = List.of(
            new Row("AuthenticAMD", 26, "AMD Zen 5", "Cooperlake", COOPERLAKE_FLAGS),
            new Row("AuthenticAMD", 25, "AMD Zen 4", "SkylakeX", SKYLAKEX_FLAGS));

    private OpenBlasCoreTypes() {
    }

    /**
     * The core type for a CPU: its row's, else the safe default; null when the flags are unknown or
     * allow no better kernels than OpenBLAS's own choice.
     */
    public static String choose(Cpu cpu) {
        if (cpu == null || cpu.flags() == null) {
            return null;
        }
        for (Row row : TABLE) {
            if (row.matches(cpu)) {
                return row.coreType();
            }
        }
        return safeDefault(cpu.flags());
    }

    /** The widest kernel set the flags allow, by instruction sets alone: SkylakeX, Haswell or null. */
    static String safeDefault(Set<String> flags) {
        if (flags.containsAll(SKYLAKEX_FLAGS)) {
            return "SkylakeX";
        }
        if (flags.containsAll(HASWELL_FLAGS)) {
            return "Haswell";
        }
        return null;
    }

    /** This machine's CPU from /proc/cpuinfo; a CPU with null flags where there is none. */
    public static Cpu thisCpu() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return new Cpu(null, -1, -1, null);
        }
    }

    /** The first processor's vendor, family, model and flags in a /proc/cpuinfo listing. */
    static Cpu parse(List<String> cpuinfo) {
        String vendor = null;
        int family = -1;
        int model = -1;
        Set<String> flags = null;
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                if (line.isBlank() && flags != null) {
                    break; // the end of the first processor's block
                }
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "vendor_id" -> vendor = value;
                case "cpu family" -> family = parseInt(value);
                case "model" -> model = parseInt(value);
                case "flags" -> flags = new HashSet<>(Arrays.asList(value.split("\\s+")));
                default -> {
                }
            }
        }
        return new Cpu(vendor, family, model, flags);
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
