package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.Erf;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * The Gaussian error linear unit, Keras' {@code "gelu"} in its exact form (Keras 3's default
 * {@code approximate=False}): {@code a = z Phi(z) = 0.5 z (1 + erf(z / sqrt 2))}, element-wise, with
 * Phi the standard normal distribution function. Derivative:
 * {@code Phi(z) + z phi(z)}, {@code phi(z) = exp(-z^2 / 2) / sqrt(2 pi)}, which needs z; Phi is read back
 * as {@code a / z} (0.5 where {@code |z| < 1e-20}), so the backward pass computes no second erf (the
 * costly part). Shapes: a and z alike; the Jacobian of a sample is diagonal. erf is {@link Erf} (about
 * 1 ulp in double).
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Gelu extends ElementwiseActivation implements OnnxActivation {

    static final double SQRT2 = 1.4142135623730951;
    static final double INV_SQRT_2PI = 0.3989422804014327;
    /** Below this |z|, Phi(z) is 0.5 (a / z would lose a's precision near the subnormal range). */
    static final double TINY = 1e-20;
    private static final float SQRT2_F = (float) SQRT2;
    private static final float INV_SQRT_2PI_F = (float) INV_SQRT_2PI;

    /** {@code a = 0.5 z (1 + erf(z / sqrt 2))}. */
    @Override
    public float apply(float z) {
        return 0.5f * z * (1f + Erf.erf(z / SQRT2_F));
    }

    @Override
    public double apply(double z) {
        return 0.5 * z * (1.0 + Erf.erf(z / SQRT2));
    }

    /** {@code dL/dz = g (Phi(z) + z phi(z))}, {@code Phi(z) = a / z}. */
    @Override
    public float backward(float z, float a, float g) {
        float cdf = Math.abs(z) < (float) TINY ? 0.5f : a / z;
        float pdf = INV_SQRT_2PI_F * FastMath.exp(-0.5f * z * z);
        return g * (cdf + z * pdf);
    }

    @Override
    public double backward(double z, double a, double g) {
        double cdf = Math.abs(z) < TINY ? 0.5 : a / z;
        double pdf = INV_SQRT_2PI * FastMath.exp(-0.5 * z * z);
        return g * (cdf + z * pdf);
    }

    @Override
    public ActivationLanes lanes() {
        return new Lanes();
    }

    /** The same formulas on every lane. */
    private static final class Lanes implements ActivationLanes {
        private static final FloatVector HALF_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 0.5f);
        private static final FloatVector MINUS_HALF_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, -0.5f);
        private static final FloatVector ONE_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
        private static final FloatVector SQRT2_VF = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, SQRT2_F);
        private static final FloatVector PDF_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, INV_SQRT_2PI_F);
        private static final DoubleVector HALF = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 0.5);
        private static final DoubleVector MINUS_HALF = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, -0.5);
        private static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 1.0);
        private static final DoubleVector SQRT2_V = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, SQRT2);
        private static final DoubleVector PDF = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, INV_SQRT_2PI);
        private static final DoubleVector TINY_V = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, TINY);
        private static final FloatVector TINY_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, (float) TINY);

        @Override
        public FloatVector apply(FloatVector z) {
            return HALF_F.mul(z).mul(Erf.Lanes.erf(z.div(SQRT2_VF)).add(ONE_F));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return HALF.mul(z).mul(Erf.Lanes.erf(z.div(SQRT2_V)).add(ONE));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            FloatVector cdf = a.div(z).blend(HALF_F, z.abs().compare(VectorOperators.LT, TINY_F));
            FloatVector pdf = PDF_F.mul(FastMath.Lanes.exp(MINUS_HALF_F.mul(z).mul(z)));
            return g.mul(cdf.add(z.mul(pdf)));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            DoubleVector cdf = a.div(z).blend(HALF, z.abs().compare(VectorOperators.LT, TINY_V));
            DoubleVector pdf = PDF.mul(FastMath.Lanes.exp(MINUS_HALF.mul(z).mul(z)));
            return g.mul(cdf.add(z.mul(pdf)));
        }
    }

    /**
     * ONNX opset 17 has no Gelu: {@code Div} by sqrt 2, {@code Erf}, {@code Add} 1, {@code Mul} by z,
     * {@code Mul} by 0.5 (ONNX Runtime runs Erf in float only). Export only.
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        String scaled = graph.add("Div", name + "/over_sqrt2", input, graph.scalar(name + "/sqrt2", SQRT2)).output();
        String erf = graph.add("Erf", name + "/erf", scaled).output();
        String plusOne = graph.add("Add", name + "/plus_one", erf, graph.scalar(name + "/one", 1)).output();
        String times = graph.add("Mul", name + "/times_z", input, plusOne).output();
        return graph.add("Mul", name, times, graph.scalar(name + "/half", 0.5)).output();
    }
}
