package org.backprop4j.examples.labs;

import java.util.List;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Lab 1: a Dense layer without activation, {@code Z = X W + 1 b}. The forward pass is written;
 * {@link #backward} is the exercise. Graded by {@code grade layer} (docs/labs.md).
 *
 * <p>Shapes: X (B, n_in), W (n_in, units), b (units), Z (B, units).
 */
public class StudentDense extends Layer {

    protected final int units;
    protected INDArray kernel;
    protected INDArray bias;
    protected INDArray kernelGradient;
    protected INDArray biasGradient;

    public StudentDense(int units) {
        this.units = units;
    }

    @Override
    protected long build(long inputSize, Random random) {
        double limit = Math.sqrt(6.0 / (inputSize + units));             // glorot_uniform
        kernel = Nd4j.zeros(dataType(), inputSize, units);
        for (int j = 0; j < inputSize; j++) {
            for (int i = 0; i < units; i++) {
                kernel.putScalar(j, i, (2 * random.nextDouble() - 1) * limit);
            }
        }
        bias = Nd4j.zeros(dataType(), units);
        kernelGradient = Nd4j.zeros(dataType(), inputSize, units);
        biasGradient = Nd4j.zeros(dataType(), units);
        return units;
    }

    @Override
    public INDArray forward(INDArray x, CallContext context) {
        if (context.training()) {
            context.keep(this, "input", x);                              // X, for the backward pass
        }
        return x.mmul(kernel).addiRowVector(bias);
    }

    /**
     * The exercise. Given dL/dZ (B, units):
     * <ul>
     *   <li>write dL/dW into {@code kernelGradient} (n_in, units),</li>
     *   <li>write dL/db into {@code biasGradient} (units),</li>
     *   <li>return dL/dX (B, n_in) when {@code needInputGradient}, else null.</li>
     * </ul>
     * The input X of the forward pass is {@code context.kept(this, "input")}.
     */
    @Override
    public INDArray backward(INDArray dLdZ, boolean needInputGradient, CallContext context) {
        throw new UnsupportedOperationException("Lab 1 is not done yet: write StudentDense.backward");
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("kernel", kernel, kernelGradient), new Parameter("bias", bias, biasGradient));
    }
}
