package org.backprop4j.core.metrics;

import org.backprop4j.core.Metric;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras' {@code mae} metric: the mean of {@code |p - y|} over all B*K elements of a batch. */
public final class MeanAbsoluteError implements Metric {

    private final String name;

    /** Reported as {@code "mae"}. */
    public MeanAbsoluteError() {
        this("mae");
    }

    /** Reported under {@code name} (the History key), e.g. {@code "mean_absolute_error"}. */
    public MeanAbsoluteError(String name) {
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
            sum += Math.abs(p[i] - y[i]);
        }
        return sum / p.length;
    }
}
