package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Metric;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric written the way metrics were written before the accumulator (only {@code value}, the mean
 * over a batch's rows) still compiles and runs: the epoch's value is the row-weighted mean of its
 * batches' values, so with unequal batches it is the mean over every row, not the mean of the batch means.
 */
class PerBatchMetricTest {

    /** The mean of the first output column: a per-batch metric. */
    static final class MeanFirstOutput implements Metric {
        @Override
        public String name() {
            return "mean_first_output";
        }

        @Override
        public double value(INDArray predictions, INDArray targets) {
            return predictions.getColumn(0).meanNumber().doubleValue();
        }
    }

    /** Implements neither value nor the accumulator. */
    static final class Nothing implements Metric {
        @Override
        public String name() {
            return "nothing";
        }
    }

    @Test
    void aValueOnlyMetricIsAveragedOverTheEpochsRows() {
        Random random = new Random(5);
        INDArray x = TestArrays.uniform(random, 10, 3, -1, 1);
        INDArray y = TestArrays.uniform(random, 10, 2, -1, 1);
        // a frozen layer: the weights stay, so every batch is predicted by the same model as predict(x)
        Sequential model = new Sequential(3L).add(new Dense(2, 3, "tanh").setTrainable(false))
                .compile("mse", new SGD(0.1), new MeanFirstOutput());
        double expected = model.predict(x).getColumn(0).meanNumber().doubleValue();
        // batches of 4, 4 and 2 rows: the mean of the three batch means would differ from the row mean
        double batchMeans = (model.predict(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4))).getColumn(0).meanNumber().doubleValue()
                + model.predict(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8))).getColumn(0).meanNumber().doubleValue()
                + model.predict(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(8, 10))).getColumn(0).meanNumber().doubleValue()) / 3;
        assertTrue(Math.abs(expected - batchMeans) > 1e-6, "the data must tell the two means apart");
        History history = model.fit(x, y, new FitOptions().epochs(1).batchSize(4).shuffle(false).verbose(0));
        assertEquals(expected, history.get("mean_first_output").get(0), 1e-6);
        assertEquals(expected, model.evaluate(x, y).get("mean_first_output"), 1e-6);
    }

    @Test
    void aMetricWithNeitherValueNorAccumulatorIsNamedInTheError() {
        Random random = new Random(6);
        INDArray x = TestArrays.uniform(random, 4, 3, -1, 1);
        INDArray y = TestArrays.uniform(random, 4, 2, -1, 1);
        Sequential model = new Sequential(3L).add(new Dense(2, 3, "tanh")).compile("mse", new SGD(0.1), new Nothing());
        Exception error = assertThrows(IllegalStateException.class,
                () -> model.fit(x, y, new FitOptions().epochs(1).verbose(0)));
        assertTrue(error.getMessage().contains("nothing"), error.getMessage());
    }
}
