package org.backprop4j.core.activations;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * Keras' {@code "softplus"}: {@code a = log(1 + exp(z))}, element-wise, computed as
 * {@code max(z, 0) + log1p(exp(-|z|))}, which neither overflows for large z nor loses the small values
 * for very negative z. Derivative: {@code sigmoid(z) = 1 / (1 + exp(-z))}, from z. Shapes: a and z
 * alike; the Jacobian of a sample is diagonal.
 *
 * <p>{@code log1p(t)} for {@code t = exp(-|z|)} in {@code (0, 1]} is written here (Java's
 * {@code Math.log1p} has no SIMD twin): with {@code f = t} when {@code t <= sqrt 2 - 1}, else
 * {@code f = (t - 1) / 2} and {@code ln 2} added, {@code log(1 + f) = f - (f^2/2 - s (f^2/2 + R(s^2)))},
 * {@code s = f / (2 + f)}, {@code |s| <= 0.1716}, R a polynomial (coefficients: fdlibm's {@code e_log.c}
 * in double, FreeBSD's {@code e_logf.c} in float): about 1 ulp.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Softplus extends ElementwiseActivation implements OnnxActivation {

    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    static final float LG1_F = 0.66666662693f;
    static final float LG2_F = 0.40000972152f;
    static final float LG3_F = 0.28498786688f;
    static final float LG4_F = 0.24279078841f;
    static final double SPLIT = 0.41421356237309503;
    static final double LN2 = 0.6931471805599453;

    /** {@code a = max(z, 0) + log1p(exp(-|z|))}. */
    @Override
    public float apply(float z) {
        return Math.max(z, 0f) + log1pUnit(FastMath.exp(-Math.abs(z)));
    }

    @Override
    public double apply(double z) {
        return Math.max(z, 0.0) + log1pUnit(FastMath.exp(-Math.abs(z)));
    }

    /** {@code dL/dz = g / (1 + exp(-z))}. */
    @Override
    public float backward(float z, float a, float g) {
        return g / (1f + FastMath.exp(-z));
    }

    @Override
    public double backward(double z, double a, double g) {
        return g / (1.0 + FastMath.exp(-z));
    }

    /** {@code log(1 + t)} for t in [0, 1]. */
    static double log1pUnit(double t) {
        boolean high = t > SPLIT;
        double f = high ? (t - 1.0) * 0.5 : t;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double r = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
        double half = 0.5 * f * f;
        double log = f - (half - s * (half + r));
        return high ? log + LN2 : log;
    }

    /** {@code log(1 + t)} for t in [0, 1], in float. */
    static float log1pUnit(float t) {
        boolean high = t > (float) SPLIT;
        float f = high ? (t - 1f) * 0.5f : t;
        float s = f / (2f + f);
        float z = s * s;
        float w = z * z;
        float r = z * (LG1_F + w * LG3_F) + w * (LG2_F + w * LG4_F);
        float half = 0.5f * f * f;
        float log = f - (half - s * (half + r));
        return high ? log + (float) LN2 : log;
    }

    @Override
    public ActivationLanes lanes() {
        return new Lanes();
    }

    /** The same formulas on every lane. */
    private static final class Lanes implements ActivationLanes {
        private static final FloatVector ZERO_F = FloatVector.zero(FloatVector.SPECIES_PREFERRED);
        private static final FloatVector HALF_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 0.5f);
        private static final FloatVector ONE_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
        private static final FloatVector TWO_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 2f);
        private static final FloatVector SPLIT_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, (float) SPLIT);
        private static final FloatVector LN2_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, (float) LN2);
        private static final FloatVector L1F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, LG1_F);
        private static final FloatVector L2F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, LG2_F);
        private static final FloatVector L3F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, LG3_F);
        private static final FloatVector L4F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, LG4_F);
        private static final DoubleVector ZERO = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED);
        private static final DoubleVector HALF = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 0.5);
        private static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 1.0);
        private static final DoubleVector TWO = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 2.0);
        private static final DoubleVector VSPLIT = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, SPLIT);
        private static final DoubleVector VLN2 = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, LN2);
        private static final DoubleVector L1 = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, LG1);
        private static final DoubleVector L2 = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, LG2);
        private static final DoubleVector L3 = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, LG3);
        private static final DoubleVector L4 = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, LG4);
        private static final DoubleVector L5 = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, LG5);
        private static final DoubleVector L6 = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, LG6);
        private static final DoubleVector L7 = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, LG7);

        private static DoubleVector log1pUnit(DoubleVector t) {
            VectorMask<Double> high = t.compare(VectorOperators.GT, VSPLIT);
            DoubleVector f = t.blend(t.sub(ONE).mul(HALF), high);
            DoubleVector s = f.div(f.add(TWO));
            DoubleVector z = s.mul(s);
            DoubleVector w = z.mul(z);
            DoubleVector r = z.mul(w.mul(w.mul(w.mul(L7).add(L5)).add(L3)).add(L1))
                    .add(w.mul(w.mul(w.mul(L6).add(L4)).add(L2)));
            DoubleVector half = HALF.mul(f).mul(f);
            DoubleVector log = f.sub(half.sub(s.mul(half.add(r))));
            return log.blend(log.add(VLN2), high);
        }

        private static FloatVector log1pUnit(FloatVector t) {
            VectorMask<Float> high = t.compare(VectorOperators.GT, SPLIT_F);
            FloatVector f = t.blend(t.sub(ONE_F).mul(HALF_F), high);
            FloatVector s = f.div(f.add(TWO_F));
            FloatVector z = s.mul(s);
            FloatVector w = z.mul(z);
            FloatVector r = z.mul(w.mul(L3F).add(L1F)).add(w.mul(w.mul(L4F).add(L2F)));
            FloatVector half = HALF_F.mul(f).mul(f);
            FloatVector log = f.sub(half.sub(s.mul(half.add(r))));
            return log.blend(log.add(LN2_F), high);
        }

        @Override
        public FloatVector apply(FloatVector z) {
            return z.max(ZERO_F).add(log1pUnit(FastMath.Lanes.exp(z.abs().neg())));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return z.max(ZERO).add(log1pUnit(FastMath.Lanes.exp(z.abs().neg())));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g.div(FastMath.Lanes.exp(z.neg()).add(ONE_F));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g.div(FastMath.Lanes.exp(z.neg()).add(ONE));
        }
    }

    /** ONNX's {@code Softplus}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Softplus", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Softplus";
    }
}
