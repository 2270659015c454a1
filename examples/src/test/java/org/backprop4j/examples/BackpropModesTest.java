package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Backprop#EXPLICIT_JACOBIAN} (every Jacobian materialised) against {@link Backprop#FUSED}:
 * same seed, same data, same training, so the weights must agree up to round-off (1e-12, DOUBLE).
 */
class BackpropModesTest {

    private static final double TOLERANCE = 1e-12;
    /** Full-batch XOR epochs (one step each). */
    private static final int XOR_EPOCHS = 400;
    /** Epochs over the 12-sample set: 240 steps with batches of 2, 160 with batches of 3. */
    private static final int EPOCHS = 40;
    private static final int BATCH_SIZE = 2;

    /** 12 samples, 4 features in [-1, 1], 3 classes given by the argmax of a fixed random linear map. */
    private static final INDArray FEATURES;
    private static final INDArray ONE_HOT;
    private static final INDArray BINARY;

    static {
        Random random = new Random(5);
        double[][] x = new double[12][4];
        double[][] mix = new double[4][3];
        for (double[] row : mix) {
            for (int k = 0; k < 3; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[][] y = new double[12][3];
        double[][] binary = new double[12][1];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = 2 * random.nextDouble() - 1;
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                double score = 0;
                for (int j = 0; j < 4; j++) {
                    score += x[i][j] * mix[j][k];
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = k;
                }
            }
            y[i][best] = 1;
            binary[i][0] = best == 0 ? 1 : 0;
        }
        FEATURES = Nd4j.create(x);
        ONE_HOT = Nd4j.create(y);
        BINARY = Nd4j.create(binary);
    }

    private static Sequential xorModel() {
        return Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
    }

    /** relu and tanh hidden layers, softmax output fused into the Dense layer, categorical cross-entropy. */
    private static Sequential crossEntropyModel() {
        Sequential model = new Sequential(11L);
        model.add(new Dense(6, 4)).add(new Activation("relu"))
             .add(new Dense(5, "tanh"))
             .add(new Dense(3, "softmax"));
        return model.compile("categorical_crossentropy", new SGD(0.05, 0.9, true), "accuracy");
    }

    /** softmax as a separate Activation layer with mean squared error: the non-fused softmax path. */
    private static Sequential softmaxMseModel() {
        Sequential model = new Sequential(12L);
        model.add(new Dense(5, 4, "sigmoid")).add(new Dense(3)).add(new Activation("softmax"));
        return model.compile("mean_squared_error", new SGD(0.5), "accuracy");
    }

    /** linear hidden layer, sigmoid output with binary cross-entropy (fused in FUSED mode). */
    private static Sequential binaryModel() {
        Sequential model = new Sequential(13L);
        model.add(new Dense(4, 4, "linear")).add(new Activation("tanh")).add(new Dense(1)).add(new Activation("sigmoid"));
        return model.compile("binary_crossentropy", new SGD(0.2), "accuracy");
    }

    /** Two copies of one model after the same training, one per mode. */
    private record Trained(Sequential fused, Sequential explicit, double maxWeightDifference) {
    }

    /** Trains two copies of the model, one per mode, and measures the largest weight difference. */
    private static Trained trainBothModes(Supplier<Sequential> build, INDArray x, INDArray y, int epochs, int batchSize) {
        Sequential fused = build.get();
        Sequential explicit = build.get().setBackprop(Backprop.EXPLICIT_JACOBIAN);
        List<INDArray> initial = fused.getWeights();
        assertEquals(0.0, maxDifference(initial, explicit.getWeights()), "same seed, same initial weights");
        FitOptions options = new FitOptions().epochs(epochs).batchSize(batchSize).verbose(0);
        List<Double> fusedLoss = fused.fit(x, y, options).get("loss");
        List<Double> explicitLoss = explicit.fit(x, y, options).get("loss");
        assertTrue(maxDifference(initial, fused.getWeights()) > 0.1, "training moved the weights");
        assertTrue(fusedLoss.get(epochs - 1) < 0.9 * fusedLoss.get(0), "training reduced the loss: " + fusedLoss.get(0)
                + " -> " + fusedLoss.get(epochs - 1));
        for (int epoch = 0; epoch < epochs; epoch++) {
            assertEquals(fusedLoss.get(epoch), explicitLoss.get(epoch), TOLERANCE, "loss of epoch " + (epoch + 1));
        }
        return new Trained(fused, explicit, maxDifference(fused.getWeights(), explicit.getWeights()));
    }

    @Test
    void xorTrainsToTheSameWeights() {
        Trained trained = trainBothModes(BackpropModesTest::xorModel, Nd4j.create(Xor.X), Nd4j.create(Xor.Y), XOR_EPOCHS, 4);
        assertTrue(trained.maxWeightDifference() <= TOLERANCE, "XOR: max weight difference between modes "
                + trained.maxWeightDifference());
    }

    @Test
    void softmaxCrossEntropyTrainsToTheSameWeights() {
        Trained trained = trainBothModes(BackpropModesTest::crossEntropyModel, FEATURES, ONE_HOT, EPOCHS, BATCH_SIZE);
        assertTrue(trained.maxWeightDifference() <= TOLERANCE, "softmax + categorical cross-entropy: max weight difference "
                + trained.maxWeightDifference());
        // CCE's non-fused gradient -y/p uses p clipped to [1e-7, 1 - 1e-7]: the modes agree only inside the bounds
        for (Sequential model : List.of(trained.fused(), trained.explicit())) {
            INDArray p = model.predict(FEATURES);
            assertTrue(p.minNumber().doubleValue() > 1e-5 && p.maxNumber().doubleValue() < 1 - 1e-5,
                    model.backprop() + ": probabilities in [" + p.minNumber() + ", " + p.maxNumber() + "]");
        }
    }

    @Test
    void softmaxMeanSquaredErrorTrainsToTheSameWeights() {
        Trained trained = trainBothModes(BackpropModesTest::softmaxMseModel, FEATURES, ONE_HOT, EPOCHS, BATCH_SIZE + 1);
        assertTrue(trained.maxWeightDifference() <= TOLERANCE, "softmax + mean squared error: max weight difference "
                + trained.maxWeightDifference());
    }

    @Test
    void sigmoidBinaryCrossEntropyTrainsToTheSameWeights() {
        Trained trained = trainBothModes(BackpropModesTest::binaryModel, FEATURES, BINARY, EPOCHS / 2, BATCH_SIZE);
        assertTrue(trained.maxWeightDifference() <= TOLERANCE, "sigmoid + binary cross-entropy: max weight difference "
                + trained.maxWeightDifference());
    }

    @Test
    void gradientsAgreeForEveryActivationAndLoss() {
        List<Supplier<Sequential>> models = List.of(BackpropModesTest::xorModel, BackpropModesTest::crossEntropyModel,
                BackpropModesTest::softmaxMseModel, BackpropModesTest::binaryModel);
        List<INDArray[]> data = List.of(new INDArray[] {Nd4j.create(Xor.X), Nd4j.create(Xor.Y)},
                new INDArray[] {FEATURES, ONE_HOT}, new INDArray[] {FEATURES, ONE_HOT}, new INDArray[] {FEATURES, BINARY});
        for (int m = 0; m < models.size(); m++) {
            INDArray x = data.get(m)[0];
            INDArray y = data.get(m)[1];
            List<INDArray> fused = models.get(m).get().gradients(x, y);
            List<INDArray> explicit = models.get(m).get().setBackprop(Backprop.EXPLICIT_JACOBIAN).gradients(x, y);
            double scale = fused.stream().mapToDouble(g -> g.amaxNumber().doubleValue()).max().orElseThrow();
            assertTrue(scale > 1e-4, "model " + m + " has non-trivial gradients");
            assertTrue(maxDifference(fused, explicit) <= 1e-15, "model " + m + ": gradient difference "
                    + maxDifference(fused, explicit));
        }
    }

    @Test
    void explicitModeWorksInFloat() {
        Supplier<Sequential> build = () -> {
            Sequential model = new Sequential(21L, DataType.FLOAT);
            model.add(new Dense(5, 4, "tanh")).add(new Dense(3)).add(new Activation("softmax"));
            return model.compile("categorical_crossentropy", new SGD(0.1));
        };
        List<INDArray> fused = build.get().gradients(FEATURES, ONE_HOT);
        List<INDArray> explicit = build.get().setBackprop(Backprop.EXPLICIT_JACOBIAN).gradients(FEATURES, ONE_HOT);
        for (INDArray gradient : explicit) {
            assertEquals(DataType.FLOAT, gradient.dataType());
        }
        assertTrue(maxDifference(fused, explicit) < 1e-6, "FLOAT gradient difference " + maxDifference(fused, explicit));
    }

    @Test
    void explicitGradientsPassACentralDifferenceCheck() {
        Sequential model = softmaxMseModel().setBackprop(Backprop.EXPLICIT_JACOBIAN);
        GradientCheck.Result result = GradientCheck.check(model, FEATURES, ONE_HOT);
        assertTrue(result.maxRelativeError() < 1e-6, result.toString());
    }

    /** A Dense layer that counts which backward pass the model calls. */
    private static final class CountingDense extends Dense {
        int fused;
        int explicit;

        CountingDense(int units, int inputDim) {
            super(units, inputDim, "softmax");
        }

        @Override
        public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
            fused++;
            return super.backward(dLdOutput, needInputGradient, context);
        }

        @Override
        public INDArray backwardFromPreActivation(INDArray delta, boolean needInputGradient, CallContext context) {
            fused++;
            return super.backwardFromPreActivation(delta, needInputGradient, context);
        }

        @Override
        public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
            explicit++;
            return super.backwardExplicit(dLdOutput, needInputGradient, context);
        }
    }

    @Test
    void theModeDecidesWhichBackwardPassRuns() {
        CountingDense layer = new CountingDense(3, 4);
        Sequential model = new Sequential(1L).add(layer).compile("categorical_crossentropy", new SGD(0.1));
        assertSame(Backprop.FUSED, model.backprop());
        model.trainOnBatch(FEATURES, ONE_HOT);
        assertEquals(1, layer.fused);
        assertEquals(0, layer.explicit);

        assertSame(model, model.setBackprop(Backprop.EXPLICIT_JACOBIAN));
        assertSame(Backprop.EXPLICIT_JACOBIAN, model.backprop());
        model.trainOnBatch(FEATURES, ONE_HOT);
        model.gradients(FEATURES, ONE_HOT);
        assertEquals(1, layer.fused, "explicit mode never takes the fused path");
        assertEquals(2, layer.explicit);

        assertThrows(IllegalArgumentException.class, () -> model.setBackprop(null));
        assertSame(Backprop.EXPLICIT_JACOBIAN, model.backprop());
    }

    @Test
    void explicitActivationSkipsTheUnneededInputGradient() {
        Activation activation = new Activation("softmax");
        new Sequential(2L).add(new Dense(3, 2)).add(activation);
        CallContext context = new CallContext(true, new Random(3), DataType.DOUBLE);
        activation.forward(Nd4j.create(new double[][] {{1, 2, 3}}), context);
        assertNull(activation.backwardExplicit(Nd4j.create(new double[][] {{1, 0, 0}}), false, context));
        INDArray dLdx = activation.backwardExplicit(Nd4j.create(new double[][] {{1, 1, 1}}), true, context);
        // J^T 1 = 0: softmax's Jacobian rows (and columns) sum to zero
        assertEquals(0.0, dLdx.amaxNumber().doubleValue(), 1e-16);
    }

    private static double maxDifference(List<INDArray> a, List<INDArray> b) {
        assertEquals(a.size(), b.size());
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, a.get(i).sub(b.get(i)).amaxNumber().doubleValue());
        }
        return max;
    }
}
