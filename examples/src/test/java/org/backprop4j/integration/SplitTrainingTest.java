package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.threads.BlasThreads;
import org.backprop4j.core.threads.SecondCore;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training with the large products and updates split across two cores ({@link BlasThreads}) against
 * the same training on one: DOUBLE gives the same bits, FLOAT the same numbers to float round-off.
 * The network (210 inputs, 320 and 80 units, batch 64) has products of 4.3 and 1.6 million
 * multiply-adds and a 67,200-weight kernel, above the thresholds for splitting.
 */
class SplitTrainingTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam"})
    void doubleTrainingIsBitIdenticalSplitOrNot(String optimizer) {
        Result whole = train(DataType.DOUBLE, optimizer, false);
        Result split = train(DataType.DOUBLE, optimizer, true);
        assertTrue(sameBits(whole.weights, split.weights), "same weights, bit for bit");
        assertEquals(whole.history.get("loss"), split.history.get("loss"), "same losses, bit for bit");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam"})
    void floatTrainingAgreesToRoundOffSplitOrNot(String optimizer) {
        Result whole = train(DataType.FLOAT, optimizer, false);
        Result split = train(DataType.FLOAT, optimizer, true);
        for (int i = 0; i < whole.weights.size(); i++) {
            INDArray a = whole.weights.get(i).castTo(DataType.DOUBLE);
            INDArray b = split.weights.get(i).castTo(DataType.DOUBLE);
            double difference = a.sub(b).amaxNumber().doubleValue();
            double scale = a.amaxNumber().doubleValue();
            assertTrue(difference <= 1e-4 * scale, "weights " + i + ": max difference " + difference + " of " + scale);
        }
        List<Double> lossesWhole = whole.history.get("loss");
        List<Double> lossesSplit = split.history.get("loss");
        for (int epoch = 0; epoch < lossesWhole.size(); epoch++) {
            assertEquals(lossesWhole.get(epoch), lossesSplit.get(epoch), 1e-5 * lossesWhole.get(epoch), "epoch " + epoch);
        }
        assertTrue(lossesWhole.get(lossesWhole.size() - 1) < lossesWhole.get(0), "it trained: " + lossesWhole);
    }

    private record Result(List<INDArray> weights, History history) {
    }

    private static Result train(DataType type, String optimizer, boolean split) {
        Random random = new Random(11);
        int samples = 256;
        double[][] x = new double[samples][210];
        double[][] y = new double[samples][80];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < 210; j++) {
                x[i][j] = random.nextDouble();
            }
            y[i][random.nextInt(80)] = 1;
        }
        Sequential model = new Sequential(21L, type);
        model.add(new Dense(320, 210, "relu"));
        model.add(new Dense(80, "softmax"));
        model.compile("categorical_crossentropy", "sgd".equals(optimizer) ? new SGD(0.1) : new Adam(1e-3));
        Boolean previous = BlasThreads.force(split);
        try {
            long splitsBefore = SecondCore.splits() + SecondCore.takenBack(); // a late worker's half is taken back
            History history = model.fit(Nd4j.create(x).castTo(type), Nd4j.create(y).castTo(type),
                    new FitOptions().epochs(4).batchSize(64).verbose(0));
            long splits = SecondCore.splits() + SecondCore.takenBack() - splitsBefore;
            // 16 steps: 3 products (the first layer needs no input gradient) and, with Adam, the kernel's update
            boolean twoCores = Runtime.getRuntime().availableProcessors() > 1; // on one core nothing is ever split
            assertTrue(split && twoCores ? splits >= 16 * 3 : splits == 0, "pieces of work split: " + splits);
            return new Result(model.getWeights(), history);
        } finally {
            BlasThreads.force(previous);
        }
    }
}
