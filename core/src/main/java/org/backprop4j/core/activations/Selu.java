package org.backprop4j.core.activations;

import java.util.Map;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * The scaled exponential linear unit, Keras' {@code "selu"}: {@code a = scale z} for {@code z > 0},
 * else {@code scale alpha (exp(z) - 1)}, with Klambauer et al.'s {@code alpha = 1.6732632423543772}
 * and {@code scale = 1.0507009873554805} (TensorFlow's constants, {@code scale alpha} as one constant).
 * Derivative: {@code scale alpha exp(z) = a + scale alpha} where {@code a < 0}, else {@code scale}, read off
 * the output as TensorFlow's {@code SeluGrad} does (so at {@code z = 0}, and where {@code exp(z) - 1}
 * rounds to 0, it is {@code scale}).
 * Shapes: a and z alike; the Jacobian of a sample is diagonal.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Selu extends ElementwiseActivation implements OnnxActivation {

    /** Klambauer et al.'s alpha. */
    public static final double ALPHA = 1.6732632423543772848170429916717;
    /** Klambauer et al.'s scale. */
    public static final double SCALE = 1.0507009873554804934193349852946;
    /** {@code scale * alpha}, the constant TensorFlow multiplies {@code exp(z) - 1} by. */
    static final double SCALE_ALPHA = 1.7580993408473768599402175208123;
    private static final float SCALE_F = (float) SCALE;
    private static final float SCALE_ALPHA_F = (float) SCALE_ALPHA;

    /** {@code a = z > 0 ? scale z : scale alpha (exp(z) - 1)}. */
    @Override
    public float apply(float z) {
        return z > 0f ? SCALE_F * z : SCALE_ALPHA_F * (FastMath.exp(z) - 1f);
    }

    @Override
    public double apply(double z) {
        return z > 0.0 ? SCALE * z : SCALE_ALPHA * (FastMath.exp(z) - 1.0);
    }

    /** {@code dL/dz = a < 0 ? g (a + scale alpha) : g scale}. */
    @Override
    public float backward(float z, float a, float g) {
        return a < 0f ? g * (a + SCALE_ALPHA_F) : g * SCALE_F;
    }

    @Override
    public double backward(double z, double a, double g) {
        return a < 0.0 ? g * (a + SCALE_ALPHA) : g * SCALE;
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
        private static final FloatVector ONE_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
        private static final FloatVector S_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, SCALE_F);
        private static final FloatVector SA_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, SCALE_ALPHA_F);
        private static final DoubleVector ZERO = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED);
        private static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 1.0);
        private static final DoubleVector S = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, SCALE);
        private static final DoubleVector SA = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, SCALE_ALPHA);

        @Override
        public FloatVector apply(FloatVector z) {
            return SA_F.mul(FastMath.Lanes.exp(z).sub(ONE_F)).blend(S_F.mul(z), z.compare(VectorOperators.GT, ZERO_F));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return SA.mul(FastMath.Lanes.exp(z).sub(ONE)).blend(S.mul(z), z.compare(VectorOperators.GT, ZERO));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g.mul(S_F).blend(g.mul(a.add(SA_F)), a.compare(VectorOperators.LT, ZERO_F));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g.mul(S).blend(g.mul(a.add(SA)), a.compare(VectorOperators.LT, ZERO));
        }
    }

    /** ONNX's {@code Selu}, its alpha and gamma (the scale) stored as floats. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Selu", name, input).attribute("alpha", (float) ALPHA).attribute("gamma", SCALE_F).output();
    }

    @Override
    public String onnxOp() {
        return "Selu";
    }

    /** A {@code Selu} node with ONNX's default constants (which are these, as floats). */
    @Override
    public ActivationFunction fromOnnx(Map<String, Object> attributes) {
        OnnxAttributes.only(attributes, "Selu", "alpha", "gamma");
        OnnxAttributes.requireFloat(attributes, "Selu", "alpha", 1.67326319217681884765625, ALPHA);
        OnnxAttributes.requireFloat(attributes, "Selu", "gamma", 1.05070102214813232421875, SCALE);
        return new Selu();
    }
}
