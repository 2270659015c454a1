package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * {@code a = tanh(z)}, element-wise. Derivative: {@code da/dz = 1 - a^2}; the Jacobian of a sample
 * is diagonal.
 *
 * <p>The formulas below, in float, in double and as their SIMD twin ({@link Lanes}), are what the
 * kernels run; tanh itself is {@link FastMath#tanh}.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Tanh extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = tanh(z)}. */
    @Override
    public float apply(float z) {
        return FastMath.tanh(z);
    }

    @Override
    public double apply(double z) {
        return FastMath.tanh(z);
    }

    /** {@code dL/dz = g * (1 - a^2)}. */
    @Override
    public float backward(float z, float a, float g) {
        return g * (1f - a * a);
    }

    @Override
    public double backward(double z, double a, double g) {
        return g * (1.0 - a * a);
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
        private static final FloatVector ONE_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
        private static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 1.0);

        @Override
        public FloatVector apply(FloatVector z) {
            return FastMath.Lanes.tanh(z);
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return FastMath.Lanes.tanh(z);
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g.mul(ONE_F.sub(a.mul(a)));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g.mul(ONE.sub(a.mul(a)));
        }
    }

    /** ONNX's {@code Tanh}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Tanh", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Tanh";
    }
}
