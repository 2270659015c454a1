package org.backprop4j.benchmarks;

import org.nd4j.linalg.factory.Nd4j;

/**
 * What ND4J runs on: its BLAS, its thread counts, and the environment variables that change how the
 * native libraries behave. They are read when the libraries load, so they must be set before the
 * JVM starts: {@code OPENBLAS_CORETYPE} (OpenBLAS 0.3.19, ND4J 1.0.0-M2.1's, does not know recent
 * CPUs and falls back to its generic "Prescott" kernels; docs/performance.md), {@code OMP_NUM_THREADS}
 * and {@code OMP_WAIT_POLICY} (libnd4j's OpenMP threads).
 */
final class NativeInfo {

    private NativeInfo() {
    }

    /** e.g. {@code OPENBLAS, 2 threads (BLAS 2), OPENBLAS_CORETYPE not set, ...}. */
    static String describe() {
        return String.format("%s, %d threads (BLAS %d), OPENBLAS_CORETYPE %s, OMP_NUM_THREADS %s, OMP_WAIT_POLICY %s",
                Nd4j.factory().blas().getBlasVendor(), Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads(),
                orUnset(System.getenv("OPENBLAS_CORETYPE")), orUnset(System.getenv("OMP_NUM_THREADS")),
                orUnset(System.getenv("OMP_WAIT_POLICY")));
    }

    private static String orUnset(String value) {
        return value == null ? "not set" : value;
    }
}
