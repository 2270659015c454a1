package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code onnx} example: ONNX Runtime gives every held-out image the digit predict gives. */
class OnnxServingTest {

    @TempDir
    Path dir;

    @Test
    void onnxRuntimeAgreesWithPredictOnEveryHeldOutImage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path file = dir.resolve("digits.onnx");
        OnnxServing.Result result;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result = OnnxServing.run(file, 2, 3, out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(Files.size(file) > 1000, text);
        assertEquals(result.testImages(), result.sameDigit(), text);
        assertTrue(result.largestDifference() < 1e-12, text);
        assertTrue(text.contains("image  backprop4j predict      ONNX Runtime"), text);
        assertTrue(text.contains("ONNX Runtime loaded it: input 'input'"), text);
        assertEquals(3, text.lines().filter(line -> line.matches(" +\\d+  digit \\d .*")).count(), text);
    }

    @Test
    void theLauncherRunsIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Launcher.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "onnx", "--epochs", "1", "--rows", "1",
                "--file", dir.resolve("launcher.onnx").toString());
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the same digit for"), out.toString(StandardCharsets.UTF_8));
    }
}
