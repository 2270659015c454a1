package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * Keras' {@code "relu6"}: {@code a = min(max(z, 0), 6)}, element-wise. Derivative: 1 where
 * {@code 0 < a < 6}, else 0 (also at 0 and 6, as TensorFlow), read off the output. Shapes: a and z
 * alike; the Jacobian of a sample is diagonal.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Relu6 extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = min(max(z, 0), 6)}. */
    @Override
    public float apply(float z) {
        return Math.min(Math.max(z, 0f), 6f);
    }

    @Override
    public double apply(double z) {
        return Math.min(Math.max(z, 0.0), 6.0);
    }

    /** {@code dL/dz = 0 < a < 6 ? g : 0}. */
    @Override
    public float backward(float z, float a, float g) {
        return a > 0f && a < 6f ? g : 0f;
    }

    @Override
    public double backward(double z, double a, double g) {
        return a > 0.0 && a < 6.0 ? g : 0.0;
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
        private static final FloatVector SIX_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 6f);
        private static final DoubleVector ZERO = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED);
        private static final DoubleVector SIX = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 6.0);

        @Override
        public FloatVector apply(FloatVector z) {
            return z.max(ZERO_F).min(SIX_F);
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return z.max(ZERO).min(SIX);
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return ZERO_F.blend(g, a.compare(VectorOperators.GT, ZERO_F).and(a.compare(VectorOperators.LT, SIX_F)));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return ZERO.blend(g, a.compare(VectorOperators.GT, ZERO).and(a.compare(VectorOperators.LT, SIX)));
        }
    }

    /** ONNX's {@code Clip} with min 0 and max 6 (opset 11 on: bounds as inputs). Export only. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Clip", name, input, graph.scalar(name + "/min", 0), graph.scalar(name + "/max", 6)).output();
    }
}
