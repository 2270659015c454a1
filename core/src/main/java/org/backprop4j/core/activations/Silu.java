package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * The sigmoid-weighted linear unit, Keras' {@code "silu"} (also {@code "swish"}):
 * {@code a = z sigmoid(z) = z / (1 + exp(-z))}, element-wise. Derivative:
 * {@code s (1 + z (1 - s))} with {@code s = sigmoid(z)}, which needs z. Shapes: a and z alike; the
 * Jacobian of a sample is diagonal.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Silu extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = z s}, {@code s = 1 / (1 + exp(-z))}. */
    @Override
    public float apply(float z) {
        return z * (1f / (1f + FastMath.exp(-z)));
    }

    @Override
    public double apply(double z) {
        return z * (1.0 / (1.0 + FastMath.exp(-z)));
    }

    /** {@code dL/dz = g s (1 + z (1 - s))}. */
    @Override
    public float backward(float z, float a, float g) {
        float s = 1f / (1f + FastMath.exp(-z));
        return g * (s * (1f + z * (1f - s)));
    }

    @Override
    public double backward(double z, double a, double g) {
        double s = 1.0 / (1.0 + FastMath.exp(-z));
        return g * (s * (1.0 + z * (1.0 - s)));
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
            return z.mul(ONE_F.div(FastMath.Lanes.exp(z.neg()).add(ONE_F)));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return z.mul(ONE.div(FastMath.Lanes.exp(z.neg()).add(ONE)));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            FloatVector s = ONE_F.div(FastMath.Lanes.exp(z.neg()).add(ONE_F));
            return g.mul(s.mul(z.mul(ONE_F.sub(s)).add(ONE_F)));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            DoubleVector s = ONE.div(FastMath.Lanes.exp(z.neg()).add(ONE));
            return g.mul(s.mul(z.mul(ONE.sub(s)).add(ONE)));
        }
    }

    /** ONNX opset 17 has no Swish: {@code Sigmoid}, then {@code Mul} by z. Export only. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        String sigmoid = graph.add("Sigmoid", name + "/sigmoid", input).output();
        return graph.add("Mul", name, input, sigmoid).output();
    }
}
