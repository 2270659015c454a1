package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** The teaching pictures are written, of the stated size, and show what their pages say they show. */
class PicturesTest {

    @TempDir
    Path directory;

    @Test
    void theBackpropStepDiagramIsWritten() throws IOException {
        Path file = BackpropStep.writePlot(BackpropStep.compute(Xor.SEED, Xor.LEARNING_RATE), directory);
        assertEquals(directory.resolve("backprop-step-network.png"), file);
        ChartsTest.assertPng(file, NetworkDiagram.WIDTH, NetworkDiagram.HEIGHT);
    }

    @Test
    void theOutputGridIsTheModelsPredictionAndTheContourMarksHalf() {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        model.fit(Nd4j.create(Xor.X), Nd4j.create(Xor.Y), new FitOptions().epochs(1500).batchSize(4).verbose(0));
        double[][] grid = HeatMaps.outputGrid(model, -0.5, 1.5, 5);     // lattice step 0.5: (0, 0) is [1][1]
        assertEquals(model.predict(Nd4j.create(new double[][] {{0, 0}})).getDouble(0, 0), grid[1][1], 1e-15);
        assertEquals(model.predict(Nd4j.create(new double[][] {{1, 0}})).getDouble(0, 0), grid[3][1], 1e-15);
        assertTrue(grid[1][1] < 0.5 && grid[3][1] > 0.5, "the trained network separates (0, 0) from (1, 0)");

        BufferedImage picture = Xor.outputPicture(model, "test");
        // the pixel at (0, 0) is blue (output near 0), the pixel at (1, 0) orange (near 1)
        assertTrue(isBlue(picture.getRGB(225, 408)) || isBlue(picture.getRGB(230, 404)), "blue at (0, 0)");
    }

    @Test
    void theZeroLineOfAHiddenUnitSatisfiesItsEquation() {
        double[][] ends = Xor.zeroLine(0.8, -1.3, 0.2);
        for (int k = 0; k < 2; k++) {
            assertEquals(0, 0.8 * ends[0][k] - 1.3 * ends[1][k] + 0.2, 1e-12);
        }
        double[][] steep = Xor.zeroLine(2.0, 0.1, -1.0);
        for (int k = 0; k < 2; k++) {
            assertEquals(0, 2.0 * steep[0][k] + 0.1 * steep[1][k] - 1.0, 1e-12);
        }
    }

    @Test
    void theReversalPictureShowsInputZerosRowAtExactlyZero() throws IOException {
        BitReversal.Result result = BitReversal.run(BitReversal.SEED, BitReversal.LEARNING_RATE, 200,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        double[][] change = result.kernelChange();
        assertEquals(4, change.length);
        assertEquals(8, change[0].length);
        for (int i = 0; i < 8; i++) {
            assertEquals(0.0, change[0][i], "row 0, unit " + i);
            assertTrue(change[1][i] + change[2][i] + change[3][i] > 0, "the other rows moved, unit " + i);
        }
        Path file = BitReversal.writePlot(result, directory);
        assertEquals(directory.resolve("reversal-weight-change.png"), file);
    }

    private static boolean isBlue(int rgb) {
        int red = (rgb >> 16) & 0xff;
        int blue = rgb & 0xff;
        return blue > red + 60;
    }
}
