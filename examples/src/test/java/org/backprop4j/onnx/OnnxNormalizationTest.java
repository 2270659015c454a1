package org.backprop4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.BatchNormalization;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.LayerNormalization;
import org.backprop4j.layers.Normalization;
import org.backprop4j.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The normalisation layers exported to ONNX (BatchNormalization and LayerNormalization as their
 * operators, Normalization as Sub and Div, or Mul and Add inverted) run in ONNX Runtime and give what
 * {@code predict} gives, after training moved the moving statistics: FLOAT within 1e-5, DOUBLE within
 * 1e-12 (relative, per sample) with epsilons that a float32 attribute holds exactly (2^-10); with
 * Keras' 0.001, which ONNX's float32 attribute rounds (by 5e-11, which small variances amplify), within 1e-7.
 */
class OnnxNormalizationTest {

    @TempDir
    Path dir;

    private static Sequential trained(DataType type, double epsilon) {
        Random random = new Random(3);
        INDArray x = OrtRunner.uniform(random, 40, 4, -3, 8).castTo(type);
        INDArray y = OrtRunner.uniform(random, 40, 2, 0, 1).castTo(type);
        Sequential model = new Sequential(5, type);
        model.add(new Normalization().adapt(x)).add(new Dense(6, "relu")).add(new BatchNormalization(0.7, epsilon))
                .add(new Dense(5, "tanh")).add(new LayerNormalization(epsilon))
                .add(new Normalization(new double[] {0.5}, new double[] {2.0}, true))
                .add(new BatchNormalization(0.5, epsilon, false, false)).add(new Dense(2));
        model.compile("mse", new Adam(0.01));
        model.fit(x, y, new FitOptions().epochs(3).batchSize(8).verbose(0));
        return model;
    }

    @Test
    void normalisationLayersRunInOnnxRuntimeAsInPredict() throws Exception {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (double epsilon : new double[] {0.0009765625, 1e-3}) {
                Sequential model = trained(type, epsilon);
                Path file = dir.resolve("norm-" + type + "-" + epsilon + ".onnx");
                Onnx.export(model, file);
                double tolerance = type == DataType.FLOAT ? 1e-5 : epsilon == 1e-3 ? 1e-7 : 1e-12;
                for (int batch : new int[] {1, 7, 64}) {
                    INDArray x = OrtRunner.uniform(new Random(batch), batch, 4, -3, 8).castTo(type);
                    double error = OrtRunner.rowRelativeError(OrtRunner.run(file, x, type), model.predict(x).toDoubleMatrix(), 1e-12);
                    assertTrue(error <= tolerance, type + " epsilon " + epsilon + " batch " + batch + ": relative error " + error);
                }
            }
        }
    }
}
