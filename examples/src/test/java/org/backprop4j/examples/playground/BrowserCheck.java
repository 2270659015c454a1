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
        requireBrowser(CHROMIUM, CHROMEDRIVER, System.getenv("CI"));
    }

    /** {@link #requireBrowser()} for the given paths and value of the CI variable. */
    static void requireBrowser(Path chromium, Path chromedriver, String ci) {
        if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
            return;
        }
        String message = "The browser tests need Chromium (" + chromium + ") and its driver (" + chromedriver
                + "): apt-get install chromium chromium-driver";
        if ("true".equalsIgnoreCase(ci)) {
            fail("CI=true, but " + message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message); // skipped, with the reason, on a machine without Chromium
    }
}
