package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bad input fails fast with IllegalArgumentException or IllegalStateException, a message naming the
 * layer and the shapes or values, and no change to the model: weights bit-identical, same layers,
 * same compile state.
 */
class SequentialBadInputTest {

    private static final INDArray X = ModelFixtures.xorX();
    private static final INDArray Y = ModelFixtures.xorY();
    private static final String ACTIVATIONS = "sigmoid, softmax, tanh, relu, linear";

    /** The compiled XOR model: dense (2 -> 2), activation, dense_1 (2 -> 1), activation_1. */
    private static Sequential xor() {
        return ModelFixtures.xorModel(42, 1.0);
    }

    private static Sequential uncompiled() {
        return new Sequential(42).add(new Dense(2, 2)).add(new Activation("sigmoid")).add(new Dense(1))
                .add(new Activation("sigmoid"));
    }

    private static Sequential softmax() {
        return new Sequential(42).add(new Dense(2, 2)).add(new Activation("softmax"))
                .compile("categorical_crossentropy", new SGD(1.0), "accuracy");
    }

    private static INDArray with(INDArray array, int row, int column, double value) {
        INDArray copy = array.dup();
        copy.putScalar(row, column, value);
        return copy;
    }

    private static List<INDArray> weightsWith(int index, INDArray replacement) {
        List<INDArray> weights = new ArrayList<>(xor().getWeights());
        weights.set(0, weights.get(0).add(1.0));   // a valid change to an earlier array: must not be applied either
        weights.set(index, replacement);
        return weights;
    }

    private static Arguments fails(String what, Supplier<Sequential> fixture, Class<? extends RuntimeException> type,
                                   Consumer<Sequential> action, String... fragments) {
        return Arguments.of(what, fixture, type, action, List.of(fragments));
    }

    static Stream<Arguments> cases() {
        Class<IllegalArgumentException> argument = IllegalArgumentException.class;
        Class<IllegalStateException> state = IllegalStateException.class;
        INDArray threeColumns = Nd4j.ones(DataType.DOUBLE, 4, 3);
        return Stream.of(
                // shapes
                fails("x columns != input size (fit)", SequentialBadInputTest::xor, argument,
                        m -> m.fit(threeColumns, Y, 1, 4), "Dense 'dense'", "expects 2 input columns", "got 3", "[4, 3]"),
                fails("x columns != input size (predict)", SequentialBadInputTest::xor, argument,
                        m -> m.predict(threeColumns), "Dense 'dense'", "expects 2 input columns", "got 3", "[4, 3]"),
                fails("x columns != input size (trainOnBatch)", SequentialBadInputTest::xor, argument,
                        m -> m.trainOnBatch(threeColumns, Y), "Dense 'dense'", "got 3"),
                fails("y rows != x rows", SequentialBadInputTest::xor, argument,
                        m -> m.fit(X, Nd4j.zeros(DataType.DOUBLE, 3, 1), 1, 4), "x has 4 rows", "y has 3"),
                fails("y columns != output size", SequentialBadInputTest::xor, argument,
                        m -> m.evaluate(X, Nd4j.zeros(DataType.DOUBLE, 4, 2)),
                        "Activation 'activation_1'", "outputs 1", "y has 2", "[4, 2]"),
                fails("empty x", SequentialBadInputTest::xor, argument,
                        m -> m.fit(Nd4j.create(DataType.DOUBLE, 0, 2), Y, 1, 4), "x is empty", "[0, 2]"),
                fails("null x", SequentialBadInputTest::xor, argument, m -> m.fit(null, Y, 1, 4), "x must not be null"),
                fails("null y", SequentialBadInputTest::xor, argument, m -> m.fit(X, null, 1, 4), "y must not be null"),
                fails("rank-1 x", SequentialBadInputTest::xor, argument,
                        m -> m.predict(Nd4j.create(new double[] {0, 1})), "rank 1", "[2]", "reshape(1, n)"),
                fails("rank-3 x", SequentialBadInputTest::xor, argument,
                        m -> m.fit(Nd4j.zeros(DataType.DOUBLE, 4, 2, 1), Y, 1, 4), "rank 3", "[4, 2, 1]"),
                // values
                fails("NaN in x", SequentialBadInputTest::xor, argument,
                        m -> m.fit(with(X, 1, 0, Double.NaN), Y, 1, 4), "x contains NaN at row 1, column 0", "[4, 2]"),
                fails("Inf in x", SequentialBadInputTest::xor, argument,
                        m -> m.trainOnBatch(with(X, 2, 1, Double.POSITIVE_INFINITY), Y), "x contains Infinity at row 2, column 1"),
                fails("-Inf in x (predict)", SequentialBadInputTest::xor, argument,
                        m -> m.predict(with(X, 0, 0, Double.NEGATIVE_INFINITY)), "x contains -Infinity at row 0, column 0"),
                fails("NaN in y", SequentialBadInputTest::xor, argument,
                        m -> m.fit(X, with(Y, 3, 0, Double.NaN), 1, 4), "y contains NaN at row 3, column 0", "[4, 1]"),
                fails("Inf in y", SequentialBadInputTest::xor, argument,
                        m -> m.evaluate(X, with(Y, 1, 0, Double.POSITIVE_INFINITY)), "y contains Infinity at row 1, column 0"),
                fails("categorical targets not summing to 1", SequentialBadInputTest::softmax, argument,
                        m -> m.fit(X, Nd4j.create(new double[][] {{1, 0}, {0.5, 0}, {0, 1}, {0, 1}}), 1, 4),
                        "categorical_crossentropy", "row 1 sums to 0.5"),
                // life cycle
                fails("fit before compile", SequentialBadInputTest::uncompiled, state, m -> m.fit(X, Y, 1, 4), "fit", "compile"),
                fails("evaluate before compile", SequentialBadInputTest::uncompiled, state, m -> m.evaluate(X, Y), "evaluate", "compile"),
                fails("trainOnBatch before compile", SequentialBadInputTest::uncompiled, state,
                        m -> m.trainOnBatch(X, Y), "trainOnBatch", "compile"),
                fails("gradients before compile", SequentialBadInputTest::uncompiled, state,
                        m -> m.gradients(X, Y), "gradients", "compile"),
                fails("predict on an empty model", () -> new Sequential(1), state, m -> m.predict(X), "no layers"),
                fails("compile an empty model", () -> new Sequential(1), state, m -> m.compile("mse", new SGD()), "empty"),
                // names and hyper-parameters
                fails("unknown activation (Activation)", SequentialBadInputTest::xor, argument,
                        m -> m.add(new Activation("swoosh")), "'swoosh'", ACTIVATIONS),
                fails("unknown activation (Dense argument)", SequentialBadInputTest::xor, argument,
                        m -> m.add(new Dense(2, "geluu")), "'geluu'", ACTIVATIONS),
                fails("unknown loss", SequentialBadInputTest::xor, argument,
                        m -> m.compile("dice", new SGD()), "'dice'", "mean_squared_error, mse, binary_crossentropy"),
                fails("unknown optimizer", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", "adamz"), "'adamz'", "sgd"),
                fails("unknown metric", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", new SGD(), "accuracy", "f1"), "'f1'", "accuracy, acc"),
                fails("null optimizer", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", (Optimizer) null), "optimizer"),
                fails("epochs 0", SequentialBadInputTest::xor, argument, m -> m.fit(X, Y, 0, 4), "epochs", "got 0"),
                fails("epochs -2", SequentialBadInputTest::xor, argument, m -> m.fit(X, Y, -2, 4), "epochs", "got -2"),
                fails("batch size 0", SequentialBadInputTest::xor, argument, m -> m.fit(X, Y, 1, 0), "batchSize", "got 0"),
                fails("batch size -4", SequentialBadInputTest::xor, argument, m -> m.fit(X, Y, 1, -4), "batchSize", "got -4"),
                fails("null fit options", SequentialBadInputTest::xor, argument, m -> m.fit(X, Y, null), "options"),
                fails("learning rate 0", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", new SGD(0.0)), "learning rate", "got 0.0"),
                fails("learning rate -0.1", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", new SGD(-0.1)), "learning rate", "got -0.1"),
                fails("learning rate NaN", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", new SGD(Double.NaN)), "learning rate", "got NaN"),
                fails("learning rate Infinity", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", new SGD(Double.POSITIVE_INFINITY)), "learning rate", "got Infinity"),
                fails("momentum -0.5", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", new SGD(0.1, -0.5, false)), "momentum", "got -0.5"),
                fails("momentum 1", SequentialBadInputTest::xor, argument,
                        m -> m.compile("mse", new SGD(0.1, 1.0, true)), "momentum", "got 1.0"),
                // weights
                fails("setWeights with too few arrays", SequentialBadInputTest::xor, argument,
                        m -> m.setWeights(m.getWeights().subList(0, 3)), "expects 4 arrays", "got 3", "Dense 'dense_1' bias"),
                fails("setWeights with a wrong kernel shape", SequentialBadInputTest::xor, argument,
                        m -> m.setWeights(weightsWith(2, Nd4j.zeros(DataType.DOUBLE, 1, 2))),
                        "Dense 'dense_1' kernel", "[2, 1]", "got [1, 2]"),
                fails("setWeights with a wrong bias shape", SequentialBadInputTest::xor, argument,
                        m -> m.setWeights(weightsWith(3, Nd4j.zeros(DataType.DOUBLE, 2))), "Dense 'dense_1' bias", "[1]", "[2]"),
                fails("setWeights with NaN", SequentialBadInputTest::xor, argument,
                        m -> m.setWeights(weightsWith(2, Nd4j.create(new double[][] {{0.5}, {Double.NaN}}))),
                        "Dense 'dense_1' kernel", "NaN", "row 1, column 0"),
                fails("setWeights with a null entry", SequentialBadInputTest::xor, argument,
                        m -> m.setWeights(weightsWith(1, null)), "array 1", "Dense 'dense' bias", "null"),
                fails("setWeights(null)", SequentialBadInputTest::xor, argument, m -> m.setWeights(null), "weights"),
                // building
                fails("Dense units 0", SequentialBadInputTest::xor, argument, m -> m.add(new Dense(0)), "Dense", "units", "got 0"),
                fails("Dense units -3", SequentialBadInputTest::xor, argument, m -> m.add(new Dense(-3, 2)), "Dense", "got -3"),
                fails("Dense inputDim 0", SequentialBadInputTest::xor, argument, m -> m.add(new Dense(2, 0)), "inputDim", "got 0"),
                fails("first layer without input size", () -> new Sequential(1), argument,
                        m -> m.add(new Dense(2)), "first layer", "input", "Dense 'dense'"),
                fails("declared input size != previous output", SequentialBadInputTest::xor, argument,
                        m -> m.add(new Dense(3, 5)), "Dense 'dense_2'", "declares 5 inputs", "Activation 'activation_1'", "outputs 1"),
                fails("the same layer twice", SequentialBadInputTest::xor, state,
                        m -> m.add(m.getLayers().get(2)), "Dense 'dense_1'", "already"),
                fails("a layer of another model", SequentialBadInputTest::xor, state,
                        m -> m.add(xor().getLayers().get(0)), "Dense 'dense'", "already"),
                fails("a null layer", SequentialBadInputTest::xor, argument, m -> m.add(null), "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsFastAndChangesNothing(String what, Supplier<Sequential> fixture, Class<? extends RuntimeException> type,
                                    Consumer<Sequential> action, List<String> fragments) {
        Sequential model = fixture.get();
        double[] weights = ModelFixtures.flatWeights(model);
        List<Layer> layers = List.copyOf(model.getLayers());
        boolean compiled = model.isCompiled();
        Loss loss = model.loss();
        Optimizer optimizer = model.optimizer();

        RuntimeException error = assertThrows(type, () -> action.accept(model));

        assertEquals(type, error.getClass(), what);
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment), "message lacks \"" + fragment + "\": " + error.getMessage());
        }
        assertArrayEquals(weights, ModelFixtures.flatWeights(model), "weights changed");
        assertEquals(layers, model.getLayers(), "layers changed");
        assertEquals(compiled, model.isCompiled(), "compile state changed");
        assertSame(loss, model.loss());
        assertSame(optimizer, model.optimizer());
    }

    @Test
    void aFailedAddDoesNotUseUpALayerName() {
        Sequential model = xor();
        assertThrows(IllegalArgumentException.class, () -> model.add(new Dense(3, 5)));
        try (ExpectedWarnings warnings = new ExpectedWarnings()) {
            model.add(new Dense(3));
            assertEquals(1, warnings.messages().size(), warnings.messages().toString());
        }
        assertEquals("dense_2", model.getLayers().get(4).name());
    }

    @Test
    void addingALayerAfterCompileRequiresCompilingAgain() {
        Sequential model = xor();
        try (ExpectedWarnings warnings = new ExpectedWarnings()) {
            model.add(new Dense(1));
            assertEquals(List.of("Dense 'dense_2' was added after compile(): call compile(...) again before training"),
                    warnings.messages());
        }
        assertFalse(model.isCompiled());
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.fit(X, Y, 1, 4));
        assertTrue(error.getMessage().contains("added or removed after the last compile"), error.getMessage());
        model.compile("mse", new SGD());
        assertTrue(model.isCompiled());
        model.fit(X, Y, new FitOptions().verbose(0));
    }

    @Test
    void onlyFloatingPointModels() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Sequential(1, DataType.INT32));
        assertTrue(error.getMessage().contains("INT"), error.getMessage());
    }

    @Test
    void gradientChecksNeedADoubleModel() {
        Sequential model = new Sequential(1, DataType.FLOAT).add(new Dense(1, 2)).compile("mse", new SGD());
        double[] weights = ModelFixtures.flatWeights(model);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> GradientCheck.check(model, X, Y));
        assertTrue(error.getMessage().contains("FLOAT"), error.getMessage());
        assertTrue(Arrays.equals(weights, ModelFixtures.flatWeights(model)));
    }
}
