package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * {@code a = max(0, z)}, element-wise. Derivative: 1 where {@code a > 0}, else 0 (also at
 * {@code z = 0}, as Keras and PyTorch); the Jacobian of a sample is diagonal. NaN stays NaN forward
 * and gives 0 backward.
 *
 * <p>The formulas below, in float, in double and as their SIMD twin ({@link Lanes}), are what the
 * kernels run.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Relu extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = max(0, z)}. */
    @Override
    public float apply(float z) {
        return Math.max(0f, z);
    }

    @Override
    public double apply(double z) {
        return Math.max(0.0, z);
    }

    /** {@code dL/dz = a > 0 ? g : 0}. */
    @Override
    public float backward(float z, float a, float g) {
        return a > 0 ? g : 0f;
    }

    @Override
    public double backward(double z, double a, double g) {
        return a > 0 ? g : 0.0;
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
        private static final FloatVector ZERO_F = FloatVector.zero(FloatVector.SPECIES_PREFERRED);
        private static final DoubleVector ZERO = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED);

        @Override
        public FloatVector apply(FloatVector z) {
            return z.max(ZERO_F);
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return z.max(ZERO);
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return ZERO_F.blend(g, a.compare(VectorOperators.GT, ZERO_F));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return ZERO.blend(g, a.compare(VectorOperators.GT, ZERO));
        }
    }

    /** ONNX's {@code Relu}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Relu", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Relu";
    }
}
