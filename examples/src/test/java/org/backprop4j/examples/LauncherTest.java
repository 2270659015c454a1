package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LauncherTest {

    @TempDir
    Path directory;

    /** What one launcher run printed and returned. */
    private record Run(int status, String out, String err) {
    }

    private static Run launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Launcher.run(o, e, args);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withNoNameItListsEveryExample() {
        Run run = launch();

        assertEquals(0, run.status(), run.err());
        for (String name : List.of("xor", "backprop-step", "reversal", "digits", "health", "fashion", "onnx", "softmax", "softmax-layer")) {
            assertTrue(run.out().contains("\n  " + name + " "), name + " missing from:\n" + run.out());
        }
        assertTrue(run.out().contains("mvn -q compile exec:java -Dexec.args=\"NAME [options]\""), run.out());
    }

    @Test
    void helpDescribesTheLauncherAndEachExamplesOptions() {
        Run top = launch("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("Usage: examples"), top.out());
        assertTrue(top.out().contains("digits"), top.out());

        Run xor = launch("xor", "--help");
        assertEquals(0, xor.status());
        for (String option : List.of("--epochs", "--learning-rate", "--seed", "--plot-dir")) {
            assertTrue(xor.out().contains(option), option + " missing from:\n" + xor.out());
        }
        assertTrue(xor.out().contains("(default: " + Xor.EPOCHS + ")"), xor.out());
        Run digits = launch("digits", "--help");
        assertTrue(digits.out().contains("--batch-size"), digits.out());
    }

    @Test
    void runsXorWithOptionsAndWritesItsPlots() throws Exception {
        Run run = launch("xor", "--epochs", "30", "--learning-rate", "0.5", "--seed", "3",
                "--plot-dir", directory.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Training on XOR: 30 epochs, batch size 4, SGD learning rate 0.5, seed 3"), run.out());
        ChartsTest.assertPng(directory.resolve("xor-loss.png"), Charts.WIDTH, Charts.HEIGHT);
        ChartsTest.assertPng(directory.resolve("xor-output.png"), 2 * Plot.WIDTH, Plot.HEIGHT + 100);
    }

    @Test
    void usageErrorsExitWithStatus2AndSayWhy() {
        Run unknown = launch("nonsense");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("nonsense"), unknown.err());

        Run zeroEpochs = launch("reversal", "--epochs", "0");
        assertEquals(2, zeroEpochs.status());
        assertTrue(zeroEpochs.err().contains("--epochs must be at least 1, got 0"), zeroEpochs.err());

        Run badRate = launch("digits", "--learning-rate", "-1");
        assertEquals(2, badRate.status());
        assertTrue(badRate.err().contains("--learning-rate must be a positive number"), badRate.err());
    }

    @Test
    void aMissingExampleClassIsReportedClearly() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine command = new CommandLine(new Launcher.ClassExample("org.backprop4j.examples.NoSuchExample"));
        command.setCommandName("missing");
        command.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int status = command.execute("--epochs", "3");

        assertEquals(1, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("The example 'missing' is not in this build"), message);
        assertTrue(message.contains("org.backprop4j.examples.NoSuchExample"), message);
    }

    @Test
    void anExampleClassGetsEveryArgumentThroughItsMain() {
        RecordingExample.received = null;
        CommandLine command = new CommandLine(new Launcher.ClassExample(RecordingExample.class.getName()));

        int status = command.execute("--epochs", "3", "extra");

        assertEquals(0, status);
        assertEquals(List.of("--epochs", "3", "extra"), RecordingExample.received);
    }

    /** Stands in for an example registered by class name. */
    public static final class RecordingExample {
        static List<String> received;

        private RecordingExample() {
        }

        /** Records its arguments. */
        public static void main(String[] args) {
            received = List.of(args);
        }
    }
}
