package org.backprop4j.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native libraries' settings made before ND4J loads them. Protects against OpenBLAS 0.3.19's CPU detection (the OpenBLAS that ND4J 1.0.0-M2.1 loads): it
 * picks its kernels from the CPU's model number, and models newer than it fall back to slower ones
 * (Intel family 6 models it does not know get the SSE3 "Prescott" kernels, 1.3-1.8x slower on the MLP
 * step; AMD Zen 4 gets the AVX2 "Zen" ones although it has AVX-512). The environment variable
 * {@code OPENBLAS_CORETYPE}, read once when the library loads, overrides the choice, and a core
 * type whose instructions the CPU lacks crashes the JVM (SIGILL). So {@link #beforeNd4j()}, called
 * before ND4J's first use, reads the CPU's instruction sets from {@code /proc/cpuinfo} and sets
 * {@code OPENBLAS_CORETYPE} in the process's own environment (through the C library's
 * {@code setenv}, via JNA, which ND4J already brings) to the best core type the CPU can run:
 * {@code SkylakeX} with the five AVX-512 sets Skylake-X has (F, CD, BW, DQ, VL), {@code Haswell}
 * with AVX2 and FMA, nothing otherwise.
 *
 * <p>It does nothing when the user set {@code OPENBLAS_CORETYPE} already, when the system property
 * {@code backprop4j.openblas.coretype} is {@code off} (or names the core type to set instead of
 * the detected one, or is {@code avx2}: the Haswell kernels wherever the CPU can run them, also on
 * AVX-512 CPUs, so that sums come out the same on every AVX2 machine), off Linux x86-64, and when OpenBLAS is already loaded (too late: the setting is
 * read only once; it logs that at DEBUG). {@link #kernelsInUse()} reports what OpenBLAS chose.
 *
 * <p>It also sets {@code OMP_WAIT_POLICY=PASSIVE} unless the user set it (or the system property
 * {@code backprop4j.omp.waitPolicy} is {@code off}, or names another policy): libnd4j's OpenMP
 * worker threads otherwise spin after each parallel element-wise op and take a core from OpenBLAS;
 * on a 2-core machine a 784-1024-10 training step took 80-120 ms by default and 7-17 ms with
 * passive workers (docs/performance.md, "Threads"). libgomp reads it when libnd4j loads, so the
 * same timing applies.
 */
public final class NativeSetup {

    private static final Logger LOG = LoggerFactory.getLogger(NativeSetup.class);
    /** The AVX-512 sets OpenBLAS's SkylakeX kernels may use (Linux /proc/cpuinfo flag names). */
    static final List<String> SKYLAKEX_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    /** What OpenBLAS's Haswell kernels need. */
    static final List<String> HASWELL_FLAGS = List.of("avx2", "fma");

    private static volatile Map<String, String> applied;

    private NativeSetup() {
    }

    /**
     * Sets {@code OPENBLAS_CORETYPE} and {@code OMP_WAIT_POLICY} for this process where that is safe
     * and useful (see the class comment). Idempotent and cheap after the first call; never throws.
     *
     * @return the variables set and their values (empty if nothing was set)
     */
    public static synchronized Map<String, String> beforeNd4j() {
        if (applied != null) {
            return applied;
        }
        Map<String, String> set = new LinkedHashMap<>();
        try {
            Map<String, String> wanted = new LinkedHashMap<>();
            String coreType = choose(System.getProperty("backprop4j.openblas.coretype", "auto"),
                    System.getenv("OPENBLAS_CORETYPE"), System.getProperty("os.name"), System.getProperty("os.arch"),
                    readCpuFlags());
            if (coreType != null) {
                wanted.put("OPENBLAS_CORETYPE", coreType);
            }
            String waitPolicy = chooseWaitPolicy(System.getProperty("backprop4j.omp.waitPolicy", "PASSIVE"),
                    System.getenv("OMP_WAIT_POLICY"));
            if (waitPolicy != null) {
                wanted.put("OMP_WAIT_POLICY", waitPolicy);
            }
            if (!wanted.isEmpty() && openBlasLoaded()) {
                LOG.debug("OpenBLAS and libnd4j are already loaded: too late to set {}", wanted);
                wanted.clear();
            }
            for (Map.Entry<String, String> variable : wanted.entrySet()) {
                if (CLibrary.setenv(variable.getKey(), variable.getValue())) {
                    set.put(variable.getKey(), variable.getValue());
                }
            }
            if (!set.isEmpty()) {
                LOG.debug("Set for this process before ND4J loads: {}", set);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Could not set the native libraries' environment", e);
        }
        applied = Collections.unmodifiableMap(set);
        return applied;
    }

    /** The OpenMP wait policy to set, or null: none if the user set one or the property is "off". */
    static String chooseWaitPolicy(String property, String environment) {
        if (environment != null && !environment.isBlank()) {
            return null;
        }
        return "off".equalsIgnoreCase(property) || property.isBlank() ? null : property;
    }

    /** The value of a variable in the process's native environment (what the C libraries see), or null. */
    static String nativeEnvironment(String name) {
        return CLibrary.getenv(name);
    }

    /**
     * The core type to set, or null: the pure decision, for tests.
     *
     * @param property    {@code backprop4j.openblas.coretype}: "auto", "off", "avx2" (Haswell's kernels
     *                    when the CPU has AVX2 and FMA, never the AVX-512 ones) or a core type name
     * @param environment the current {@code OPENBLAS_CORETYPE}, or null
     * @param cpuFlags    the CPU's instruction-set flags, or null if unknown
     */
    static String choose(String property, String environment, String osName, String osArch, Set<String> cpuFlags) {
        if (environment != null && !environment.isBlank()) {
            LOG.debug("OPENBLAS_CORETYPE={} set by the user: left as it is", environment);
            return null;
        }
        if ("off".equalsIgnoreCase(property)) {
            return null;
        }
        if (osName == null || !osName.toLowerCase(Locale.ROOT).contains("linux")
                || !("amd64".equals(osArch) || "x86_64".equals(osArch))) {
            return null;
        }
        boolean avx2AtMost = "avx2".equalsIgnoreCase(property);
        if (!"auto".equalsIgnoreCase(property) && !avx2AtMost) {
            return property; // the user's explicit choice
        }
        if (cpuFlags == null) {
            return null;
        }
        if (avx2AtMost) { // the AVX2 kernels where the CPU has them, even on AVX-512 CPUs (reproducible sums)
            return cpuFlags.containsAll(HASWELL_FLAGS) ? "Haswell" : null;
        }
        if (cpuFlags.containsAll(SKYLAKEX_FLAGS)) {
            return "SkylakeX";
        }
        if (cpuFlags.containsAll(HASWELL_FLAGS)) {
            return "Haswell";
        }
        return null;
    }

    /** The "flags" of the first processor in /proc/cpuinfo, or null where there is none. */
    static Set<String> readCpuFlags() {
        try {
            return parseCpuFlags(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The "flags" line of a /proc/cpuinfo listing, or null. */
    static Set<String> parseCpuFlags(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
            }
        }
        return null;
    }

    /** Whether an OpenBLAS library is mapped into this process already (Linux: /proc/self/maps). */
    static boolean openBlasLoaded() {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.anyMatch(line -> line.contains("libopenblas"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * What OpenBLAS runs on, once ND4J has loaded it, e.g.
     * {@code "OpenBLAS 0.3.19 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64; core SkylakeX"}; logged
     * at DEBUG. Asks the very library ND4J loaded (through JavaCPP's loader, which returns the one
     * already in memory), never a second copy.
     */
    public static String kernelsInUse() {
        String description;
        try {
            description = CLibrary.openBlasDescription();
        } catch (RuntimeException | LinkageError e) {
            description = "unknown (" + e + ")";
        }
        LOG.debug("OpenBLAS: {}", description);
        return description;
    }

    /** The C library and OpenBLAS calls, through JNA; a nested class so that JNA loads only when used. */
    private static final class CLibrary {

        /** The C library's {@code setenv}. */
        interface C extends com.sun.jna.Library {
            int setenv(String name, String value, int overwrite);

            String getenv(String name);
        }

        static String getenv(String name) {
            return com.sun.jna.Native.loadLibrary("c", C.class).getenv(name);
        }

        static boolean setenv(String name, String value) {
            C c = com.sun.jna.Native.loadLibrary("c", C.class);
            return c.setenv(name, value, 1) == 0; // only reached when unset or blank (OpenBLAS misreads "")
        }

        static String openBlasDescription() {
            String path = org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
            com.sun.jna.NativeLibrary library = com.sun.jna.NativeLibrary.getInstance(path);
            String config = library.getFunction("openblas_get_config").invokeString(new Object[0], false);
            String core = library.getFunction("openblas_get_corename").invokeString(new Object[0], false);
            int threads = library.getFunction("openblas_get_num_threads").invokeInt(new Object[0]);
            return config + "; core " + core + "; " + threads + " threads";
        }
    }
}
