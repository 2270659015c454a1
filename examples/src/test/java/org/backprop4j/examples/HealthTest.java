package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.backprop4j.core.callbacks.LayerHealth;
import org.backprop4j.core.callbacks.TrainingHealth;
import org.backprop4j.core.callbacks.TrainingHealth.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-health report flags each deliberately broken run of the health example with the
 * problem it has, and stays quiet on the healthy runs and on the digits example itself.
 */
class HealthTest {

    @TempDir
    Path directory;

    private static Set<Problem> problems(TrainingHealth health, String layer) {
        return health.warnings().stream().filter(w -> w.layer().equals(layer)).map(TrainingHealth.Warning::problem)
                .collect(Collectors.toSet());
    }

    @Test
    void theHealthyRunIsQuiet() {
        TrainingHealth health = HealthRuns.get("healthy").result().health();
        assertTrue(health.warnings().isEmpty(), health.table() + health.warnings());
    }

    /** Called by {@link DigitsTest} on its run of the digits example with the default settings. */
    static void assertQuiet(Digits.Result result) {
        TrainingHealth health = result.health();
        assertEquals(2 * result.history().get("loss").size(), health.records().size(),
                "two layers, one record each per epoch");
        assertTrue(health.warnings().isEmpty(), health.table() + health.warnings());
        for (LayerHealth h : health.records()) {
            if (h.epoch() > 1) {
                assertTrue(h.updateRatio() < 0.5 * TrainingHealth.LARGE_UPDATE, "far from the warning: " + h);
            }
            assertTrue(Double.isNaN(h.deadFraction()) || h.deadFraction() < 0.1, h.toString());
        }
    }

    @Test
    void aLearningRateTooHighIsFlaggedAsLargeUpdates() throws IOException {
        Health.Result result = HealthRuns.get("high-learning-rate").result();
        assertEquals(Set.of(Problem.LARGE_UPDATES), problems(result.health(), "dense"), result.health().table());
        double lastLoss = result.history().get("loss").get(Health.EPOCHS - 1);
        assertTrue(lastLoss > result.history().get("loss").get(0), "the loss rose: " + result.history());
    }

    @Test
    void aZeroInitialisationIsFlaggedAsDeadUnitsAndAZeroGradient() throws IOException {
        Health.Result result = HealthRuns.get("zero-init").result();
        assertEquals(Set.of(Problem.DEAD_UNITS, Problem.ZERO_GRADIENT), problems(result.health(), "dense"));
        assertTrue(result.testAccuracy() < 0.2, "it learns nothing: " + result.testAccuracy());
    }

    @Test
    void largeInitialSigmoidWeightsAreFlaggedAsSaturatedAndTheFixIsQuiet() throws IOException {
        Health.Result broken = HealthRuns.get("large-weights").result();
        Health.Result fixed = HealthRuns.get("sigmoid").result();

        assertEquals(Set.of(Problem.SATURATED_UNITS), problems(broken.health(), "dense"));
        assertTrue(fixed.health().warnings().isEmpty(), fixed.health().table() + fixed.health().warnings());
        assertTrue(fixed.testAccuracy() > broken.testAccuracy() + 0.05,
                "the fix generalises better: " + fixed.testAccuracy() + " against " + broken.testAccuracy());
        Path file = Health.writePlot(broken, directory);
        ChartsTest.assertPng(file, Health.PICTURE_WIDTH, Plot.HEIGHT);
    }
}
