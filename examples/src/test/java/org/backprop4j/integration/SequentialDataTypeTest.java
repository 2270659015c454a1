package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** DOUBLE by default, FLOAT on request, and inputs of another type converted to the model's. */
class SequentialDataTypeTest {

    private static final FitOptions QUIET = new FitOptions().epochs(300).batchSize(4).verbose(0).shuffle(false);

    private static Sequential xor(DataType dataType) {
        return new Sequential(42, dataType).add(new Dense(3, 2, "tanh")).add(new Dense(1)).add(new Activation("sigmoid"))
                .compile("binary_crossentropy", new SGD(0.5, 0.9, false), "accuracy");
    }

    private static void assertAll(DataType expected, List<INDArray> arrays) {
        for (INDArray array : arrays) {
            assertEquals(expected, array.dataType());
        }
    }

    @Test
    void doubleIsTheDefault() {
        Sequential model = new Sequential(1).add(new Dense(1, 2)).compile("mse", new SGD());
        assertEquals(DataType.DOUBLE, model.dataType());
        assertEquals(DataType.DOUBLE, new Sequential().dataType());
        assertAll(DataType.DOUBLE, model.getWeights());
        assertEquals(DataType.DOUBLE, model.predict(ModelFixtures.xorX()).dataType());
        assertAll(DataType.DOUBLE, model.gradients(ModelFixtures.xorX(), ModelFixtures.xorY()));
    }

    @Test
    void floatModelTrainsAndPredictsInFloat() {
        Sequential model = xor(DataType.FLOAT);
        INDArray x = ModelFixtures.xorX().castTo(DataType.FLOAT);
        INDArray y = ModelFixtures.xorY().castTo(DataType.FLOAT);
        assertAll(DataType.FLOAT, model.getWeights());
        double before = model.evaluate(x, y).get("loss");

        History history = model.fit(x, y, QUIET);

        assertEquals(DataType.FLOAT, model.dataType());
        assertAll(DataType.FLOAT, model.getWeights());
        for (Layer layer : model.getLayers()) {
            assertEquals(DataType.FLOAT, layer.dataType());
            assertAll(DataType.FLOAT, layer.parameters().stream().map(Parameter::value).toList());
            assertAll(DataType.FLOAT, layer.parameters().stream().map(Parameter::gradient).toList());
        }
        INDArray p = model.predict(x);
        assertEquals(DataType.FLOAT, p.dataType());
        assertEquals(DataType.FLOAT, model.predict(ModelFixtures.xorX()).dataType(), "DOUBLE input to a FLOAT model");
        double after = history.get("loss").get(history.epochs() - 1);
        assertTrue(after < before / 2, "FLOAT training lowered the loss from " + before + " to " + after);
        assertEquals(1.0, model.evaluate(x, y).get("accuracy"), 0, "predictions " + p);
    }

    /** FLOAT (and int) inputs holding exactly representable values train a DOUBLE model exactly as DOUBLE inputs do. */
    @Test
    void otherInputTypesAreConvertedToTheModelsType() {
        Sequential fromDouble = xor(DataType.DOUBLE);
        Sequential fromFloat = xor(DataType.DOUBLE);
        Sequential fromInt = xor(DataType.DOUBLE);
        fromDouble.fit(ModelFixtures.xorX(), ModelFixtures.xorY(), QUIET);
        fromFloat.fit(ModelFixtures.xorX().castTo(DataType.FLOAT), ModelFixtures.xorY().castTo(DataType.FLOAT), QUIET);
        fromInt.fit(ModelFixtures.xorX().castTo(DataType.INT32), ModelFixtures.xorY().castTo(DataType.INT32), QUIET);
        assertArrayEquals(ModelFixtures.flatWeights(fromDouble), ModelFixtures.flatWeights(fromFloat));
        assertArrayEquals(ModelFixtures.flatWeights(fromDouble), ModelFixtures.flatWeights(fromInt));

        INDArray p = fromFloat.predict(Nd4j.create(new float[][] {{0, 1}, {1, 1}}));
        assertEquals(DataType.DOUBLE, p.dataType());
        assertArrayEquals(Arrays2D.rowMajor(fromDouble.predict(Nd4j.create(new double[][] {{0, 1}, {1, 1}}))),
                Arrays2D.rowMajor(p), 0);
        assertEquals(DataType.DOUBLE, fromFloat.getWeights().get(0).dataType());
    }

    /** Row views, column-major arrays and strided views hold the same numbers as plain arrays, and give the same results. */
    @Test
    void viewsAndColumnMajorInputsAreReadByValue() {
        Sequential model = xor(DataType.DOUBLE);
        INDArray x = ModelFixtures.xorX();
        INDArray y = ModelFixtures.xorY();
        INDArray wide = Nd4j.hstack(x, Nd4j.zeros(DataType.DOUBLE, 4, 1), y);   // (4, 4): x | 0 | y
        INDArray xView = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        INDArray yView = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 4));
        double[] expected = Arrays2D.rowMajor(model.predict(x));
        assertArrayEquals(expected, Arrays2D.rowMajor(model.predict(x.dup('f'))), 0);
        assertArrayEquals(expected, Arrays2D.rowMajor(model.predict(xView)), 0);
        assertArrayEquals(new double[] {expected[1], expected[2]},
                Arrays2D.rowMajor(model.predict(x.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()))), 0);
        assertEquals(model.evaluate(x, y), model.evaluate(xView, yView.dup('f')));
    }

    @Test
    void floatWeightsMayBeSetFromDoubleArrays() {
        Sequential model = new Sequential(1, DataType.FLOAT).add(new Dense(1, 2));
        model.setWeights(List.of(Nd4j.create(new double[][] {{0.5}, {0.25}}), Nd4j.create(new double[] {0.125})));
        assertAll(DataType.FLOAT, model.getWeights());
        assertArrayEquals(new double[] {0.5, 0.25, 0.125}, ModelFixtures.flatWeights(model), 0);
    }
}
