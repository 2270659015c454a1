package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * Keras' {@code "softsign"}: {@code a = z / (1 + |z|)}, element-wise. Derivative:
 * {@code 1 / (1 + |z|)^2 = (1 - |a|)^2}, read off the output. Shapes: a and z alike; the Jacobian of a
 * sample is diagonal.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Softsign extends ElementwiseActivation implements OnnxActivation {

    /** {@code a = z / (1 + |z|)}. */
    @Override
    public float apply(float z) {
        return z / (1f + Math.abs(z));
    }

    @Override
    public double apply(double z) {
        return z / (1.0 + Math.abs(z));
    }

    /** {@code dL/dz = g (1 - |a|)^2}. */
    @Override
    public float backward(float z, float a, float g) {
        float b = 1f - Math.abs(a);
        return g * (b * b);
    }

    @Override
    public double backward(double z, double a, double g) {
        double b = 1.0 - Math.abs(a);
        return g * (b * b);
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
            return z.div(z.abs().add(ONE_F));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return z.div(z.abs().add(ONE));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            FloatVector b = ONE_F.sub(a.abs());
            return g.mul(b.mul(b));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            DoubleVector b = ONE.sub(a.abs());
            return g.mul(b.mul(b));
        }
    }

    /** ONNX's {@code Softsign}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Softsign", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Softsign";
    }
}
