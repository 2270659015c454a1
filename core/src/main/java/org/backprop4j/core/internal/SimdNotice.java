package org.backprop4j.core.internal;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The one warning a user gets when the SIMD element-wise loops are off ({@link FastElementwise}): why,
 * and what turns them on. Which JDKs can run them: 17 and 18 (the Vector API reads direct
 * ByteBuffers) and 22 and later (it reads MemorySegments, final from 22; {@link VectorMemory}), each
 * started with {@code --add-modules jdk.incubator.vector}; JDK 19 to 21 cannot (MemorySegment is a
 * preview API there). Not warned: a user who turned them off ({@code -Dbackprop4j.simd=false}).
 *
 * <p>Logged at WARN through SLF4J; printed to standard error instead when SLF4J has no provider on
 * the class path (it would drop the message), in the format of core's other warnings
 * ({@code WARN  FastElementwise - ...}). Once per JVM.
 */
final class SimdNotice {

    private static boolean told;

    private SimdNotice() {
    }

    /**
     * The warning for a JVM in which the SIMD loops are off, or null when there is nothing to say.
     *
     * @param modulePresent whether the JVM has {@code jdk.incubator.vector}
     * @param feature the JDK's feature release ({@code Runtime.version().feature()})
     * @param failure why the loops failed although the module is there (null if they did not fail)
     * @param turnedOff whether the user set {@code backprop4j.simd=false}
     */
    static String message(boolean modulePresent, int feature, String failure, boolean turnedOff) {
        if (turnedOff || (modulePresent && failure == null)) {
            return null;
        }
        String off = "backprop4j's SIMD element-wise loops are off, so activations, bias adds and optimizer updates run"
                + " in plain loops (the same numbers, slower): ";
        String silence = " (-Dbackprop4j.simd=false silences this message; README, \"Faster element-wise loops\")";
        boolean jdkCannot = feature >= 19 && feature <= 21;
        if (!modulePresent && !jdkCannot) {
            return off + "the JVM was started without the module jdk.incubator.vector. Start it with"
                    + " `java --add-modules jdk.incubator.vector ...`, or set the environment variable"
                    + " JDK_JAVA_OPTIONS=--add-modules=jdk.incubator.vector" + silence;
        }
        if (jdkCannot) {
            return off + "they run on JDK 17-18 and 22 or later, not on JDK " + feature + " (its Vector API reads"
                    + " memory only through MemorySegment, a preview API before JDK 22). Use JDK 17, 18 or 22+, started"
                    + " with --add-modules jdk.incubator.vector" + silence;
        }
        return off + failure + silence;
    }

    /** Logs {@code message} once per JVM (nothing when null): through SLF4J, or on stderr without a provider. */
    static synchronized void tell(String message) {
        if (message == null || told) {
            return;
        }
        told = true;
        if (noSlf4jProvider()) {
            System.err.println("WARN  " + FastElementwise.class.getSimpleName() + " - " + message);
        } else {
            LoggerFactory.getLogger(FastElementwise.class).warn(message);
        }
    }

    /** Whether SLF4J fell back to its no-operation logger because no provider was found (as core's Warnings). */
    private static boolean noSlf4jProvider() {
        if (!(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory)
                || System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY) != null) {
            return false;
        }
        try {
            return !ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
                    .iterator().hasNext();
        } catch (ServiceConfigurationError brokenProvider) {
            return false;
        }
    }
}
