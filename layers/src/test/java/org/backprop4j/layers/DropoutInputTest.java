package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.optim.RMSprop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dropout (Keras' statistics, a gradient check with a fixed mask, inference identity, reruns) and Input. */
class DropoutInputTest {

    @TempDir
    Path directory;

    private static Dropout built(double rate, long columns) {
        Dropout dropout = new Dropout(rate);
        dropout.build(columns, DataType.DOUBLE, new Random(0));
        return dropout;
    }

    @Test
    void keepsTheMeanAndScalesKeptUnitsAsKerasTest() {
        // Keras' dropout_test: Dropout(0.5) on ones(20, 500) while training: mean within 0.02 of 1, max exactly 2
        Dropout dropout = built(0.5, 500);
        INDArray output = dropout.forward(Nd4j.ones(DataType.DOUBLE, 20, 500), new CallContext(true, new Random(1337), DataType.DOUBLE));
        double[] values = Arrays2D.rowMajor(output);
        double sum = 0;
        int dropped = 0;
        for (double value : values) {
            assertTrue(value == 0 || value == 2.0, "every output is 0 or 1 / (1 - rate), got " + value);
            sum += value;
            dropped += value == 0 ? 1 : 0;
        }
        assertEquals(1.0, sum / values.length, 0.02);
        assertEquals(2.0, output.maxNumber().doubleValue(), 0);
        assertEquals(0.5, (double) dropped / values.length, 0.02);
    }

    @Test
    void isTheIdentityInInferenceAndAtRateZero() {
        INDArray x = TestArrays.uniform(new Random(1), 3, 4, -1, 1);
        assertSame(x, built(0.3, 4).forward(x, CallContext.inference(DataType.DOUBLE)));
        assertSame(x, built(0.0, 4).forward(x, new CallContext(true, new Random(1), DataType.DOUBLE)));
    }

    @Test
    void gradientWithAFixedMaskMatchesCentralDifferences() {
        Dropout dropout = built(0.4, 5);
        INDArray x = TestArrays.uniform(new Random(2), 4, 5, -1, 1);
        INDArray weights = TestArrays.uniform(new Random(3), 4, 5, -2, 2); // L = sum(weights * dropout(x))
        CallContext context = new CallContext(true, new Random(99), DataType.DOUBLE);
        dropout.forward(x, context);
        INDArray analytic = dropout.backward(weights, true, context).dup();
        double[] numeric = new double[20];
        for (int i = 0; i < 20; i++) {
            INDArray plus = x.dup();
            plus.data().put(i, x.data().getDouble(i) + 1e-6);
            INDArray minus = x.dup();
            minus.data().put(i, x.data().getDouble(i) - 1e-6);
            numeric[i] = (loss(dropout, plus, weights) - loss(dropout, minus, weights)) / 2e-6; // same seed: same mask
        }
        assertArrayEquals(numeric, Arrays2D.rowMajor(analytic), 1e-8);
        int zeros = 0;
        for (double value : Arrays2D.rowMajor(analytic)) {
            zeros += value == 0 ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < 20, "the mask drops some entries and keeps others: " + zeros + " dropped");
    }

    private static double loss(Dropout dropout, INDArray x, INDArray weights) {
        return dropout.forward(x, new CallContext(true, new Random(99), DataType.DOUBLE)).mul(weights).sumNumber().doubleValue();
    }

    private static Sequential mlp(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Input(6)).add(new Dense(16, "relu")).add(new Dropout(0.2)).add(new Dense(16, "relu"))
                .add(new Dropout(0.2)).add(new Dense(3, "softmax"));
        return model.compile("sparse_categorical_crossentropy", new RMSprop(), "accuracy");
    }

    @Test
    void modelWithDropoutTrainsReproduciblyAndEvaluatesWithoutIt() throws IOException {
        Random random = new Random(4);
        INDArray x = TestArrays.uniform(random, 30, 6, -1, 1);
        INDArray y = Nd4j.create(new double[30], new long[] {30, 1});
        for (int i = 0; i < 30; i++) {
            y.putScalar(i, 0, random.nextInt(3));
        }
        FitOptions options = new FitOptions().epochs(3).batchSize(8).verbose(0);
        Sequential first = mlp(5);
        Sequential second = mlp(5);
        first.fit(x, y, options);
        second.fit(x, y, options);
        assertArrayEquals(ModelFixtures.flatWeights(first), ModelFixtures.flatWeights(second), 0.0, "same seed, same masks");
        assertEquals(first.evaluate(x, y), first.evaluate(x, y), "evaluate draws no mask");
        assertArrayEquals(Arrays2D.rowMajor(first.predict(x)), Arrays2D.rowMajor(first.predict(x)), 0.0);

        Path file = directory.resolve("dropout.bp4j");
        first.save(file);
        Sequential loaded = Sequential.load(file);
        assertInstanceOf(Input.class, loaded.getLayers().get(0));
        assertEquals(0.2, assertInstanceOf(Dropout.class, loaded.getLayers().get(2)).rate());
        first.fit(x, y, options);
        loaded.fit(x, y, options);
        assertArrayEquals(ModelFixtures.flatWeights(first), ModelFixtures.flatWeights(loaded), 0.0,
                "the random stream is saved too, so the masks after loading are the same");
        assertEquals(6 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3, first.getWeights().stream().mapToLong(INDArray::length).sum());
    }

    @Test
    void inputDeclaresTheSizeForTheNextLayers() {
        Sequential model = new Sequential(1L);
        model.add(new Input(784)).add(new Dense(128, "relu")).add(new Dense(10));
        assertArrayEquals(new long[] {784, 128}, model.getWeights().get(0).shape());
        assertTrue(model.summary().contains("input"), model.summary());
        Sequential mismatch = new Sequential(1L).add(new Input(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mismatch.add(new Dense(3, 5)));
        assertTrue(e.getMessage().contains("declares 5 inputs but follows Input 'input', which outputs 4"), e.getMessage());
        assertInstanceOf(Input.class, Registry.LAYERS.create("Input", java.util.Map.of("size", 3)));
    }

    @Test
    void badArgumentsAreRejected() {
        for (double rate : new double[] {1.0, -0.1, Double.NaN, 1.5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(rate));
            assertTrue(e.getMessage().contains("Dropout rate must be in [0, 1) (the fraction of inputs to drop), got " + rate),
                    e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Input(0));
        assertEquals("Input needs a positive number of input columns, got 0", e.getMessage());
    }
}
