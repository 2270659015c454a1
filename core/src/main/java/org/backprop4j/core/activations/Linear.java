package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code a = z}: the identity, Keras' {@code "linear"}. Derivative 1; the Jacobian is the identity.
 * In place ({@code a} is {@code z}) the forward pass does nothing.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Linear extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = z}. */
    @Override
    public float apply(float z) {
        return z;
    }

    @Override
    public double apply(double z) {
        return z;
    }

    /** {@code dL/dz = g}. */
    @Override
    public float backward(float z, float a, float g) {
        return g;
    }

    @Override
    public double backward(double z, double a, double g) {
        return g;
    }

    /** Nothing to do in place. */
    @Override
    public void forward(INDArray z, INDArray a) {
        if (a != z) {
            super.forward(z, a);
        }
    }

    /** {@code z += bias}; then, unless a is z, {@code a = z}. */
    @Override
    public void forward(INDArray z, INDArray bias, INDArray a) {
        FastElementwise.addRowVector(z, bias);
        forward(z, a);
    }

    /** The derivative is read off the output: z is not needed. */
    @Override
    public boolean needsPreActivation() {
        return false;
    }

    @Override
    public ActivationLanes lanes() {
        return new Lanes();
    }

    /** The same formulas on every lane. */
    private static final class Lanes implements ActivationLanes {
        @Override
        public FloatVector apply(FloatVector z) {
            return z;
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return z;
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g;
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g;
        }
    }

    /** ONNX's {@code Identity}: a node of its own, so the layer's name stays in the graph. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Identity", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Identity";
    }
}
