package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * Keras' {@code "exponential"}: {@code a = exp(z)}, element-wise. Derivative: {@code exp(z) = a}, read
 * off the output. The exp is {@link FastMath#exp}, which saturates: beyond about 88.3 (float) or
 * 709.4 (double) the output stays at the largest value reached instead of becoming infinite. Shapes:
 * a and z alike; the Jacobian of a sample is diagonal.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Exponential extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = exp(z)}. */
    @Override
    public float apply(float z) {
        return FastMath.exp(z);
    }

    @Override
    public double apply(double z) {
        return FastMath.exp(z);
    }

    /** {@code dL/dz = g a}. */
    @Override
    public float backward(float z, float a, float g) {
        return g * a;
    }

    @Override
    public double backward(double z, double a, double g) {
        return g * a;
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
            return FastMath.Lanes.exp(z);
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return FastMath.Lanes.exp(z);
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g.mul(a);
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g.mul(a);
        }
    }

    /** ONNX's {@code Exp}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Exp", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Exp";
    }
}
