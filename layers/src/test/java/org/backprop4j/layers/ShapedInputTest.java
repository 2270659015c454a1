package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples of a shape through every entry point: {@code Flatten(4, 3)} and {@code Input(4, 3) + Flatten()}
 * take {@code (samples, 4, 3)} and train exactly as {@code Input(12)} on the same values as rows;
 * errors name the layer and both shapes; summary, save and load, layer outputs and gradients.
 */
class ShapedInputTest {

    private static final int SAMPLES = 37;

    @TempDir
    Path directory;

    /** Rows (samples, 12) and the same values as samples (samples, 4, 3). */
    private static INDArray rows(DataType type) {
        return TestArrays.uniform(new Random(5), SAMPLES, 12, -1, 1).castTo(type);
    }

    private static INDArray labels(DataType type) {
        return TestArrays.oneHot(new Random(6), SAMPLES, 3).castTo(type);
    }

    private static Sequential compiled(Sequential model) {
        return model.compile("categorical_crossentropy", new Adam(0.01), "accuracy");
    }

    private static Sequential flat(DataType type) {
        return compiled(new Sequential(7L, type).add(new Input(12)).add(new Dense(8, "relu")).add(new Dense(3, "softmax")));
    }

    private static Sequential flattenFirst(DataType type) {
        return compiled(new Sequential(7L, type).add(new Flatten(4, 3)).add(new Dense(8, "relu")).add(new Dense(3, "softmax")));
    }

    private static Sequential inputThenFlatten(DataType type) {
        return compiled(new Sequential(7L, type).add(new Input(4, 3)).add(new Flatten()).add(new Dense(8, "relu"))
                .add(new Dense(3, "softmax")));
    }

    @Test
    void shapedModelsTrainBitForBitAsTheFlatOne() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            INDArray x = rows(type);
            INDArray pictures = x.reshape('c', SAMPLES, 4, 3);
            INDArray y = labels(type);
            FitOptions options = new FitOptions().epochs(3).batchSize(8).validationSplit(0.2).verbose(0); // shuffled, last batch short
            for (Supplier<Sequential> shaped : List.<Supplier<Sequential>>of(() -> flattenFirst(type), () -> inputThenFlatten(type))) {
                Sequential reference = flat(type);
                History expected = reference.fit(x, y, options);
                Sequential model = shaped.get();
                History history = model.fit(pictures, y, options);
                assertEquals(expected.history(), history.history(), type + " " + model);
                assertEquals(reference.getWeights(), model.getWeights());
                assertEquals(reference.predict(x), model.predict(pictures));
                assertEquals(reference.evaluate(x, y), model.evaluate(pictures, y));
                INDArray validation = rows(type).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                History withValidation = model.fit(pictures, y, new FitOptions().epochs(1).batchSize(16).verbose(0)
                        .validationData(validation.reshape('c', 5, 4, 3), y.getRows(0, 1, 2, 3, 4)));
                History expectedValidation = reference.fit(x, y, new FitOptions().epochs(1).batchSize(16).verbose(0)
                        .validationData(validation, y.getRows(0, 1, 2, 3, 4)));
                assertEquals(expectedValidation.history(), withValidation.history());
            }
        }
    }

    @Test
    void aFortranOrderedOrViewedArrayIsReadByItsIndices() {
        INDArray x = rows(DataType.DOUBLE);
        INDArray pictures = x.reshape('c', SAMPLES, 4, 3);
        Sequential model = flattenFirst(DataType.DOUBLE);
        assertEquals(model.predict(pictures), model.predict(pictures.dup('f')));
        INDArray wider = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, SAMPLES, 4, 5);
        wider.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4)).assign(pictures);
        INDArray view = wider.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4));
        assertEquals(model.predict(pictures), model.predict(view));
    }

    @Test
    void shapesAreKerasLikeInSummaryAndLayers() {
        Sequential model = inputThenFlatten(DataType.DOUBLE);
        String summary = model.summary();
        assertTrue(summary.contains(" input (Input)               (None, 4, 3)"), summary);
        assertTrue(summary.contains(" flatten (Flatten)           (None, 12)"), summary);
        assertTrue(summary.contains("Total params: 131"), summary);
        Layer flatten = model.getLayers().get(1);
        assertArrayEquals(new long[] {4, 3}, flatten.inputShape());
        assertArrayEquals(new long[] {12}, flatten.outputShape());
        assertEquals(12, flatten.inputSize());
        List<INDArray> outputs = model.layerOutputs(rows(DataType.DOUBLE).reshape('c', SAMPLES, 4, 3));
        assertArrayEquals(new long[] {SAMPLES, 4, 3}, outputs.get(0).shape());
        assertArrayEquals(new long[] {SAMPLES, 12}, outputs.get(1).shape());
        List<INDArray> gradients = model.layerGradients(rows(DataType.DOUBLE).reshape('c', SAMPLES, 4, 3), labels(DataType.DOUBLE));
        assertArrayEquals(new long[] {SAMPLES, 4, 3}, gradients.get(0).shape());
        assertEquals(gradients.get(1).reshape('c', SAMPLES, 4, 3), gradients.get(0));
    }

    @Test
    void wrongShapesGetMessagesNamingTheLayerAndBothShapes() {
        Sequential model = flattenFirst(DataType.DOUBLE);
        INDArray y = labels(DataType.DOUBLE);
        IllegalArgumentException flatData = assertThrows(IllegalArgumentException.class, () -> model.fit(rows(DataType.DOUBLE), y, 1, 8));
        assertTrue(flatData.getMessage().contains("Flatten 'flatten' expects samples of shape (None, 4, 3), got x of shape [37, 12]")
                && flatData.getMessage().contains("reshape it to (samples, 4, 3)"), flatData.getMessage());
        INDArray transposed = rows(DataType.DOUBLE).reshape('c', SAMPLES, 3, 4);
        for (Runnable call : List.<Runnable>of(() -> model.predict(transposed), () -> model.evaluate(transposed, y),
                () -> model.layerOutputs(transposed), () -> model.gradients(transposed, y))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains("(None, 4, 3)") && e.getMessage().contains("[37, 3, 4]"), e.getMessage());
        }
        IllegalArgumentException validation = assertThrows(IllegalArgumentException.class, () -> model.fit(
                rows(DataType.DOUBLE).reshape('c', SAMPLES, 4, 3), y, new FitOptions().epochs(1).verbose(0)
                        .validationData(rows(DataType.DOUBLE), y)));
        assertTrue(validation.getMessage().contains("got validation x of shape [37, 12]"), validation.getMessage());

        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(1L).add(new Input(28, 28)).add(new Dense(10)));
        assertTrue(dense.getMessage().contains("Dense 'dense' takes flat samples, shape (None, n), but gets (None, 28, 28)")
                && dense.getMessage().contains("add a Flatten() before it"), dense.getMessage());
        Sequential refused = new Sequential(1L).add(new Input(28, 28));
        Dense unused = new Dense(10);
        assertThrows(IllegalArgumentException.class, () -> refused.add(unused));
        assertEquals(1, refused.getLayers().size());
        assertEquals(null, unused.name(), "a refused layer is left as it was");
        Sequential other = new Sequential(1L).add(new Input(5)).add(unused);  // a layer refused once is not spoilt
        assertEquals("dense", unused.name());
        assertEquals(2, other.getLayers().size());
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Flatten(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Input(28, -1));
        assertThrows(IllegalArgumentException.class, () -> new Input(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new Input(1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Input(1L << 20, 1L << 20));
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class, () -> new Sequential(1L).add(new Flatten()));
        assertTrue(first.getMessage().contains("new Input(28, 28)"), first.getMessage());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(1L).add(new Input(6)).add(new Flatten(2, 3)));
        assertTrue(mismatch.getMessage().contains("declares the input shape (None, 2, 3) but follows Input 'input', which outputs (None, 6)"),
                mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Flatten.fromConfig(Map.of("inputShape", List.of(2, 0))));
        assertThrows(IllegalArgumentException.class, () -> Input.fromConfig(Map.of("shape", List.of())));
        assertThrows(IllegalArgumentException.class, () -> Input.fromConfig(Map.of("shape", List.of(2, "3"))));
    }

    @Test
    void saveAndLoadKeepTheShapes() throws IOException {
        for (Supplier<Sequential> make : List.<Supplier<Sequential>>of(() -> flattenFirst(DataType.DOUBLE),
                () -> inputThenFlatten(DataType.DOUBLE))) {
            Sequential model = make.get();
            INDArray pictures = rows(DataType.DOUBLE).reshape('c', SAMPLES, 4, 3);
            INDArray y = labels(DataType.DOUBLE);
            model.fit(pictures, y, new FitOptions().epochs(2).batchSize(8).verbose(0));
            Path file = directory.resolve("shaped.bp4j");
            model.save(file);
            Sequential loaded = Sequential.load(file);
            assertEquals(model.summary(), loaded.summary());
            assertEquals(model.predict(pictures), loaded.predict(pictures));
            assertArrayEquals(new long[] {4, 3}, loaded.getLayers().get(0).inputShape());
            model.fit(pictures, y, new FitOptions().epochs(2).batchSize(8).verbose(0));
            loaded.fit(pictures, y, new FitOptions().epochs(2).batchSize(8).verbose(0));
            assertEquals(model.getWeights(), loaded.getWeights(), "training goes on bit for bit after loading");
        }
    }

    @Test
    void gradientCheckThroughFlattenAndRescaling() {
        Sequential model = new Sequential(3L).add(new Input(2, 3)).add(new Rescaling(0.5, 0.25)).add(new Flatten())
                .add(new GaussianNoise(0.0)).add(new Dense(5, "tanh")).add(new GaussianDropout(0.0))
                .add(new Rescaling(-2.0)).add(new Dense(2, "sigmoid"));
        model.compile("binary_crossentropy", new Adam(), "accuracy");
        INDArray x = TestArrays.uniform(new Random(8), 9, 6, -2, 2).reshape('c', 9, 2, 3);
        INDArray y = TestArrays.uniform(new Random(9), 9, 2, 0, 1);
        GradientCheck.Result result = GradientCheck.check(model, x, y);
        assertTrue(result.maxRelativeError() < 1e-6, result.toString());
    }

    @Test
    void aShapedOutputPredictsAndTrainsWithShapedTargets() {
        Sequential model = new Sequential(3L).add(new Input(2, 3)).add(new Rescaling(2.0, 1.0));
        model.compile("mse", new Adam());
        INDArray x = TestArrays.uniform(new Random(8), 4, 6, -2, 2).reshape('c', 4, 2, 3);
        INDArray p = model.predict(x);
        assertArrayEquals(new long[] {4, 2, 3}, p.shape());
        assertEquals(x.mul(2.0).add(1.0), p);
        assertEquals(0.0, model.evaluate(x, p).get("loss"), 0.0);
        assertNotEquals(0.0, model.evaluate(x, x).get("loss"));
    }
}
