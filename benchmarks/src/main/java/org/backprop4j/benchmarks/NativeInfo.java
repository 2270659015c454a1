package org.backprop4j.benchmarks;

import org.nd4j.linalg.factory.Nd4j;

/**
 * What ND4J runs on: its BLAS, its thread counts, and the environment variables that change how the
 * native libraries behave. They are read when the libraries load, so they must be set before the
 * native libraries load: {@code OPENBLAS_CORETYPE} (the kernels; backprop4j sets them from its per-CPU
 * table unless the user did, docs/performance.md), {@code OMP_NUM_THREADS} and {@code OMP_WAIT_POLICY}
 * (libnd4j's OpenMP threads).
 */
final class NativeInfo {

    private NativeInfo() {
    }

    /**
     * e.g. {@code OPENBLAS (OpenBLAS 0.3.31 ... ; core Cooperlake; 1 threads), 2 threads (BLAS 2), OPENBLAS_CORETYPE
     * not set, ...}: the environment variables as the JVM started (backprop4j sets its own before the natives load).
     */
    static String describe() {
        return String.format("%s (%s), %d threads (BLAS %d), OPENBLAS_CORETYPE %s, OMP_NUM_THREADS %s, OMP_WAIT_POLICY %s",
                Nd4j.factory().blas().getBlasVendor(), org.backprop4j.core.internal.NativeSetup.kernelsInUse(), Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads(),
                orUnset(System.getenv("OPENBLAS_CORETYPE")), orUnset(System.getenv("OMP_NUM_THREADS")),
                orUnset(System.getenv("OMP_WAIT_POLICY")));
    }

    private static String orUnset(String value) {
        return value == null ? "not set" : value;
    }
}
