package org.backprop4j.layers;

import static org.backprop4j.core.TestArrays.uniform;
import static org.backprop4j.layers.ModelFixtures.assertGradientsMatch;
import static org.backprop4j.layers.ModelFixtures.withRandomBiases;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.losses.BinaryFocalCrossentropy;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.CategoricalFocalCrossentropy;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ring-2 losses inside a model: whole-network gradient checks in DOUBLE (through the fused
 * softmax/sigmoid path where label smoothing applies), the fused and the explicit-Jacobian backprop
 * training to the same weights with label smoothing, and the loss's settings surviving save/load.
 */
class RingTwoLossModelTest {

    /** Each loss by name, after the output activation its targets suit. */
    @ParameterizedTest
    @ValueSource(strings = {"kl_divergence:softmax", "poisson:softplus_free", "log_cosh:linear", "hinge:tanh",
            "squared_hinge:tanh", "categorical_hinge:linear", "msle:relu_free", "mape:linear", "cosine_similarity:linear",
            "binary_focal_crossentropy:sigmoid", "categorical_focal_crossentropy:softmax"})
    void wholeModelGradientsMatchCentralDifferences(String spec) {
        String loss = spec.substring(0, spec.indexOf(':'));
        String output = spec.substring(spec.indexOf(':') + 1);
        Random random = new Random(loss.hashCode());
        // poisson and msle want positive predictions: a sigmoid output keeps them in (0, 1) without kinks
        String activation = output.endsWith("_free") ? "sigmoid" : output;
        Sequential model = new Sequential(7).add(new Dense(5, 4, "tanh")).add(new Dense(3, activation))
                .compile(loss, new SGD());
        withRandomBiases(model, random, -0.5, 0.5);
        INDArray x = uniform(random, 6, 4, -1, 1);
        INDArray y = switch (loss) {
            case "kl_divergence", "binary_focal_crossentropy" -> uniform(random, 6, 3, 0.05, 0.95);
            case "hinge", "squared_hinge", "categorical_hinge", "categorical_focal_crossentropy" -> TestArrays.oneHot(random, 6, 3);
            case "poisson", "msle" -> uniform(random, 6, 3, 0, 3);
            default -> uniform(random, 6, 3, -2, 2);
        };
        if (loss.equals("mape")) {
            y.addi(y.gt(0).castTo(y.dataType()).mul(2).subi(1).muli(0.5)); // keep |y| >= 0.5: finite slopes
        }
        assertGradientsMatch(model, x, y);
    }

    @Test
    void labelSmoothingThroughTheFusedOutputPassesTheGradientCheck() {
        Random random = new Random(41);
        INDArray x = uniform(random, 6, 4, -1, 1);
        INDArray y = TestArrays.oneHot(random, 6, 3);
        for (Loss loss : new Loss[] {new CategoricalCrossentropy(false, 0.1), new CategoricalCrossentropy(true, 0.2)}) {
            Sequential model = new Sequential(8).add(new Dense(5, 4, "tanh"))
                    .add(new Dense(3, ((CategoricalCrossentropy) loss).fromLogits() ? "linear" : "softmax"))
                    .compile(loss, new SGD());
            withRandomBiases(model, random, -0.5, 0.5);
            assertGradientsMatch(model, x, y);
        }
        for (Loss loss : new Loss[] {new BinaryCrossentropy(false, 0.3), new BinaryCrossentropy(true, 0.3)}) {
            Sequential model = new Sequential(9).add(new Dense(5, 4, "tanh"))
                    .add(new Dense(3, ((BinaryCrossentropy) loss).fromLogits() ? "linear" : "sigmoid"))
                    .compile(loss, new SGD());
            withRandomBiases(model, random, -0.5, 0.5);
            assertGradientsMatch(model, x, y);
        }
    }

    @Test
    void fusedAndExplicitJacobianTrainTheSameWithLabelSmoothing() {
        Random random = new Random(42);
        INDArray x = uniform(random, 8, 4, -1, 1);
        INDArray y = TestArrays.oneHot(random, 8, 3);
        for (String output : new String[] {"softmax", "sigmoid"}) {
            Loss loss = output.equals("softmax") ? new CategoricalCrossentropy(false, 0.1) : new BinaryCrossentropy(false, 0.1);
            Sequential fused = new Sequential(10).add(new Dense(5, 4, "tanh")).add(new Dense(3, output)).compile(loss, new SGD(0.5));
            Sequential explicit = new Sequential(10).add(new Dense(5, 4, "tanh")).add(new Dense(3, output))
                    .compile(loss, new SGD(0.5)).setBackprop(Backprop.EXPLICIT_JACOBIAN);
            FitOptions options = new FitOptions().epochs(20).batchSize(4).verbose(0).shuffle(false);
            fused.fit(x, y, options);
            explicit.fit(x, y, options);
            assertArrayEquals(ModelFixtures.flatWeights(explicit), ModelFixtures.flatWeights(fused), 1e-12, output);
        }
    }

    @Test
    void theLossAndItsSettingsSurviveSaveAndLoad(@TempDir Path folder) throws Exception {
        Random random = new Random(43);
        INDArray x = uniform(random, 6, 4, -1, 1);
        INDArray y = TestArrays.oneHot(random, 6, 3);
        Loss[] losses = {new BinaryFocalCrossentropy(true, 0.4, 1.5, false, 0.1), new CategoricalFocalCrossentropy(0.5, 3, true),
                new CategoricalCrossentropy(false, 0.15), new BinaryCrossentropy(true, 0.05)};
        String[] outputs = {"sigmoid", "linear", "softmax", "linear"};
        for (int i = 0; i < losses.length; i++) {
            Sequential model = new Sequential(11).add(new Dense(5, 4, "tanh")).add(new Dense(3, outputs[i]))
                    .compile(losses[i], new SGD(0.1));
            Path file = folder.resolve("model" + i + ".bp4j");
            model.save(file);
            Sequential loaded = Sequential.load(file);
            assertEquals(losses[i].getClass(), loaded.loss().getClass());
            assertEquals(losses[i].config(), loaded.loss().config());
            assertEquals(model.evaluate(x, y).get("loss"), loaded.evaluate(x, y).get("loss"), 0.0);
        }
        Sequential byName = new Sequential(12).add(new Dense(3, 4, "softmax")).compile("kld", new SGD());
        byName.save(folder.resolve("kld.bp4j"));
        assertEquals("kl_divergence", Sequential.load(folder.resolve("kld.bp4j")).loss().name());
        assertTrue(Double.isFinite(byName.evaluate(x, y).get("loss")));
    }
}
