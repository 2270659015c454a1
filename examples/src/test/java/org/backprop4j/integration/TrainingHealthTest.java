package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.LayerHealth;
import org.backprop4j.core.callbacks.TrainingHealth;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TrainingHealth} measures what it says (each number recomputed here from the weights, the
 * gradients and the layer outputs) and warns about the problems it names, and only about them.
 */
class TrainingHealthTest {

    private static final INDArray X = Nd4j.create(new double[][] {{0.5, -1.0}, {2.0, 0.25}, {-0.7, 0.3}, {1.1, 1.4}});
    private static final INDArray Y = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}});

    private static Sequential model(String hidden) {
        Sequential model = new Sequential(5L);
        model.add(new Dense(3, 2, hidden));
        model.add(new Dense(2, "softmax"));
        return model.compile("categorical_crossentropy", new SGD(0.1));
    }

    private static double norm(List<INDArray> arrays) {
        double sum = 0;
        for (INDArray array : arrays) {
            sum += array.mul(array).sumNumber().doubleValue();
        }
        return Math.sqrt(sum);
    }

    @Test
    void theUpdateRatioAndGradientNormAreTheNormsOfTheWeightsAndGradients() {
        Sequential model = model("tanh");
        List<INDArray> before = model.getWeights();
        TrainingHealth health = new TrainingHealth(X, Y);

        model.fit(X, Y, new FitOptions().epochs(1).batchSize(4).shuffle(false).verbose(0).callbacks(health));

        List<INDArray> after = model.getWeights();
        List<INDArray> gradients = model.gradients(X, Y);
        List<LayerHealth> records = health.records();
        assertEquals(2, records.size());
        for (int l = 0; l < 2; l++) {
            List<INDArray> start = before.subList(2 * l, 2 * l + 2);
            List<INDArray> end = after.subList(2 * l, 2 * l + 2);
            double change = norm(List.of(end.get(0).sub(start.get(0)), end.get(1).sub(start.get(1))));
            LayerHealth h = records.get(l);
            assertEquals(1, h.epoch());
            assertEquals(change / norm(start), h.updateRatio(), 1e-12, "layer " + l);
            assertEquals(norm(gradients.subList(2 * l, 2 * l + 2)), h.gradientNorm(), 1e-12, "layer " + l);
            assertEquals(norm(end), h.weightNorm(), 1e-12, "layer " + l);
        }
        assertEquals("dense", records.get(0).layer());
        assertEquals("tanh", records.get(0).activation());
        assertTrue(Double.isNaN(records.get(0).deadFraction()), "dead units are a relu measure");
        assertTrue(Double.isNaN(records.get(1).saturatedFraction()), "the output layer is left out");
    }

    @Test
    void deadReluUnitsAreCountedAndWarnedAbout() {
        Sequential model = model("relu");
        List<INDArray> weights = model.getWeights();
        weights.set(0, Nd4j.create(new double[][] {{1, 0, 0.5}, {0.5, 0, -1}}));
        weights.set(1, Nd4j.create(new double[] {0, -5, 0.1}));     // unit 1: z = -5 for every input
        model.setWeights(weights);
        TrainingHealth health = new TrainingHealth(X, Y);

        model.fit(X, Y, new FitOptions().epochs(2).batchSize(4).verbose(0).callbacks(health));

        LayerHealth first = health.records("dense").get(0);
        INDArray hidden = model.layerOutputs(X).get(0);
        assertEquals(1.0 / 3, first.deadFraction(), 1e-15);
        assertEquals(0.0, hidden.getColumn(1).amaxNumber().doubleValue(), "unit 1 is still dead");
        List<TrainingHealth.Warning> dead = health.warnings().stream()
                .filter(w -> w.problem() == TrainingHealth.Problem.DEAD_UNITS).toList();
        assertEquals(2, dead.size(), "one warning per epoch: " + health.warnings());
        assertTrue(dead.get(0).message().startsWith("layer dense: 33% of its relu units (1 of 3) never fired on the 4 probe "
                + "samples after epoch 1"), dead.get(0).message());
    }

    @Test
    void saturatedSigmoidOutputsAreCountedAndWarnedAbout() {
        Sequential model = model("sigmoid");
        List<INDArray> weights = model.getWeights();
        weights.set(0, weights.get(0).mul(40));                     // far too large: most outputs near 0 or 1
        model.setWeights(weights);
        TrainingHealth health = new TrainingHealth(X, Y);

        model.fit(X, Y, new FitOptions().epochs(1).batchSize(4).verbose(0).callbacks(health));

        double[][] a = model.layerOutputs(X).get(0).toDoubleMatrix();
        int saturated = 0;
        for (double[] row : a) {
            for (double value : row) {
                saturated += value < 0.01 || value > 0.99 ? 1 : 0;
            }
        }
        LayerHealth h = health.records("dense").get(0);
        assertEquals(saturated / 12.0, h.saturatedFraction(), 1e-15);
        assertTrue(h.saturatedFraction() > TrainingHealth.SATURATED_WARNING, "the setup saturates: " + h);
        assertEquals(TrainingHealth.Problem.SATURATED_UNITS, health.warnings().get(0).problem(), health.warnings().toString());
        assertTrue(health.warnings().get(0).message().contains("of its sigmoid outputs on the probe samples are saturated"));
    }

    @Test
    void zeroWeightsGiveAZeroGradientWarningAndNoRatio() {
        Sequential model = model("relu");
        List<INDArray> zeros = model.getWeights().stream().map(w -> w.mul(0)).toList();
        model.setWeights(zeros);
        TrainingHealth health = new TrainingHealth(X, Y);

        model.fit(X, Y, new FitOptions().epochs(1).batchSize(4).verbose(0).callbacks(health));

        LayerHealth hidden = health.records("dense").get(0);
        assertTrue(Double.isNaN(hidden.updateRatio()), "0 / 0 is no ratio");
        assertEquals(0.0, hidden.gradientNorm());
        assertEquals(1.0, hidden.deadFraction());
        assertTrue(health.warnings().stream().anyMatch(w -> w.problem() == TrainingHealth.Problem.ZERO_GRADIENT
                && w.layer().equals("dense")), health.warnings().toString());
    }

    @Test
    void largeUpdatesAreFlaggedFromTheSecondEpochAndEpochsCountOverFits() {
        Sequential model = model("tanh");
        model.compile("categorical_crossentropy", new SGD(200.0));   // absurdly large steps
        TrainingHealth health = new TrainingHealth(X, Y);

        model.fit(X, Y, new FitOptions().epochs(1).batchSize(1).verbose(0).callbacks(health));
        assertTrue(health.records("dense").get(0).updateRatio() > TrainingHealth.LARGE_UPDATE, health.table());
        assertTrue(health.warnings().stream().noneMatch(w -> w.problem() == TrainingHealth.Problem.LARGE_UPDATES),
                "the first epoch is exempt");

        model.fit(X, Y, new FitOptions().epochs(1).batchSize(1).verbose(0).stopOnNaN(false).callbacks(health));
        assertEquals(2, health.records("dense").get(1).epoch(), "a second fit continues the count");
        assertTrue(health.warnings().stream().anyMatch(w -> w.problem() == TrainingHealth.Problem.LARGE_UPDATES
                && w.epoch() == 2), health.table() + health.warnings());
    }

    @Test
    void aHealthyRunIsQuiet() {
        Sequential model = model("tanh");
        TrainingHealth health = new TrainingHealth(X, Y);
        model.fit(X, Y, new FitOptions().epochs(20).batchSize(2).verbose(0).callbacks(health));
        assertEquals(40, health.records().size());
        assertTrue(health.warnings().isEmpty(), health.table() + health.warnings());
        assertTrue(health.table().startsWith("epoch  layer"), health.table());
        assertTrue(health.table().contains("   20  dense_1       softmax"), health.table());
    }

    @Test
    void badProbeDataIsRejectedBeforeAnyWeightChanges() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingHealth(X, null));
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new TrainingHealth(X, Nd4j.zeros(DataType.DOUBLE, 3, 2)));
        assertTrue(rows.getMessage().contains("4 rows but y has 3"), rows.getMessage());

        Sequential model = model("tanh");
        List<INDArray> before = model.getWeights();
        TrainingHealth wrongWidth = new TrainingHealth(Nd4j.zeros(DataType.DOUBLE, 4, 5), Y);
        assertThrows(IllegalArgumentException.class,
                () -> model.fit(X, Y, new FitOptions().epochs(1).verbose(0).callbacks(wrongWidth)));
        List<INDArray> after = model.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), "no weight changed");
        }
    }
}
