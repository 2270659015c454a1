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
 * The native libraries' settings, made before ND4J loads them. OpenBLAS picks its kernels from the CPU
 * once, when it loads, and its pick is not always the fastest (OpenBLAS 0.3.19, which ND4J 1.0.0-M2.1
 * brings, ran AMD Zen 5 on SSE-era "Barcelona" kernels, 3x slower; the build now brings 0.3.31). The
 * environment variable {@code OPENBLAS_CORETYPE}, read once at load, overrides the pick, and a core
 * type whose instructions the CPU lacks kills the JVM (SIGILL). So {@link #beforeNd4j()} reads the CPU
 * from {@code /proc/cpuinfo}, looks it up in {@link OpenBlasCoreTypes}' table (measured rows, a safe
 * default by instruction sets for other CPUs) and sets {@code OPENBLAS_CORETYPE} in the process's own
 * environment (through the C library's {@code setenv}, via JNA, which ND4J already brings).
 *
 * <p>It runs before ND4J loads its natives whatever the program does first: {@link BeforeNd4jLoads},
 * which ND4J's backend lookup creates before loading anything native, calls it; so do the first model
 * and the first SIMD loop. It does nothing when the user set {@code OPENBLAS_CORETYPE} already, when
 * the system property {@code backprop4j.openblas.coretype} is {@code off} (or names the core type to
 * set instead of the table's, or is {@code avx2}: the Haswell kernels wherever the CPU can run them,
 * also on AVX-512 CPUs, so that sums come out the same on every AVX2 machine), and off Linux x86-64.
 * When OpenBLAS was loaded before it could run (someone else loaded it, or a fat jar lost the
 * service file), it is too late: it then compares the kernels in use with the table's and, when they
 * differ, warns once (to stderr when SLF4J has no binding), naming the environment variable to set.
 * {@link #kernelsInUse()} reports what OpenBLAS runs.
 *
 * <p>It also sets {@code OMP_WAIT_POLICY=PASSIVE} unless the user set it (or the system property
 * {@code backprop4j.omp.waitPolicy} is {@code off}, or names another policy): libnd4j's OpenMP
 * worker threads otherwise spin after each parallel element-wise op and take a core from OpenBLAS;
 * on a 2-core machine a 784-1024-10 training step took 80-120 ms by default and 7-17 ms with
 * passive workers (docs/performance.md, "Threads"). libgomp reads it when libnd4j loads; when that
 * happened before, the same warning names {@code OMP_WAIT_POLICY=PASSIVE} (or {@code OMP_NUM_THREADS=1}).
 */
public final class NativeSetup {

    private static final Logger LOG = LoggerFactory.getLogger(NativeSetup.class);
    private static volatile Map<String, String> applied;
    /** The too-late warning, once per JVM. */
    private static volatile boolean warned;

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
                    OpenBlasCoreTypes.thisCpu());
            if (coreType != null) {
                wanted.put("OPENBLAS_CORETYPE", coreType);
            }
            String waitPolicy = chooseWaitPolicy(System.getProperty("backprop4j.omp.waitPolicy", "PASSIVE"),
                    System.getenv("OMP_WAIT_POLICY"));
            if (waitPolicy != null) {
                wanted.put("OMP_WAIT_POLICY", waitPolicy);
            }
            Map<String, String> tooLate = new LinkedHashMap<>();
            if (wanted.containsKey("OPENBLAS_CORETYPE") && loaded("libopenblas")) {
                tooLate.put("OPENBLAS_CORETYPE", wanted.remove("OPENBLAS_CORETYPE"));
            }
            if (wanted.containsKey("OMP_WAIT_POLICY") && loaded("libgomp")) {
                tooLate.put("OMP_WAIT_POLICY", wanted.remove("OMP_WAIT_POLICY"));
            }
            if (!tooLate.isEmpty()) {
                LOG.debug("Already loaded: too late to set {}", tooLate);
                String coreInUse = tooLate.containsKey("OPENBLAS_CORETYPE") ? CLibrary.coreName() : null;
                warnOnce(tooLateMessage(tooLate, coreInUse, OpenBlasCoreTypes.thisCpu()));
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
     * @param cpuFlags    the CPU's instruction-set flags, or null if unknown (no table row can match)
     */
    static String choose(String property, String environment, String osName, String osArch, Set<String> cpuFlags) {
        return choose(property, environment, osName, osArch, OpenBlasCoreTypes.Cpu.ofFlags(cpuFlags));
    }

    /** The core type to set for this CPU, or null: the table's row or its safe default (see the overload). */
    static String choose(String property, String environment, String osName, String osArch,
            OpenBlasCoreTypes.Cpu cpu) {
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
        if (cpu == null || cpu.flags() == null) {
            return null;
        }
        if (avx2AtMost) { // the AVX2 kernels where the CPU has them, even on AVX-512 CPUs (reproducible sums)
            return cpu.flags().containsAll(OpenBlasCoreTypes.HASWELL_FLAGS) ? "Haswell" : null;
        }
        return OpenBlasCoreTypes.choose(cpu);
    }

    /**
     * The warning for settings that came too late, or null when nothing is lost: the kernels in use are
     * the ones wanted (OpenBLAS's own pick can be the table's), or only the wait policy is late and
     * OpenMP runs one thread anyway.
     *
     * @param tooLate   the variables backprop4j would have set, and their values
     * @param coreInUse OpenBLAS's {@code openblas_get_corename()}, or null if unknown
     */
    static String tooLateMessage(Map<String, String> tooLate, String coreInUse, OpenBlasCoreTypes.Cpu cpu) {
        StringBuilder fix = new StringBuilder();
        StringBuilder what = new StringBuilder();
        String coreType = tooLate.get("OPENBLAS_CORETYPE");
        if (coreType != null && coreInUse != null && !coreType.equalsIgnoreCase(coreInUse.trim())) {
            what.append("OpenBLAS runs its ").append(coreInUse.trim()).append(" kernels on this CPU (").append(cpu)
                    .append("), where backprop4j would choose its ").append(coreType).append(" kernels");
            fix.append("OPENBLAS_CORETYPE=").append(coreType);
        }
        String policy = tooLate.get("OMP_WAIT_POLICY");
        String ompThreads = System.getenv("OMP_NUM_THREADS");
        if (policy != null && !"1".equals(ompThreads == null ? null : ompThreads.trim())) {
            what.append(what.length() > 0 ? "; " : "").append("OpenMP's worker threads spin between ND4J's"
                    + " operations and can take a core from the matrix products");
            fix.append(fix.length() > 0 ? " " : "").append("OMP_WAIT_POLICY=").append(policy);
        }
        if (what.length() == 0) {
            return null;
        }
        return what + ". These are read once, when the native libraries load, and they were loaded before"
                + " backprop4j could set them (by other code, or a merged jar lost backprop4j-core's"
                + " META-INF/services entry). Start the JVM with " + fix + " in its environment (for example `"
                + fix + " java ...`; docs/performance.md, \"Which OpenBLAS kernels\").";
    }

    /**
     * Logs a warning once per JVM: through SLF4J, or on stderr when SLF4J has no binding (it would drop it).
     */
    static void warnOnce(String message) {
        if (message == null || warned) {
            return;
        }
        warned = true;
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory) {
            System.err.println("WARN  NativeSetup - " + message); // the format of core's Warnings
        } else {
            LOG.warn(message);
        }
    }

    /** The "flags" of the first processor in /proc/cpuinfo, or null where there is none. */
    static Set<String> readCpuFlags() {
        return OpenBlasCoreTypes.thisCpu().flags();
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
        return loaded("libopenblas");
    }

    /** Whether a library whose file name contains {@code name} is mapped into this process (Linux). */
    static boolean loaded(String name) {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.anyMatch(line -> line.contains(name));
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

        static String coreName() {
            try {
                String path = org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
                return com.sun.jna.NativeLibrary.getInstance(path).getFunction("openblas_get_corename")
                        .invokeString(new Object[0], false);
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
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
