package org.backprop4j.examples.labs;

import java.util.Map;

import org.backprop4j.core.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lab 2: gradient descent with momentum, Keras' rule. {@link #updateStep} is the exercise. Graded by
 * {@code grade optimizer} (docs/labs.md).
 */
public class StudentMomentum extends Optimizer {

    protected final double momentum;

    public StudentMomentum(double learningRate, double momentum) {
        super(learningRate);
        this.momentum = momentum;
    }

    @Override
    protected void build() {
        addSlot("velocity", 0.0);                                         // one v per parameter, starting at 0
    }

    /**
     * The exercise: with {@code v = slot("velocity", index)}, update in place
     * <pre>
     * v = momentum * v - learningRate * gradient
     * w = w + v
     * </pre>
     * where {@code w} is {@code value}.
     */
    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        throw new UnsupportedOperationException("Lab 2 is not done yet: write StudentMomentum.updateStep");
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        return Map.of("momentum", momentum);
    }
}
