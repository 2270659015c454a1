package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * Keras' {@code "mish"}: {@code a = z tanh(softplus(z))}, element-wise, computed with one exp:
 * with {@code e = exp(min(z, 20))} and {@code n = e (e + 2)}, {@code tanh(log(1 + e)) = n / (n + 2)}
 * (exactly 1 in double and float from z = 20 on, hence the clamp). Derivative:
 * {@code t + z dt/dz}, {@code t = n / (n + 2)}, {@code dt/dz = 4 e (e + 1) / (n + 2)^2}, which needs z
 * (the second term with z clamped at 20 too, where it is below 1e-15). Shapes: a and z alike; the
 * Jacobian of a sample is diagonal.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Mish extends ElementwiseActivation implements OnnxActivation {

    static final double CLAMP = 20;

    /** {@code a = z n / (n + 2)}. */
    @Override
    public float apply(float z) {
        float e = FastMath.exp(Math.min(z, (float) CLAMP));
        float n = e * (e + 2f);
        return z * (n / (n + 2f));
    }

    @Override
    public double apply(double z) {
        double e = FastMath.exp(Math.min(z, CLAMP));
        double n = e * (e + 2.0);
        return z * (n / (n + 2.0));
    }

    /** {@code dL/dz = g (t + min(z, 20) 4 e (e + 1) / (n + 2)^2)}. */
    @Override
    public float backward(float z, float a, float g) {
        float zc = Math.min(z, (float) CLAMP);
        float e = FastMath.exp(zc);
        float n = e * (e + 2f);
        float d = n + 2f;
        return g * (n / d + zc * (4f * e * (e + 1f) / (d * d)));
    }

    @Override
    public double backward(double z, double a, double g) {
        double zc = Math.min(z, CLAMP);
        double e = FastMath.exp(zc);
        double n = e * (e + 2.0);
        double d = n + 2.0;
        return g * (n / d + zc * (4.0 * e * (e + 1.0) / (d * d)));
    }

    @Override
    public ActivationLanes lanes() {
        return new Lanes();
    }

    /** The same formulas on every lane. */
    private static final class Lanes implements ActivationLanes {
        private static final FloatVector ONE_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
        private static final FloatVector TWO_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 2f);
        private static final FloatVector FOUR_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 4f);
        private static final FloatVector CLAMP_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, (float) CLAMP);
        private static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 1.0);
        private static final DoubleVector TWO = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 2.0);
        private static final DoubleVector FOUR = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 4.0);
        private static final DoubleVector VCLAMP = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, CLAMP);

        @Override
        public FloatVector apply(FloatVector z) {
            FloatVector e = FastMath.Lanes.exp(z.min(CLAMP_F));
            FloatVector n = e.mul(e.add(TWO_F));
            return z.mul(n.div(n.add(TWO_F)));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            DoubleVector e = FastMath.Lanes.exp(z.min(VCLAMP));
            DoubleVector n = e.mul(e.add(TWO));
            return z.mul(n.div(n.add(TWO)));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            FloatVector zc = z.min(CLAMP_F);
            FloatVector e = FastMath.Lanes.exp(zc);
            FloatVector n = e.mul(e.add(TWO_F));
            FloatVector d = n.add(TWO_F);
            return g.mul(n.div(d).add(zc.mul(FOUR_F.mul(e).mul(e.add(ONE_F)).div(d.mul(d)))));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            DoubleVector zc = z.min(VCLAMP);
            DoubleVector e = FastMath.Lanes.exp(zc);
            DoubleVector n = e.mul(e.add(TWO));
            DoubleVector d = n.add(TWO);
            return g.mul(n.div(d).add(zc.mul(FOUR.mul(e).mul(e.add(ONE)).div(d.mul(d)))));
        }
    }

    /** ONNX opset 17 has no Mish: {@code Softplus}, {@code Tanh}, then {@code Mul} by z. Export only. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        String softplus = graph.add("Softplus", name + "/softplus", input).output();
        String tanh = graph.add("Tanh", name + "/tanh", softplus).output();
        return graph.add("Mul", name, input, tanh).output();
    }
}
