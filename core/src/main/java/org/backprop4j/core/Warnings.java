package org.backprop4j.core;

import java.io.PrintStream;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * backprop4j's warnings that a user must not miss: a constant input column, the stop on a NaN or
 * infinite loss, a layer added after {@code compile}. They are logged at WARN through SLF4J, like
 * every other message. But an application without any SLF4J provider (binding) on its class path
 * gets SLF4J's no-operation logger, which drops them; then they are printed to standard error
 * instead, in the examples' format ({@code WARN  Sequential - input 0 is 0 in all ...}), so they
 * still reach the person running the program. An application that chose {@code slf4j-nop} on
 * purpose has a provider, and stays silent.
 */
final class Warnings {

    /** True when SLF4J fell back to its no-operation logger because no provider was found. */
    private static final boolean NO_SLF4J_PROVIDER = noSlf4jProvider();

    private Warnings() {
    }

    /**
     * Logs {@code message} at WARN on the logger of {@code origin}, or prints it to standard error
     * if SLF4J has no provider.
     */
    static void warn(Class<?> origin, String message) {
        warn(origin, message, NO_SLF4J_PROVIDER, System.err);
    }

    /** {@link #warn(Class, String)} with the decision and the stream given, for tests. */
    static void warn(Class<?> origin, String message, boolean noProvider, PrintStream fallback) {
        if (noProvider) {
            fallback.println("WARN  " + origin.getSimpleName() + " - " + message);
        } else {
            LoggerFactory.getLogger(origin).warn(message);
        }
    }

    /** Whether SLF4J fell back to its no-operation logger: no provider found, none named by a property. */
    static boolean noSlf4jProvider() {
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
