package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.junit.jupiter.api.Test;

/**
 * Keras 3's own tests of its normalisation layers, reproduced (keras/src/layers/normalization/
 * batch_normalization_test.py {@code test_correctness}, layer_normalization_test.py {@code test_output}
 * and {@code test_correctness}), at Keras' tolerances. In Keras a training call updates the moving
 * statistics at once; here the step does it after the pass ({@code updateState}), so each Keras call
 * {@code layer(x, training=True)} is a forward pass followed by {@code updateState}.
 */
class KerasNormalizationTestsTest {

    private static INDArray normal(Random random, int rows, int columns, double mean, double std) {
        INDArray x = Nd4j.create(DataType.DOUBLE, rows, columns);
        for (long i = 0; i < x.length(); i++) {
            x.data().put(i, mean + std * random.nextGaussian());
        }
        return x;
    }

    /** Keras' {@code layer(x, training=True)}: the pass, then its state update. */
    private static INDArray trainingCall(BatchNormalization layer, INDArray x) {
        CallContext context = new CallContext(true, new Random(0), DataType.DOUBLE);
        INDArray out = layer.forward(x, context).dup();
        layer.updateState(context);
        return out;
    }

    @Test
    void batchNormalizationCorrectnessAsKerasTest() {
        for (double movingMeanStart : new double[] {0, 1}) {
            for (double movingVarianceStart : new double[] {0, 1}) {
                BatchNormalization layer = new BatchNormalization(0.0, 1e-3);
                layer.build(3, DataType.DOUBLE, new Random(1));
                layer.parameters().get(2).value().assign(movingMeanStart);
                layer.parameters().get(3).value().assign(movingVarianceStart);
                INDArray x = normal(new Random(2), 10, 3, 5.0, 10.0); // centred on 5, variance 10 (Keras: std 10)
                INDArray out = x;
                for (int i = 0; i < 3; i++) {
                    out = trainingCall(layer, out);
                }
                INDArray normalised = out.subRowVector(layer.parameters().get(1).value()).divRowVector(layer.parameters().get(0).value());
                assertArrayEquals(new double[3], normalised.mean(0).toDoubleVector(), 1e-3);
                assertArrayEquals(new double[] {1, 1, 1}, normalised.std(false, 0).toDoubleVector(), 1e-3);
                Parameter movingMean = layer.parameters().get(2);
                Parameter movingVariance = layer.parameters().get(3);
                assertArrayEquals(new double[3], movingMean.value().toDoubleVector(), 1e-3);
                assertArrayEquals(new double[] {1, 1, 1}, movingVariance.value().toDoubleVector(), 1e-3 + 1e-6);

                INDArray inference = layer.forward(x, CallContext.inference(DataType.DOUBLE)).dup();
                INDArray training = trainingCall(layer, x);
                assertFalse(inference.equalsWithEps(training, 1e-6), "inference before training on x differs");
                training = trainingCall(layer, x);   // momentum 0: the moving statistics are now x's
                inference = layer.forward(x, CallContext.inference(DataType.DOUBLE));
                assertTrue(inference.equalsWithEps(training, 1e-6), "inference after training on x matches");
            }
        }
    }

    @Test
    void layerNormalizationOutputAsKerasTest() {
        LayerNormalization layer = new LayerNormalization();
        layer.build(5, DataType.FLOAT, new Random(1));
        layer.parameters().get(1).value().assign(1);   // beta_initializer="ones"
        INDArray out = layer.forward(Nd4j.createFromArray(new float[][] {{0, 1, 2, 3, 4}}), CallContext.inference(DataType.FLOAT));
        assertArrayEquals(new double[] {-0.41386, 0.29307, 1.0, 1.70693, 2.41386}, out.toDoubleVector(), 1e-5);
    }

    @Test
    void layerNormalizationCorrectnessAsKerasTest() {
        LayerNormalization layer = new LayerNormalization();
        layer.build(8, DataType.FLOAT, new Random(1));
        INDArray x = normal(new Random(3), 1000, 8, 5.0, 10.0).castTo(DataType.FLOAT);
        INDArray out = layer.forward(x, CallContext.inference(DataType.FLOAT)).castTo(DataType.DOUBLE);
        assertTrue(Math.abs(out.meanNumber().doubleValue()) < 1e-1);
        assertTrue(Math.abs(out.stdNumber().doubleValue() - 1) < 1e-1);
    }
}
