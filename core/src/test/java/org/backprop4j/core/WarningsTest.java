package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Important warnings go through SLF4J when it has a provider, and to standard error when it has
 * none. (A JVM without any provider: NoLoggingProviderTest in the examples module.)
 */
class WarningsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream fallback = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void withAProviderTheWarningIsLoggedAndNothingIsPrinted() {
        Logger logger = (Logger) LoggerFactory.getLogger("org.backprop4j.core.Sequential");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        boolean additive = logger.isAdditive();
        logger.setAdditive(false); // expected: keep it off the console
        try {
            Warnings.warn(Sequential.class, "input 3 is 0 in all 8 training samples", false, fallback);
        } finally {
            logger.detachAppender(appender);
            logger.setAdditive(additive);
        }
        assertEquals(1, appender.list.size());
        assertEquals(Level.WARN, appender.list.get(0).getLevel());
        assertEquals("input 3 is 0 in all 8 training samples", appender.list.get(0).getFormattedMessage());
        assertEquals(0, bytes.size());
    }

    @Test
    void withoutAProviderTheWarningIsPrintedInTheExamplesFormat() {
        Warnings.warn(NaNGuard.class, "Epoch 18: the loss is Infinity", true, fallback);
        assertEquals("WARN  NaNGuard - Epoch 18: the loss is Infinity\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void logbackOnTheClassPathIsAProvider() {
        assertTrue(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext);
        assertFalse(Warnings.noSlf4jProvider());
    }
}
