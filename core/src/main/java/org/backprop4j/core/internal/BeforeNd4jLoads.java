package org.backprop4j.core.internal;

import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * The hook that makes {@link NativeSetup} run before ND4J loads its native libraries, whatever a program
 * touches first. Not a backend: it is never available and never chosen.
 *
 * <p>Why it exists: OpenBLAS picks its kernels ({@code OPENBLAS_CORETYPE}) and libgomp its wait policy
 * ({@code OMP_WAIT_POLICY}) once, when they load, and ND4J loads them the first time any array is
 * created. A program that creates its data before its backprop4j model would otherwise get OpenBLAS's
 * own kernel choice and spinning OpenMP workers. ND4J's class {@code Nd4j}, before it loads anything
 * native, asks Java's {@link java.util.ServiceLoader} for every {@link Nd4jBackend} on the class path
 * and creates each one, then uses the available one of highest priority. backprop4j-core lists this
 * class there ({@code META-INF/services/org.nd4j.linalg.factory.Nd4jBackend}); its constructor calls
 * {@link NativeSetup#beforeNd4j()}, and it reports itself unavailable, with a priority below every real
 * backend, so ND4J goes on to load its CPU backend as always.
 *
 * <p>The constructor never throws: an exception from a service's constructor would stop ND4J's search
 * for its backends. Where the class path loses this file (a fat jar that keeps only one of the jars'
 * service lists), {@link NativeSetup#beforeNd4j()} still runs when the first model is created and warns
 * if it is too late.
 */
public final class BeforeNd4jLoads extends Nd4jBackend {

    /** Below ND4J's CPU (0), GPU and other backends, and far from overflowing ND4J's priority comparison. */
    static final int PRIORITY = -1000;

    /** Called by ND4J's service lookup: sets the native libraries' environment (never throws). */
    public BeforeNd4jLoads() {
        try {
            NativeSetup.beforeNd4j();
        } catch (Throwable e) { // NOPMD: see the class comment
            // nothing to do: NativeSetup reports its own failures; ND4J must still find its backend
        }
    }

    @Override
    public boolean allowsOrder() {
        return false;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public Resource getConfigurationResource() {
        throw new UnsupportedOperationException("not a backend: " + getClass().getName());
    }

    @Override
    public Class getNDArrayClass() {
        throw new UnsupportedOperationException("not a backend: " + getClass().getName());
    }

    @Override
    public Environment getEnvironment() {
        throw new UnsupportedOperationException("not a backend: " + getClass().getName());
    }

    @Override
    public String buildInfo() {
        return "not a backend: sets OPENBLAS_CORETYPE and OMP_WAIT_POLICY before ND4J loads its natives";
    }

    @Override
    public void logBackendInit() {
        // not a backend: nothing to log
    }
}
