package org.backprop4j.core.kernels;

import static jdk.incubator.vector.VectorOperators.LSHL;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp} and {@code tanh} for activation formulas, in float (never widened to double) and in
 * double, each with its SIMD twin in {@link Lanes}, which performs the very same operations lane by
 * lane, so a scalar loop and a SIMD loop give bit-identical results. No fused multiply-add is used
 * (it would be slow on CPUs without FMA).
 *
 * <p>{@code exp(x)}: with {@code k = round(x / ln 2)} and {@code r = x - k ln 2} ({@code ln 2} split
 * in a short exact high part and a low part, so that {@code k * LN2_HIGH} is exact),
 * {@code |r| <= ln 2 / 2} and {@code exp(x) = 2^k exp(r)}; {@code 2^k} is one exact power of two built
 * from its bits. Float: {@code exp(r) = 1 + r + r^2 (c0 + c1 r + ... + c5 r^5)} (relative error below
 * 7e-8); double: the Padé form {@code 1 + 2 r P(r^2) / (Q(r^2) - r P(r^2))} (about 2e-16). The exp
 * <b>saturates</b>: x is clamped first ({@code [-87.3, 88.3]} in float, {@code [-708.3, 709.4]} in
 * double) so {@code 2^k} stays normal, and results are never 0, subnormal or infinite, which changes
 * a sigmoid, tanh or softmax by less than the smallest normal number. NaN stays NaN.
 *
 * <p>{@code tanh(x)}: for {@code |x| > 0.625}, {@code sign(x) (1 - 2 / (exp(2|x|) + 1))}; below, an
 * odd polynomial (float: {@code x + x^3 P(x^2)}, double: {@code x + x^3 R(x^2) / S(x^2)}), with no
 * cancellation near 0. Coefficients: Cephes (S. Moshier).
 *
 * <p>Threads: static methods without state.
 */
public final class FastMath {

    static final float LOG2E_F = 1.44269504088896341f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, in its low bits. */
    static final float ROUND_MAGIC_F = 12582912f;
    /** {@code (bits << 23) + EXPONENT_BIAS_F} of the rounded sum are the bits of {@code 2^k}. */
    static final int EXPONENT_BIAS_F = (127 - Float.floatToRawIntBits(ROUND_MAGIC_F)) << 23;
    static final float LN2_HIGH_F = 0.693359375f;
    static final float LN2_LOW_F = -2.12194440e-4f;
    static final float MIN_EXP_INPUT_F = -87.3f;
    static final float MAX_EXP_INPUT_F = 88.3f;
    static final float E0 = 1.9875691500e-4f;
    static final float E1 = 1.3981999507e-3f;
    static final float E2 = 8.3334519073e-3f;
    static final float E3 = 4.1665795894e-2f;
    static final float E4 = 1.6666665459e-1f;
    static final float E5 = 5.0000001201e-1f;
    static final float TANH_LIMIT_F = 0.625f;
    static final float T0 = -5.70498872745e-3f;
    static final float T1 = 2.06390887954e-2f;
    static final float T2 = -5.37397155531e-2f;
    static final float T3 = 1.33314422036e-1f;
    static final float T4 = -3.33332819422e-1f;

    static final double LOG2E = 1.4426950408889634;
    /** 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer, in its low bits. */
    static final double ROUND_MAGIC = 6755399441055744.0;
    static final long EXPONENT_BIAS = (1023 - Double.doubleToRawLongBits(ROUND_MAGIC)) << 52;
    static final double LN2_HIGH = 6.93145751953125e-1;
    static final double LN2_LOW = 1.42860682030941723212e-6;
    static final double MIN_EXP_INPUT = -708.3;
    static final double MAX_EXP_INPUT = 709.4;
    static final double P0 = 1.26177193074810590878e-4;
    static final double P1 = 3.02994407707441961300e-2;
    static final double P2 = 9.99999999999999999910e-1;
    static final double Q0 = 3.00198505138664455042e-6;
    static final double Q1 = 2.52448340349684104192e-3;
    static final double Q2 = 2.27265548208155028766e-1;
    static final double Q3 = 2.00000000000000000009e0;
    static final double TANH_LIMIT = 0.625;
    static final double R0 = -9.64399179425052238628e-1;
    static final double R1 = -9.92877231001918586564e1;
    static final double R2 = -1.61468768441708447952e3;
    static final double S0 = 1.12811678491632931402e2;
    static final double S1 = 2.23548839060100448583e3;
    static final double S2 = 4.84406305325125486048e3;

    private FastMath() {
    }

    /** e^x in float. */
    public static float exp(float x) {
        float clamped = Math.min(Math.max(x, MIN_EXP_INPUT_F), MAX_EXP_INPUT_F);
        float shifted = clamped * LOG2E_F + ROUND_MAGIC_F;
        float kf = shifted - ROUND_MAGIC_F;
        float r = clamped - kf * LN2_HIGH_F - kf * LN2_LOW_F;
        float p = (((((E0 * r + E1) * r + E2) * r + E3) * r + E4) * r + E5) * (r * r) + r + 1f;
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(shifted) << 23) + EXPONENT_BIAS_F); // 2^k
    }

    /** e^x in double. */
    public static double exp(double x) {
        double clamped = Math.min(Math.max(x, MIN_EXP_INPUT), MAX_EXP_INPUT);
        double shifted = clamped * LOG2E + ROUND_MAGIC;
        double kd = shifted - ROUND_MAGIC;
        double r = clamped - kd * LN2_HIGH - kd * LN2_LOW;
        double rr = r * r;
        double px = r * ((P0 * rr + P1) * rr + P2);
        double q = ((Q0 * rr + Q1) * rr + Q2) * rr + Q3;
        double e = 1.0 + 2.0 * (px / (q - px));
        return e * Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) << 52) + EXPONENT_BIAS); // 2^k
    }

    /** tanh(x) in float. */
    public static float tanh(float x) {
        float ax = Math.abs(x);
        if (ax > TANH_LIMIT_F) {
            return Math.copySign(1f - 2f / (exp(ax + ax) + 1f), x);
        }
        float s = x * x;
        return ((((T0 * s + T1) * s + T2) * s + T3) * s + T4) * s * x + x;
    }

    /** tanh(x) in double. */
    public static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax > TANH_LIMIT) {
            return Math.copySign(1.0 - 2.0 / (exp(ax + ax) + 1.0), x);
        }
        double s = x * x;
        return x + x * s * (((R0 * s + R1) * s + R2) / (((s + S0) * s + S1) * s + S2));
    }

    /**
     * The SIMD twins of {@link FastMath}'s functions, for an activation's {@link ActivationLanes}: the
     * same operations on every lane. Loaded only when the JVM has {@code jdk.incubator.vector}.
     * Constants are broadcast once, into static vectors (broadcasting inside a loop made C2's graph
     * larger than its inlining budget, and the vectors were then boxed).
     */
    public static final class Lanes {

        private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
        private static final VectorSpecies<Integer> INTS = FLOATS.withLanes(int.class);
        private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
        private static final VectorSpecies<Long> LONGS = DOUBLES.withLanes(long.class);

        private static final IntVector SIGN_F = IntVector.broadcast(INTS, 0x80000000);
        private static final FloatVector ONE_F = FloatVector.broadcast(FLOATS, 1f);
        private static final FloatVector TWO_F = FloatVector.broadcast(FLOATS, 2f);
        private static final FloatVector MIN_F = FloatVector.broadcast(FLOATS, MIN_EXP_INPUT_F);
        private static final FloatVector MAX_F = FloatVector.broadcast(FLOATS, MAX_EXP_INPUT_F);
        private static final FloatVector LOG2E_VF = FloatVector.broadcast(FLOATS, LOG2E_F);
        private static final FloatVector MAGIC_F = FloatVector.broadcast(FLOATS, ROUND_MAGIC_F);
        private static final IntVector BIAS_F = IntVector.broadcast(INTS, EXPONENT_BIAS_F);
        private static final FloatVector HIGH_F = FloatVector.broadcast(FLOATS, LN2_HIGH_F);
        private static final FloatVector LOW_F = FloatVector.broadcast(FLOATS, LN2_LOW_F);
        private static final FloatVector VE0 = FloatVector.broadcast(FLOATS, E0);
        private static final FloatVector VE1 = FloatVector.broadcast(FLOATS, E1);
        private static final FloatVector VE2 = FloatVector.broadcast(FLOATS, E2);
        private static final FloatVector VE3 = FloatVector.broadcast(FLOATS, E3);
        private static final FloatVector VE4 = FloatVector.broadcast(FLOATS, E4);
        private static final FloatVector VE5 = FloatVector.broadcast(FLOATS, E5);
        private static final FloatVector VT0 = FloatVector.broadcast(FLOATS, T0);
        private static final FloatVector VT1 = FloatVector.broadcast(FLOATS, T1);
        private static final FloatVector VT2 = FloatVector.broadcast(FLOATS, T2);
        private static final FloatVector VT3 = FloatVector.broadcast(FLOATS, T3);
        private static final FloatVector VT4 = FloatVector.broadcast(FLOATS, T4);
        private static final FloatVector LIMIT_F = FloatVector.broadcast(FLOATS, TANH_LIMIT_F);

        private static final LongVector SIGN = LongVector.broadcast(LONGS, 0x8000000000000000L);
        private static final DoubleVector ONE = DoubleVector.broadcast(DOUBLES, 1.0);
        private static final DoubleVector TWO = DoubleVector.broadcast(DOUBLES, 2.0);
        private static final DoubleVector MIN = DoubleVector.broadcast(DOUBLES, MIN_EXP_INPUT);
        private static final DoubleVector MAX = DoubleVector.broadcast(DOUBLES, MAX_EXP_INPUT);
        private static final DoubleVector VLOG2E = DoubleVector.broadcast(DOUBLES, LOG2E);
        private static final DoubleVector MAGIC = DoubleVector.broadcast(DOUBLES, ROUND_MAGIC);
        private static final LongVector BIAS = LongVector.broadcast(LONGS, EXPONENT_BIAS);
        private static final DoubleVector HIGH = DoubleVector.broadcast(DOUBLES, LN2_HIGH);
        private static final DoubleVector LOW = DoubleVector.broadcast(DOUBLES, LN2_LOW);
        private static final DoubleVector VP0 = DoubleVector.broadcast(DOUBLES, P0);
        private static final DoubleVector VP1 = DoubleVector.broadcast(DOUBLES, P1);
        private static final DoubleVector VP2 = DoubleVector.broadcast(DOUBLES, P2);
        private static final DoubleVector VQ0 = DoubleVector.broadcast(DOUBLES, Q0);
        private static final DoubleVector VQ1 = DoubleVector.broadcast(DOUBLES, Q1);
        private static final DoubleVector VQ2 = DoubleVector.broadcast(DOUBLES, Q2);
        private static final DoubleVector VQ3 = DoubleVector.broadcast(DOUBLES, Q3);
        private static final DoubleVector VR0 = DoubleVector.broadcast(DOUBLES, R0);
        private static final DoubleVector VR1 = DoubleVector.broadcast(DOUBLES, R1);
        private static final DoubleVector VR2 = DoubleVector.broadcast(DOUBLES, R2);
        private static final DoubleVector VS0 = DoubleVector.broadcast(DOUBLES, S0);
        private static final DoubleVector VS1 = DoubleVector.broadcast(DOUBLES, S1);
        private static final DoubleVector VS2 = DoubleVector.broadcast(DOUBLES, S2);
        private static final DoubleVector LIMIT = DoubleVector.broadcast(DOUBLES, TANH_LIMIT);

        private Lanes() {
        }

        /** {@link FastMath#exp(float)} on every lane. */
        public static FloatVector exp(FloatVector x) {
            FloatVector clamped = x.max(MIN_F).min(MAX_F);
            FloatVector shifted = clamped.mul(LOG2E_VF).add(MAGIC_F);
            FloatVector kf = shifted.sub(MAGIC_F);
            FloatVector r = clamped.sub(kf.mul(HIGH_F)).sub(kf.mul(LOW_F));
            FloatVector p = r.mul(VE0).add(VE1).mul(r).add(VE2).mul(r).add(VE3).mul(r).add(VE4).mul(r).add(VE5)
                    .mul(r.mul(r)).add(r).add(ONE_F);
            IntVector scaleBits = ((IntVector) shifted.reinterpretAsInts()).lanewise(LSHL, 23).add(BIAS_F);
            return p.mul((FloatVector) scaleBits.reinterpretAsFloats());
        }

        /** {@link FastMath#exp(double)} on every lane. */
        public static DoubleVector exp(DoubleVector x) {
            DoubleVector clamped = x.max(MIN).min(MAX);
            DoubleVector shifted = clamped.mul(VLOG2E).add(MAGIC);
            DoubleVector kd = shifted.sub(MAGIC);
            DoubleVector r = clamped.sub(kd.mul(HIGH)).sub(kd.mul(LOW));
            DoubleVector rr = r.mul(r);
            DoubleVector px = r.mul(rr.mul(VP0).add(VP1).mul(rr).add(VP2));
            DoubleVector q = rr.mul(VQ0).add(VQ1).mul(rr).add(VQ2).mul(rr).add(VQ3);
            DoubleVector e = px.div(q.sub(px)).mul(TWO).add(ONE);
            LongVector scaleBits = ((LongVector) shifted.reinterpretAsLongs()).lanewise(LSHL, 52).add(BIAS);
            return e.mul((DoubleVector) scaleBits.reinterpretAsDoubles());
        }

        /** {@link FastMath#tanh(float)} on every lane: both branches, then the one each lane needs. */
        public static FloatVector tanh(FloatVector x) {
            FloatVector s = x.mul(x);
            FloatVector small = s.mul(VT0).add(VT1).mul(s).add(VT2).mul(s).add(VT3).mul(s).add(VT4).mul(s).mul(x).add(x);
            FloatVector ax = x.abs();
            FloatVector large = ONE_F.sub(TWO_F.div(exp(ax.add(ax)).add(ONE_F))); // >= 0.55: x's sign bit is copied in
            IntVector signed = ((IntVector) large.reinterpretAsInts()).or(((IntVector) x.reinterpretAsInts()).and(SIGN_F));
            return small.blend((FloatVector) signed.reinterpretAsFloats(), ax.compare(VectorOperators.GT, LIMIT_F));
        }

        /** {@link FastMath#tanh(double)} on every lane: both branches, then the one each lane needs. */
        public static DoubleVector tanh(DoubleVector x) {
            DoubleVector s = x.mul(x);
            DoubleVector numerator = s.mul(VR0).add(VR1).mul(s).add(VR2);
            DoubleVector denominator = s.add(VS0).mul(s).add(VS1).mul(s).add(VS2);
            DoubleVector small = x.mul(s).mul(numerator.div(denominator)).add(x);
            DoubleVector ax = x.abs();
            DoubleVector large = ONE.sub(TWO.div(exp(ax.add(ax)).add(ONE)));
            LongVector signed = ((LongVector) large.reinterpretAsLongs()).or(((LongVector) x.reinterpretAsLongs()).and(SIGN));
            return small.blend((DoubleVector) signed.reinterpretAsDoubles(), ax.compare(VectorOperators.GT, LIMIT));
        }

        /** {@code 1 / x} on every lane, with the constant 1 broadcast once. */
        public static FloatVector reciprocal(FloatVector x) {
            return ONE_F.div(x);
        }

        /** {@code 1 / x} on every lane, with the constant 1 broadcast once. */
        public static DoubleVector reciprocal(DoubleVector x) {
            return ONE.div(x);
        }
    }
}
