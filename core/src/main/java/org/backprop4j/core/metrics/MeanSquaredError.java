package org.backprop4j.core.metrics;

import org.backprop4j.core.Metric;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras' {@code mse} metric: the mean of {@code (p - y)^2} over all B*K elements of a batch. */
public final class MeanSquaredError implements Metric {

    private final String name;

    /** Reported as {@code "mse"}. */
    public MeanSquaredError() {
        this("mse");
    }

    /** Reported under {@code name} (the History key), e.g. {@code "mean_squared_error"}. */
    public MeanSquaredError(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double difference = p[i] - y[i];
            sum += difference * difference;
        }
        return sum / p.length;
    }
}
