package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path directory;

    @Test
    void writesAReadablePngOfTheChartSize() throws IOException {
        Plot chart = Charts.epochChart("loss", "loss", Map.of("loss", List.of(1.0, 0.5, 0.25)), true);

        Path file = Charts.savePng(chart, directory.resolve("nested/loss.png"));

        assertPng(file, Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void writesChartsSideBySide() throws IOException {
        Plot loss = Charts.epochChart("loss", "loss", Map.of("loss", List.of(1.0, 0.5)), false);
        Plot accuracy = Charts.epochChart("accuracy", "accuracy", Map.of("accuracy", List.of(0.5, 0.9)), false);

        Path file = Charts.savePng(List.of(loss, accuracy), directory.resolve("both.png"));

        assertPng(file, 2 * Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void xorWritesItsLossCurveAndDecisionBoundary() throws IOException {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        Xor.Result result = new Xor.Result(model, model.fit(org.nd4j.linalg.factory.Nd4j.create(Xor.X),
                org.nd4j.linalg.factory.Nd4j.create(Xor.Y), new org.backprop4j.core.FitOptions().epochs(20).verbose(0)),
                null, Xor.SEED, Xor.LEARNING_RATE);

        List<Path> files = Xor.writePlots(result, directory);

        assertEquals(List.of(directory.resolve("xor-loss.png"), directory.resolve("xor-output.png")), files);
        assertPng(files.get(0), Charts.WIDTH, Charts.HEIGHT);
        assertPng(files.get(1), 2 * Plot.WIDTH, Plot.HEIGHT + 100);
    }

    @Test
    void anEmptySeriesIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Charts.epochChart("t", "y", Map.of("loss", List.of()), false));
        assertTrue(error.getMessage().contains("'loss'"), error.getMessage());
    }

    static void assertPng(Path file, int width, int height) throws IOException {
        assertTrue(Files.size(file) > 0, file + " is empty");
        byte[] signature = new byte[8];
        try (var in = Files.newInputStream(file)) {
            assertEquals(8, in.read(signature));
        }
        assertEquals((byte) 0x89, signature[0]);
        assertEquals("PNG", new String(signature, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not a readable image");
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }
}
