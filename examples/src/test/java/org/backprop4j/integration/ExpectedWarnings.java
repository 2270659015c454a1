package org.backprop4j.integration;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures what backprop4j logs while a test provokes a warning on purpose, so the test can check
 * it and the test run's console stays free of expected warnings:
 * <pre>{@code
 * try (ExpectedWarnings warnings = new ExpectedWarnings()) {
 *     model.add(new Dense(1));                  // after compile
 *     assertEquals(1, warnings.messages().size());
 * }
 * }</pre>
 */
public final class ExpectedWarnings implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.backprop4j");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final boolean additive = logger.isAdditive();

    public ExpectedWarnings() {
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    /** Every message logged under {@code org.backprop4j} so far, in order. */
    public List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setAdditive(additive);
    }
}
