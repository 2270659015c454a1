package org.backprop4j.onnx;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test helper: runs an ONNX file in ONNX Runtime (its Java API, CPU) and measures how far its outputs
 * are from backprop4j's.
 */
final class OrtRunner {

    private OrtRunner() {
    }

    /** ONNX Runtime's output for {@code x} (of any rank), fed in the model's type, as doubles {@code [rows][columns]}. */
    static double[][] run(Path file, INDArray x, DataType type) throws OrtException {
        return run(file, x, type, OrtSession.SessionOptions.OptLevel.ALL_OPT);
    }

    /** As {@link #run(Path, INDArray, DataType)} with ONNX Runtime's graph optimisations at {@code level}. */
    static double[][] run(Path file, INDArray x, DataType type, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(level);
            try (OrtSession session = environment.createSession(file.toString(), options)) {
                String input = session.getInputNames().iterator().next();
                long[] shape = x.shape();                  // (batch, features) or (batch, d1, ..., dk)
                try (OnnxTensor tensor = type == DataType.FLOAT
                        ? OnnxTensor.createTensor(environment,
                                java.nio.FloatBuffer.wrap(x.castTo(DataType.FLOAT).dup('c').data().asFloat()), shape)
                        : OnnxTensor.createTensor(environment,
                                java.nio.DoubleBuffer.wrap(x.castTo(DataType.DOUBLE).dup('c').data().asDouble()), shape);
                     OrtSession.Result result = session.run(Map.of(input, tensor))) {
                    Object value = result.get(0).getValue();
                    if (value instanceof float[][] floats) {
                        double[][] out = new double[floats.length][];
                        for (int i = 0; i < floats.length; i++) {
                            out[i] = new double[floats[i].length];
                            for (int j = 0; j < floats[i].length; j++) {
                                out[i][j] = floats[i][j];
                            }
                        }
                        return out;
                    }
                    return (double[][]) value;
                }
            }
        }
    }

    /**
     * The largest element-wise relative difference {@code |a - b| / max(|b|, floor)}: relative for
     * values of at least {@code floor} in size, absolute (scaled by 1 / floor) below.
     */
    static double relativeError(double[][] actual, double[][] expected, double floor) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double difference = Math.abs(actual[i][j] - expected[i][j]);
                worst = Math.max(worst, difference / Math.max(Math.abs(expected[i][j]), floor));
                if (Double.isNaN(actual[i][j]) != Double.isNaN(expected[i][j])) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        return worst;
    }

    /**
     * The largest per-sample relative difference in the max norm, {@code max_j |a_j - b_j| / max_j |b_j|}
     * for each row (each sample's output vector), the denominator at least {@code floor}: the usual
     * relative error of a vector, blind to an element that is small only because its sum cancelled.
     */
    static double rowRelativeError(double[][] actual, double[][] expected, double floor) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double difference = 0;
            double size = floor;
            for (int j = 0; j < expected[i].length; j++) {
                if (Double.isNaN(actual[i][j]) != Double.isNaN(expected[i][j])) {
                    return Double.POSITIVE_INFINITY;
                }
                difference = Math.max(difference, Math.abs(actual[i][j] - expected[i][j]));
                size = Math.max(size, Math.abs(expected[i][j]));
            }
            worst = Math.max(worst, difference / size);
        }
        return worst;
    }

    /** The largest element-wise absolute difference. */
    static double absoluteError(double[][] actual, double[][] expected) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j]));
            }
        }
        return worst;
    }

    /** {@code (rows, columns)} uniform in [low, high), DOUBLE. */
    static INDArray uniform(Random random, int rows, int columns, double low, double high) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = low + (high - low) * random.nextDouble();
            }
        }
        return Nd4j.create(values);
    }
}
