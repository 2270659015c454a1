package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pieces of the three ported tutorials that their pages' outputs do not show: the overfit
 * example's models, standardisation, accuracy and chart, the fine-tune example's task selection and
 * the regression example's baseline. (Their printed outputs are compared by DocOutputsTest and their
 * quoted numbers by TutorialNumbersTest.)
 */
class TutorialExamplesTest {

    @Test
    void theOverfitRecipesAreTheTutorialsSevenModels() {
        List<Overfit.Recipe> recipes = Overfit.Recipe.all();
        assertEquals(List.of("tiny", "small", "medium", "large", "l2", "dropout", "combined"),
                recipes.stream().map(Overfit.Recipe::name).toList());
        Sequential combined = recipes.get(6).build(30, 1L, DataType.DOUBLE);
        // Input, then Dense + Dropout four times, then the logit
        assertEquals(10, combined.getLayers().size());
        assertTrue(combined.summary().contains("Total params: 53,633"), combined.summary());
        assertTrue(recipes.get(4).build(30, 1L, DataType.DOUBLE).summary().contains("Total params: 53,633"));
        assertTrue(recipes.get(0).build(30, 1L, DataType.DOUBLE).summary().contains("Total params: 513"));
    }

    @Test
    void standardisingUsesTheTrainingStatisticsForBothParts() {
        INDArray train = Nd4j.createFromArray(new double[][] {{1, 10}, {3, 30}});
        INDArray other = Nd4j.createFromArray(new double[][] {{5, 20}});
        INDArray[] result = Overfit.standardise(train, other);
        assertArrayEquals(new double[] {-1, -1, 1, 1}, result[0].data().asDouble(), 1e-15);
        assertArrayEquals(new double[] {3, 0}, result[1].data().asDouble(), 1e-15); // (5 - 2) / 1, (20 - 20) / 10
    }

    @Test
    void accuracyCountsALogitAboveZeroAsClassOne() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{0.3}, {-2}, {0.2}, {-0.1}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {0}, {1}});
        assertEquals(0.5, Overfit.accuracy(logits, labels));
    }

    @Test
    void theOverfitChartIsWritten(@TempDir Path directory) throws Exception {
        List<Overfit.Run> runs = Overfit.Recipe.all().stream()
                .map(recipe -> new Overfit.Run(recipe, 1, 3, List.of(0.5, 0.3, 0.2), List.of(0.6, 0.4, 0.5),
                        List.of(0.8, 0.9, 0.9)))
                .toList();
        assertEquals(2, runs.get(0).bestEpoch());
        assertEquals(0.3, runs.get(0).gap(), 1e-15);
        Path file = Overfit.writePlot(runs, directory);
        assertEquals(directory.resolve("overfit-curves.png"), file);
        assertEquals(2 * Charts.WIDTH, ImageIO.read(Files.newInputStream(file)).getWidth());
    }

    @Test
    void aFineTuningTaskTakesItsDigitsShiftedAndScaled() {
        INDArray x = Nd4j.createFromArray(new double[][] {{16, 0}, {8, 8}, {0, 16}, {4, 4}, {2, 2}});
        INDArray y = Nd4j.createFromArray(new double[][] {{7}, {2}, {5}, {7}, {9}});
        INDArray[] task = FineTune.task(x, y, 5, 1, DataType.DOUBLE);
        // the first 7, the 5 and the 9 (the second 7 is beyond one per digit; 2 is not in 5 to 9)
        assertArrayEquals(new double[] {2, 0, 4}, task[1].data().asDouble());
        assertArrayEquals(new double[] {1, 0, 0, 1, 0.125, 0.125}, task[0].data().asDouble());
    }

    @Test
    void theRegressionBaselineIsTheMeanAbsoluteDeviationFromTheTrainingMean() {
        INDArray train = Nd4j.createFromArray(new double[][] {{100}, {200}});
        INDArray test = Nd4j.createFromArray(new double[][] {{130}, {190}});
        assertEquals(30.0, Regression.meanAbsoluteDeviation(train, test), 1e-12); // (|130 - 150| + |190 - 150|) / 2
    }
}
