package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Normalization: Keras' adapt and outputs, its errors, its weights in summary, save and load. */
class NormalizationTest {

    @TempDir
    Path directory;

    @Test
    void adaptAndOutputsMatchKeras() throws IOException {
        for (Map<String, Object> c : KerasFixture.cases("normalization")) {
            String name = (String) c.get("name");
            DataType type = KerasFixture.type(c);
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 2e-6;
            boolean invert = (Boolean) c.get("invert");
            Normalization layer;
            if (c.containsKey("given_mean")) {
                layer = new Normalization(KerasFixture.vector(c.get("given_mean")), KerasFixture.vector(c.get("given_variance")),
                        invert);
            } else {
                layer = new Normalization(invert).adapt(KerasFixture.array(c.get("adapt"), type));
            }
            INDArray x = KerasFixture.array(c.get("x"), type);
            Sequential model = new Sequential(1L, type);
            if (layer.declaredInputSize() < 0) {
                model.add(new Input(x.columns()));
            }
            model.add(layer);
            INDArray y = model.predict(x);
            assertEquals(type, y.dataType());
            assertTrue(KerasFixture.error(y, KerasFixture.array(c.get("y"), type)) <= tolerance,
                    name + ": " + y + " vs Keras " + c.get("y"));
            if (c.containsKey("mean")) {
                List<INDArray> weights = model.getWeights();
                assertEquals(3, weights.size(), name);
                assertTrue(KerasFixture.error(weights.get(0), KerasFixture.array(c.get("mean"), type)) <= tolerance, name + " mean");
                assertTrue(KerasFixture.error(weights.get(1), KerasFixture.array(c.get("variance"), type)) <= tolerance,
                        name + " variance " + weights.get(1));
                assertEquals(((List<?>) c.get("adapt")).size(), weights.get(2).getDouble(0), 0, name + " count: the rows adapted");
                assertArrayEquals(new long[] {1}, weights.get(2).shape(), "count: one number (Keras: shape ())");
            } else {
                assertTrue(model.getWeights().isEmpty(), "given statistics are no weights, as in Keras");
            }
        }
    }

    @Test
    void predictBeforeAdaptIsAClearError() {
        Sequential model = new Sequential(1L, DataType.DOUBLE);
        model.add(new Input(3)).add(new Normalization());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predict(Nd4j.ones(DataType.DOUBLE, 2, 3)));
        assertTrue(e.getMessage().contains("Normalization 'normalization' has not been adapted"), e.getMessage());
        model.add(new Dense(1)).compile("mse", new Adam());
        INDArray weightsBefore = model.getWeights().get(3);
        assertThrows(IllegalStateException.class, () -> model.fit(Nd4j.ones(DataType.DOUBLE, 4, 3),
                Nd4j.ones(DataType.DOUBLE, 4, 1), 1, 2));
        assertEquals(weightsBefore, model.getWeights().get(3), "fit failed before any update");
    }

    @Test
    void badDataForAdaptChangesNothing() {
        Normalization layer = new Normalization();
        Sequential model = new Sequential(1L, DataType.DOUBLE);
        model.add(layer.adapt(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {3, 4, 5}})));
        double[] mean = layer.mean();
        INDArray nan = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {Double.NaN, 4, 5}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.adapt(nan));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("row 1, column 0"), e.getMessage());
        INDArray inf = Nd4j.createFromArray(new double[][] {{1, 2, Double.POSITIVE_INFINITY}});
        e = assertThrows(IllegalArgumentException.class, () -> layer.adapt(inf));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.adapt(Nd4j.ones(DataType.DOUBLE, 4, 2)));
        assertTrue(e.getMessage().contains("takes 3 columns, adapt got 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.adapt(Nd4j.create(DataType.DOUBLE, 0, 3)));
        assertTrue(e.getMessage().contains("at least one row"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.adapt(null));
        assertThrows(IllegalArgumentException.class, () -> layer.adapt(Nd4j.ones(DataType.DOUBLE, 3)));
        assertArrayEquals(mean, layer.mean(), 0);
        assertEquals(2.0, model.getWeights().get(2).getDouble(0), 0);
        assertThrows(IllegalStateException.class, () -> new Normalization(1, 2).adapt(Nd4j.ones(DataType.DOUBLE, 2, 1)));
    }

    @Test
    void badStatisticsAreRefusedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Normalization(0, -1));
        assertTrue(e.getMessage().contains("variance -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalization(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new double[] {1}, null, false));
        Sequential model = new Sequential(1L, DataType.DOUBLE);
        model.add(new Input(3));
        e = assertThrows(IllegalArgumentException.class,
                () -> model.add(new Normalization(new double[] {0, 0}, new double[] {1, 1})));
        assertTrue(e.getMessage().contains("declares 2 inputs"), e.getMessage());
    }

    @Test
    void adaptBeforeTheModelDeclaresTheWidthAndSummaryCountsNonTrainableWeights() {
        Normalization norm = new Normalization().adapt(TestArrays.uniform(new Random(1), 10, 4, -1, 3));
        assertEquals(4, norm.declaredInputSize());
        Sequential model = new Sequential(1L, DataType.DOUBLE);
        model.add(norm).add(new Dense(2)).compile("mse", new Adam());
        String summary = model.summary();
        // Keras: Normalization(4) has mean (4), variance (4), count = 9 non-trainable; Dense 4*2+2 = 10
        assertTrue(summary.contains("Total params: 19"), summary);
        assertTrue(summary.contains("Trainable params: 10"), summary);
        assertTrue(summary.contains("Non-trainable params: 9"), summary);
    }

    @Test
    void gradientFlowsThroughTheScalingAndTrainingLeavesTheStatistics() {
        Sequential model = new Sequential(4L, DataType.DOUBLE);
        model.add(new Dense(3, 2, "tanh"))
                .add(new Normalization(new double[] {0.1, -0.2, 0.3}, new double[] {0.5, 2.0, 0.25}))
                .add(new Normalization(true).adapt(TestArrays.uniform(new Random(5), 6, 3, -2, 2)))
                .add(new Dense(2, "softmax"));
        model.compile("categorical_crossentropy", new Adam(0.01));
        INDArray x = TestArrays.uniform(new Random(2), 5, 2, -1, 1);
        INDArray y = TestArrays.oneHot(new Random(3), 5, 2);
        GradientCheck.Result result = GradientCheck.check(model, x, y);
        assertTrue(result.maxRelativeError() < 1e-6, result.toString());
        assertTrue(result.worstRelativeErrors().containsKey("dense/kernel"), result.toString());
        assertFalse(result.worstRelativeErrors().containsKey("normalization_1/mean"), result.toString());
        List<INDArray> before = model.getWeights();
        model.fit(x, y, 3, 5);
        List<INDArray> after = model.getWeights();
        for (int i = 2; i <= 4; i++) {
            assertEquals(before.get(i), after.get(i), "the optimizer never touches weight " + i);
        }
        assertFalse(before.get(0).equals(after.get(0)), "the Dense kernel before the Normalization trains");
    }

    @Test
    void saveAndLoadKeepTheStatisticsAndTrainingContinuesIdentically() throws IOException {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            INDArray x = TestArrays.uniform(new Random(7), 12, 3, -5, 20).castTo(type);
            INDArray y = TestArrays.uniform(new Random(8), 12, 1, 0, 1).castTo(type);
            Sequential model = new Sequential(9L, type);
            model.add(new Normalization().adapt(x)).add(new Dense(4, "relu"))
                    .add(new Normalization(new double[] {0.5}, new double[] {4}, false)).add(new Dense(1));
            model.compile("mse", new Adam(0.01));
            model.fit(x, y, new FitOptions().epochs(2).batchSize(4).verbose(0));
            Path file = directory.resolve("norm-" + type + ".zip");
            model.save(file);
            Sequential loaded = Sequential.load(file);
            assertEquals(model.getWeights(), loaded.getWeights());
            assertEquals(model.predict(x), loaded.predict(x));
            Normalization given = (Normalization) loaded.getLayers().get(2);
            assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, given.mean(), 0);
            model.fit(x, y, new FitOptions().epochs(2).batchSize(4).verbose(0));
            loaded.fit(x, y, new FitOptions().epochs(2).batchSize(4).verbose(0));
            assertEquals(model.getWeights(), loaded.getWeights(), type + ": training continues bit for bit");
        }
    }

    @Test
    void configRoundTripsThroughTheRegistry() {
        Normalization given = new Normalization(new double[] {1, 2}, new double[] {3, 4}, true);
        Normalization again = (Normalization) Registry.LAYERS.create("Normalization", given.config());
        assertEquals(given.config(), again.config());
        assertArrayEquals(new double[] {1, 2}, again.mean(), 0);
        assertTrue(again.invert());
        Normalization adapted = (Normalization) Registry.LAYERS.create("Normalization", new Normalization().config());
        assertFalse(adapted.isAdapted());
    }
}
