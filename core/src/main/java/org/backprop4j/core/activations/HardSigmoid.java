package org.backprop4j.core.activations;

import java.util.Map;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * Keras 3's {@code "hard_sigmoid"}: {@code a = relu6(z + 3) / 6 = min(max(z + 3, 0), 6) / 6},
 * element-wise: 0 below -3, 1 above 3, {@code z / 6 + 1/2} between (Keras 2's slope was 0.2). Derivative:
 * {@code 1/6} where {@code 0 < a < 1}, else 0 (also at the corners, as TensorFlow's relu6), read off the
 * output. Shapes: a and z alike; the Jacobian of a sample is diagonal.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class HardSigmoid extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = min(max(z + 3, 0), 6) / 6}. */
    @Override
    public float apply(float z) {
        return Math.min(Math.max(z + 3f, 0f), 6f) / 6f;
    }

    @Override
    public double apply(double z) {
        return Math.min(Math.max(z + 3.0, 0.0), 6.0) / 6.0;
    }

    /** {@code dL/dz = 0 < a < 1 ? g / 6 : 0}. */
    @Override
    public float backward(float z, float a, float g) {
        return a > 0f && a < 1f ? g / 6f : 0f;
    }

    @Override
    public double backward(double z, double a, double g) {
        return a > 0.0 && a < 1.0 ? g / 6.0 : 0.0;
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
        private static final FloatVector THREE_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 3f);
        private static final FloatVector SIX_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 6f);
        private static final DoubleVector ZERO = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED);
        private static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 1.0);
        private static final DoubleVector THREE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 3.0);
        private static final DoubleVector SIX = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 6.0);

        @Override
        public FloatVector apply(FloatVector z) {
            return z.add(THREE_F).max(ZERO_F).min(SIX_F).div(SIX_F);
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return z.add(THREE).max(ZERO).min(SIX).div(SIX);
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return ZERO_F.blend(g.div(SIX_F), a.compare(VectorOperators.GT, ZERO_F).and(a.compare(VectorOperators.LT, ONE_F)));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return ZERO.blend(g.div(SIX), a.compare(VectorOperators.GT, ZERO).and(a.compare(VectorOperators.LT, ONE)));
        }
    }

    /**
     * ONNX's {@code HardSigmoid} with {@code alpha = 1/6, beta = 0.5}: {@code max(0, min(1, z / 6 + 0.5))},
     * the same function (its floats round a little differently).
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("HardSigmoid", name, input).attribute("alpha", 1f / 6f).attribute("beta", 0.5f).output();
    }

    @Override
    public String onnxOp() {
        return "HardSigmoid";
    }

    /** A {@code HardSigmoid} node with alpha 1/6 and beta 0.5 (ONNX's defaults, 0.2 and 0.5, are Keras 2's: refused). */
    @Override
    public ActivationFunction fromOnnx(Map<String, Object> attributes) {
        OnnxAttributes.only(attributes, "HardSigmoid", "alpha", "beta");
        OnnxAttributes.requireFloat(attributes, "HardSigmoid", "alpha", 0.2, 1.0 / 6);
        OnnxAttributes.requireFloat(attributes, "HardSigmoid", "beta", 0.5, 0.5);
        return new HardSigmoid();
    }
}
