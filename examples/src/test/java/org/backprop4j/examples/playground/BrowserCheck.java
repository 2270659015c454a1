package org.backprop4j.examples.playground;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Where the browser tests find Chromium, and what they do without it. */
public final class BrowserCheck {

    /** Debian's {@code chromium}. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Debian's {@code chromium-driver}: Selenium uses it, and never downloads one. */
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private BrowserCheck() {
    }

    /** Skips the test (saying why, also on standard error) without Chromium and its driver; under CI=true fails it. */
    public static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "The browser tests need Chromium (" + CHROMIUM + ") and its driver (" + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true, but " + message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.assumeTrue(false, message);
    }
}
