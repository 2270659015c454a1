package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.metrics.BinaryAccuracy;
import org.backprop4j.core.metrics.CategoricalAccuracy;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** fit's Keras semantics: batches per epoch, the partial last batch, order, History, epoch means, accuracy. */
class SequentialFitTest {

    private static final int SAMPLES = 10;
    private static final Random DATA = new Random(123);
    private static final INDArray X = TestArrays.uniform(DATA, SAMPLES, 3, -1, 1);
    private static final INDArray Y = TestArrays.uniform(DATA, SAMPLES, 1, 0, 1);

    /** SGD that counts its steps (updates of its first parameter). */
    private static final class CountingOptimizer extends SGD {
        private int steps;

        CountingOptimizer() {
            super(0.5);
        }

        @Override
        protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
            steps += index == 0 ? 1 : 0;
            super.updateStep(index, value, gradient, learningRate);
        }
    }

    private static Sequential model(long seed, Optimizer optimizer) {
        return new Sequential(seed).add(new Dense(4, 3, "tanh")).add(new Dense(1, "sigmoid"))
                .compile("mse", optimizer, "accuracy");
    }

    @ParameterizedTest(name = "batch size {0}: {1} steps per epoch")
    @CsvSource({"1, 10", "3, 4", "4, 3", "5, 2", "9, 2", "10, 1", "32, 1"})
    void oneStepPerBatchAndCeilOfSamplesOverBatchSizeBatches(int batchSize, int stepsPerEpoch) {
        CountingOptimizer counter = new CountingOptimizer();
        model(1, counter).fit(X, Y, new FitOptions().epochs(3).batchSize(batchSize).verbose(0));
        assertEquals(3 * stepsPerEpoch, counter.steps);
    }

    /** fit without shuffling == trainOnBatch on rows [0, 4), [4, 8), [8, 10) in turn: the last 2 rows are a batch. */
    @Test
    void withoutShuffleBatchesAreConsecutiveRowsAndThePartialLastBatchIsKept() {
        Sequential fitted = model(5, new SGD(0.5));
        History history = fitted.fit(X, Y, new FitOptions().epochs(2).batchSize(4).verbose(0).shuffle(false));

        Sequential stepped = model(5, new SGD(0.5));
        int[][] batches = {{0, 4}, {4, 8}, {8, 10}};
        for (int epoch = 0; epoch < 2; epoch++) {
            double lossSum = 0;
            double accuracySum = 0;
            for (int[] batch : batches) {
                INDArray xb = X.get(NDArrayIndex.interval(batch[0], batch[1]), NDArrayIndex.all());
                INDArray yb = Y.get(NDArrayIndex.interval(batch[0], batch[1]), NDArrayIndex.all());
                Map<String, Double> scores = stepped.trainOnBatch(xb, yb);
                lossSum += scores.get("loss") * (batch[1] - batch[0]);
                accuracySum += scores.get("accuracy") * (batch[1] - batch[0]);
            }
            // the epoch's value is the batch-size-weighted mean of the batch values
            assertEquals(lossSum / SAMPLES, history.get("loss").get(epoch), 1e-15, "epoch " + epoch);
            assertEquals(accuracySum / SAMPLES, history.get("accuracy").get(epoch), 1e-15, "epoch " + epoch);
        }
        assertArrayEquals(ModelFixtures.flatWeights(stepped), ModelFixtures.flatWeights(fitted));
    }

    @Test
    void shuffleChangesTheOrderAndShuffleFalseIsRepeatable() {
        FitOptions inOrder = new FitOptions().epochs(3).batchSize(4).verbose(0).shuffle(false);
        Sequential a = model(5, new SGD(0.5));
        Sequential b = model(5, new SGD(0.5));
        Sequential shuffled = model(5, new SGD(0.5));
        a.fit(X, Y, inOrder);
        b.fit(X, Y, inOrder);
        shuffled.fit(X, Y, new FitOptions().epochs(3).batchSize(4).verbose(0).shuffle(true));
        assertArrayEquals(ModelFixtures.flatWeights(a), ModelFixtures.flatWeights(b));
        assertFalse(Arrays.equals(ModelFixtures.flatWeights(a), ModelFixtures.flatWeights(shuffled)));
    }

    /** With one batch per epoch, shuffling only reorders the rows of a sum: x and y rows must stay paired. */
    @Test
    void shuffledFullBatchesTrainLikeUnshuffledOnesUpToRoundOff() {
        Sequential inOrder = model(6, new SGD(0.5));
        Sequential shuffled = model(6, new SGD(0.5));
        inOrder.fit(X, Y, new FitOptions().epochs(20).batchSize(SAMPLES).verbose(0).shuffle(false));
        shuffled.fit(X, Y, new FitOptions().epochs(20).batchSize(SAMPLES).verbose(0).shuffle(true));
        assertArrayEquals(ModelFixtures.flatWeights(inOrder), ModelFixtures.flatWeights(shuffled), 1e-12);
    }

    @Test
    void historyHasLossAndEveryMetricWithOneValuePerEpoch() {
        Sequential model = new Sequential(2).add(new Dense(4, 3, "tanh")).add(new Dense(1, "sigmoid"))
                .compile("mse", new SGD(0.5), "accuracy", "binary_accuracy");
        History history = model.fit(X, Y, new FitOptions().epochs(7).batchSize(3).verbose(0));
        assertEquals(List.of("loss", "accuracy", "binary_accuracy"), new ArrayList<>(history.history().keySet()));
        assertEquals(7, history.epochs());
        for (List<Double> values : history.history().values()) {
            assertEquals(7, values.size());
        }
    }

    /** With one batch per epoch, the epoch's loss is the loss before its only step, i.e. evaluate() before fit. */
    @Test
    void singleBatchEpochLossIsTheLossBeforeTheStep() {
        for (boolean shuffle : new boolean[] {false, true}) {
            Sequential model = model(9, new SGD(0.5));
            Map<String, Double> before = model.evaluate(X, Y);
            History history = model.fit(X, Y, new FitOptions().epochs(1).batchSize(64).verbose(0).shuffle(shuffle));
            // shuffled rows sum in another order: equal up to round-off
            assertEquals(before.get("loss"), history.get("loss").get(0), shuffle ? 1e-15 : 0, "shuffle " + shuffle);
            assertEquals(before.get("accuracy"), history.get("accuracy").get(0), 0, "shuffle " + shuffle);
            assertFalse(before.get("loss").equals(model.evaluate(X, Y).get("loss")), "the step changed the model");
        }
    }

    @Test
    void fitLeavesTheCallersArraysAlone() {
        INDArray x = X.dup();
        INDArray y = Y.dup();
        model(4, new SGD(0.5)).fit(x, y, new FitOptions().epochs(3).batchSize(10).verbose(0).shuffle(false));
        model(4, new SGD(0.5)).fit(x, y, new FitOptions().epochs(3).batchSize(3).verbose(0));
        assertEquals(X, x);
        assertEquals(Y, y);
    }

    @Test
    void accuracyIsBinaryForOneColumnOrBinaryCrossentropyOtherwiseArgmax() {
        Sequential oneColumn = new Sequential(1).add(new Dense(1, 3, "sigmoid")).compile("mse", new SGD(), "accuracy");
        assertInstanceOf(BinaryAccuracy.class, oneColumn.metrics().get(0));
        Sequential categorical = new Sequential(1).add(new Dense(3, 3)).add(new Activation("softmax"))
                .compile("categorical_crossentropy", new SGD(), "accuracy");
        assertInstanceOf(CategoricalAccuracy.class, categorical.metrics().get(0));
        Sequential multiLabel = new Sequential(1).add(new Dense(3, 3, "sigmoid"))
                .compile("binary_crossentropy", new SGD(), "accuracy");
        assertInstanceOf(BinaryAccuracy.class, multiLabel.metrics().get(0));

        // the metric reported by evaluate is the one chosen: rows 0 and 2 of argmax match here
        categorical.setWeights(List.of(org.nd4j.linalg.factory.Nd4j.eye(3).castTo(categorical.dataType()),
                org.nd4j.linalg.factory.Nd4j.zeros(categorical.dataType(), 3)));
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(new double[][] {{3, 1, 0}, {0, 2, 1}, {0, 0, 5}});
        INDArray y = org.nd4j.linalg.factory.Nd4j.create(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}});
        assertEquals(2.0 / 3, categorical.evaluate(x, y).get("accuracy"), 1e-15);
    }
}
