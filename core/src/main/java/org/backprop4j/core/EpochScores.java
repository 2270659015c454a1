package org.backprop4j.core;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an epoch of {@code fit} reports, accumulated batch by batch as Keras' stateful metrics: the
 * loss as a mean of the batches' losses weighted by their sizes (Keras' loss tracker), and every
 * metric in a fresh copy that sees every batch ({@link Metric#update}), so that the epoch's AUC,
 * precision or R2 is the one of the whole epoch. Weighted metrics get the batch's sample weights.
 */
final class EpochScores {

    private final List<Metric> metrics;
    private final Metric[] running;
    private double lossTotal;
    private double lossCount;

    EpochScores(List<Metric> metrics) {
        this.metrics = metrics;
        this.running = new Metric[metrics.size()];
        reset();
    }

    /** Starts a new epoch. */
    void reset() {
        for (int m = 0; m < running.length; m++) {
            running[m] = metrics.get(m).fresh();
        }
        lossTotal = 0;
        lossCount = 0;
    }

    /**
     * Adds one batch: its loss (already weighted, if weights are given) and its predictions.
     *
     * @param weights the batch's sample weights, or null
     */
    void add(double batchLoss, int batchSize, INDArray predictions, INDArray targets, double[] weights) {
        lossTotal += batchLoss * batchSize;
        lossCount += batchSize;
        INDArray weightArray = SampleWeights.array(weights);
        for (Metric metric : running) {
            metric.update(predictions, targets, metric.usesSampleWeights() ? weightArray : null);
        }
    }

    /** Puts {@code "loss"} and every metric's result so far into {@code into}, and returns it. */
    Map<String, Double> results(Map<String, Double> into) {
        into.put("loss", lossCount == 0 ? 0 : lossTotal / lossCount);
        for (Metric metric : running) {
            into.put(metric.name(), metric.result());
        }
        return into;
    }
}
