package org.backprop4j.examples.labs;

import org.backprop4j.core.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lab 3: mean squared error, {@code L = mean over all B K elements of (p - y)^2}. {@link #value} is
 * written; {@link #gradient} is the exercise. Graded by {@code grade loss} (docs/labs.md).
 */
public class StudentMeanSquaredError implements Loss {

    @Override
    public double value(INDArray predictions, INDArray targets) {
        INDArray error = predictions.sub(targets);
        return error.mul(error).meanNumber().doubleValue();
    }

    /**
     * The exercise: write dL/dp, the same shape as {@code predictions} (B, K), into {@code gradient}.
     */
    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        throw new UnsupportedOperationException("Lab 3 is not done yet: write StudentMeanSquaredError.gradient");
    }
}
