package org.backprop4j.examples.playground;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Without Chromium a browser test is skipped with the reason, except under CI=true, where it fails. */
class BrowserCheckTest {

    private static final Path MISSING = Path.of("/nonexistent/chromium");

    @Test
    void skipsWithTheReasonOutsideCiAndFailsUnderCi() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> BrowserCheck.requireBrowser(MISSING, BrowserCheck.CHROMEDRIVER, null));
        assertTrue(skipped.getMessage().contains("The browser tests need Chromium (/nonexistent/chromium)"),
                skipped.getMessage());
        assertThrows(TestAbortedException.class, () -> BrowserCheck.requireBrowser(MISSING, MISSING, "false"));
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> BrowserCheck.requireBrowser(MISSING, MISSING, "true"));
        assertTrue(failed.getMessage().startsWith("CI=true, but The browser tests need Chromium"), failed.getMessage());
    }
}
