package org.backprop4j.examples.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) trains XOR from the page, Step mode's numbers are compared with the
 * library's, and a screenshot is kept ({@code examples/target/screenshots/}, and
 * {@code docs/images/} with {@code -Ddocs.update=true}). Without Chromium the test is skipped, saying
 * so, unless {@code CI=true}, where a missing browser fails it.
 */
class PlaygroundBrowserTest {

    static final Path CHROMIUM = BrowserCheck.CHROMIUM;
    static final Path CHROMEDRIVER = BrowserCheck.CHROMEDRIVER;
    /** The named architecture: XOR, 200 points without noise, one hidden layer of 4 tanh units, SGD 0.3, batch 10, seed 1. */
    static final Map<String, String> XOR = Map.of("dataset", "xor", "noise", "0", "samples", "200", "hidden", "4",
            "activation", "tanh", "learningRate", "0.3", "batchSize", "10", "optimizer", "sgd", "l2", "0", "seed", "1");

    @TempDir
    Path profile;

    @Test
    void trainsXorFromThePageAndStepModeShowsTheLibrarysGradients() throws Exception {
        BrowserCheck.requireBrowser();
        try (PlaygroundServer server = PlaygroundServer.start(0)) {
            ChromeDriver driver = driver();
            try {
                run(server, driver);
            } catch (RuntimeException | AssertionError e) {
                saveScreenshot(driver, "playground-failure.png");
                throw new AssertionError("The page said: status '" + text(driver.findElement(By.id("status")))
                        + "', message '" + text(driver.findElement(By.id("message"))) + "', epoch "
                        + text(driver.findElement(By.id("epoch"))) + " (screenshot: target/screenshots/playground-failure.png)", e);
            } finally {
                driver.quit();
            }
        }
    }

    private void run(PlaygroundServer server, ChromeDriver driver) throws IOException {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        driver.get(server.url().toString());
        wait.until(d -> !text(d.findElement(By.id("status"))).startsWith("starting"));
        assertEquals("flex", driver.findElement(By.tagName("main")).getCssValue("display"), "the style sheet applies");
        XOR.forEach((name, value) -> setField(driver, name, value));
        driver.findElement(By.id("apply")).click();
        wait.until(d -> text(d.findElement(By.id("epoch"))).equals("0") && text(d.findElement(By.id("status"))).startsWith("ready"));

        driver.findElement(By.id("play")).click();
        new WebDriverWait(driver, Duration.ofSeconds(300)).pollingEvery(Duration.ofMillis(250))
                .until(d -> lossBelow(text(d.findElement(By.id("train-loss"))), 0.05));
        driver.findElement(By.id("play")).click();                                  // Pause
        wait.until(d -> text(d.findElement(By.id("status"))).equals("paused")
                && text(d.findElement(By.id("play"))).equals("Play"));

        long[] classes = classPixels(driver);
        assertTrue(classes[0] > 0.2 * classes[2] && classes[1] > 0.2 * classes[2],
                "the output heat map shows both classes: " + classes[0] + " orange and " + classes[1] + " blue of "
                        + classes[2] + " pixels");

        int sample = 5;
        setField(driver, "sample", String.valueOf(sample));
        driver.findElement(By.cssSelector("#network canvas.neuron[data-layer='0'][data-unit='1']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#inspect-table td.value[data-key='libraryDelta']")).isEmpty());

        String id = (String) ((JavascriptExecutor) driver).executeScript("return page.session;");
        Session session = server.session(id);
        Sequential model = session.model();
        PlaneData data = Settings.parse(XOR).data();
        INDArray x = Nd4j.create(new double[][] {data.x()[sample]});
        INDArray y = Nd4j.create(new double[][] {{data.y()[sample]}});
        List<INDArray> outputs = model.layerOutputs(x);
        List<INDArray> upstream = model.layerGradients(x, y);
        List<INDArray> gradients = model.gradients(x, y);
        double a = outputs.get(0).getDouble(0, 1);
        double dLda = upstream.get(0).getDouble(0, 1);
        assertShown(driver, "a", a);
        assertShown(driver, "dLda", dLda);
        assertShown(driver, "local", 1 - a * a);
        assertShown(driver, "delta", dLda * (1 - a * a));
        assertShown(driver, "libraryDelta", gradients.get(1).getDouble(1));
        assertShown(driver, "delta", gradients.get(1).getDouble(1));           // the chain rule's product is the library's
        assertTrue(text(driver.findElement(By.id("inspect-title"))).startsWith("Neuron: hidden unit 1 of layer 1"));

        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        saveScreenshot(driver, "playground-xor.png");

        // a weight: from hidden unit 1 to the output, on the same sample
        driver.findElement(By.cssSelector("#edges path.hit[data-layer='1'][data-from='1'][data-unit='0']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#inspect-table td.value[data-key='dLdw']")).isEmpty());
        double p = outputs.get(1).getDouble(0, 0);
        double deltaOut = upstream.get(1).getDouble(0, 0) * p * (1 - p);
        assertShown(driver, "w", model.getWeights().get(2).getDouble(1, 0));
        assertShown(driver, "input", a);
        assertShown(driver, "delta", deltaOut);
        assertShown(driver, "product", a * deltaOut);
        assertShown(driver, "dLdw", gradients.get(2).getDouble(1, 0));
        assertShown(driver, "dLdwTrain", model.gradients(Nd4j.create(data.trainX()), Nd4j.create(data.trainY()))
                .get(2).getDouble(1, 0));
        saveScreenshot(driver, "playground-weight.png");
    }

    /** The number shown for {@code key} equals {@code expected} rounded to the digits shown. */
    private static void assertShown(ChromeDriver driver, String key, double expected) {
        String shown = text(driver.findElement(By.cssSelector("#inspect-table td.value[data-key='" + key + "']")));
        BigDecimal value = new BigDecimal(shown);
        int digits = value.precision();
        BigDecimal library = new BigDecimal(expected).round(new MathContext(digits, RoundingMode.HALF_UP));
        assertEquals(0, library.compareTo(value), key + ": the page shows " + shown + ", the library gives " + expected);
        assertTrue(digits >= 6 || value.signum() == 0 || shown.contains("e"), key + " is shown with 6 digits: " + shown);
    }

    /** Pixels of the output heat map that are clearly orange (class 0), clearly blue (class 1), and all. */
    private static long[] classPixels(ChromeDriver driver) {
        @SuppressWarnings("unchecked")
        List<Number> counts = (List<Number>) ((JavascriptExecutor) driver).executeScript(
                "const c = document.getElementById('output');"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let orange = 0, blue = 0;"
                        + "for (let i = 0; i < d.length; i += 4) {"
                        + "  if (d[i] > d[i + 2] + 60) orange++; else if (d[i + 2] > d[i] + 60) blue++; }"
                        + "return [orange, blue, d.length / 4];");
        return new long[] {counts.get(0).longValue(), counts.get(1).longValue(), counts.get(2).longValue()};
    }

    private static boolean lossBelow(String text, double limit) {
        try {
            return Double.parseDouble(text) < limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void setField(ChromeDriver driver, String id, String value) {
        ((JavascriptExecutor) driver).executeScript(
                "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                        + "e.dispatchEvent(new Event('change'));", id, value);
    }

    private static String text(WebElement element) {
        return element.getText().trim();
    }

    private ChromeDriver driver() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")), "--window-size=1300,1320",
                "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void saveScreenshot(ChromeDriver driver, String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("docs.update") && !name.contains("failure")) {
            Path images = Files.isDirectory(Path.of("..", "docs", "images")) ? Path.of("..", "docs", "images")
                    : Path.of("docs", "images");
            Files.copy(shot.toPath(), images.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
