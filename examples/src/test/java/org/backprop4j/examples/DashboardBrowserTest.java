package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.backprop4j.core.callbacks.LiveDashboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@link LiveDashboard}'s page in headless Chromium after the digits example: its charts are drawn
 * and its health table filled; a screenshot is kept ({@code examples/target/screenshots/}, and
 * {@code docs/images/} with {@code -Ddocs.update=true}). Skipped without Chromium, as
 * {@code PlaygroundBrowserTest}, and failed for it under {@code CI=true}.
 */
class DashboardBrowserTest {

    @TempDir
    Path profile;

    @Test
    void theDashboardDrawsTheDigitsRun() throws Exception {
        org.backprop4j.examples.playground.BrowserCheck.requireBrowser();
        Digits.Settings settings = new Digits.Settings(5, Digits.BATCH_SIZE, Digits.LEARNING_RATE, Digits.MOMENTUM,
                Digits.SEED);
        try (LiveDashboard dashboard = new LiveDashboard()) {
            Digits.run(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dashboard);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(org.backprop4j.examples.playground.BrowserCheck.CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")), "--window-size=1300,1250",
                    "--hide-scrollbars");
            ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(org.backprop4j.examples.playground.BrowserCheck.CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), options);
            try {
                driver.get(dashboard.url().toString());
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
                        d.findElement(By.id("status")).getText().equals("finished")
                                && !d.findElements(By.cssSelector("#c-update polyline")).isEmpty());
                for (String chart : new String[] {"c-batch", "c-loss", "c-accuracy", "c-lr", "c-update", "c-gradient"}) {
                    assertTrue(!driver.findElements(By.cssSelector("#" + chart + " polyline, #" + chart + " circle")).isEmpty(),
                            chart + " is drawn");
                }
                assertEquals("grid", driver.findElement(By.id("charts")).getCssValue("display"),
                        "the style sheet applies (the page's Content-Security-Policy allows no inline styles)");
                assertEquals(3, driver.findElements(By.cssSelector("#health tr")).size(), "a header and 2 layers");
                assertTrue(driver.findElement(By.id("summary")).getText().startsWith("epoch 5, 225 steps"),
                        driver.findElement(By.id("summary")).getText());
                File shot = driver.getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), Files.createDirectories(Path.of("target", "screenshots"))
                        .resolve("live-dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
                if (Boolean.getBoolean("docs.update")) {
                    Files.copy(shot.toPath(), Path.of("..", "docs", "images", "live-dashboard.png"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                driver.quit();
            }
        }
    }
}
