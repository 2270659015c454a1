package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * {@code a = 1 / (1 + exp(-z))}, element-wise. Derivative: {@code da/dz = a (1 - a)}, so the
 * backward pass needs only the output, and the Jacobian of a sample is diagonal.
 *
 * <p>The formulas below are all there is: in float, in double, and their SIMD twin ({@link Lanes}),
 * which the kernels run for plain FLOAT and DOUBLE arrays of any size, fused with a layer's bias add.
 * The exp is {@link FastMath#exp}, which saturates (see there).
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Sigmoid extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = 1 / (1 + exp(-z))}. */
    @Override
    public float apply(float z) {
        return 1f / (1f + FastMath.exp(-z));
    }

    @Override
    public double apply(double z) {
        return 1.0 / (1.0 + FastMath.exp(-z));
    }

    /** {@code dL/dz = g * a * (1 - a)}. */
    @Override
    public float backward(float z, float a, float g) {
        return g * (a * (1f - a));
    }

    @Override
    public double backward(double z, double a, double g) {
        return g * (a * (1.0 - a));
    }

    /** The cross-entropy losses may fuse with this output. */
    @Override
    public Link link() {
        return Link.SIGMOID;
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
            return ONE_F.div(FastMath.Lanes.exp(z.neg()).add(ONE_F));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return ONE.div(FastMath.Lanes.exp(z.neg()).add(ONE));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g.mul(a.mul(ONE_F.sub(a)));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g.mul(a.mul(ONE.sub(a)));
        }
    }

    /** ONNX's {@code Sigmoid}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Sigmoid", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Sigmoid";
    }
}
