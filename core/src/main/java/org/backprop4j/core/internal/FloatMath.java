package org.backprop4j.core.internal;

/**
 * {@code exp} and {@code tanh} computed in float, without widening to double, and the constants
 * they share with the SIMD version ({@code VectorFloats}), which performs the very same operations
 * lane by lane, so both give bit-identical results. No fused multiply-add is used (it would be slow
 * on CPUs without FMA).
 *
 * <p>{@code exp(x)}: with {@code k = round(x / ln 2)} and {@code r = x - k ln 2} ({@code ln 2} split
 * in a short exact high part and a low part, so that {@code k * LN2_HIGH} is exact),
 * {@code |r| <= ln 2 / 2} and {@code exp(x) = 2^k exp(r)}; {@code exp(r)} is the polynomial
 * {@code 1 + r + r^2 (c0 + c1 r + ... + c5 r^5)} (relative error below 7e-8 on that interval), and
 * {@code 2^k} is one exact power of two built from its bits. The exp <b>saturates</b>: x is clamped
 * to {@code [-87.3, 88.3]} first, so that {@code 2^k} stays a normal float, and results lie in
 * {@code [1.2e-38, 2.1e38]} (no 0, subnormal or infinity), which changes a sigmoid, tanh or softmax
 * by less than the smallest normal float. NaN stays NaN. (Two powers of two for the full range cost
 * five more vector operations, enough to push the SIMD loops past C2's inlining budget.)
 *
 * <p>{@code tanh(x)}: for {@code |x| > 0.625}, {@code sign(x) (1 - 2 / (exp(2|x|) + 1))}; below, the
 * odd polynomial {@code x + x^3 P(x^2)} (no cancellation near 0; relative error below 8e-8).
 * The polynomial coefficients are Cephes' (S. Moshier) for single precision.
 */
final class FloatMath {

    static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, in its low bits. */
    static final float ROUND_MAGIC = 12582912f;
    static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    /**
     * Added to the rounded sum's bits shifted into the exponent field: {@code (bits - ROUND_MAGIC_BITS
     * + 127) << 23}, the bits of {@code 2^k}, is {@code (bits << 23) + EXPONENT_BIAS} in int arithmetic.
     */
    static final int EXPONENT_BIAS = (127 - ROUND_MAGIC_BITS) << 23;
    static final float LN2_HIGH = 0.693359375f;
    static final float LN2_LOW = -2.12194440e-4f;
    static final float MIN_EXP_INPUT = -87.3f;
    static final float MAX_EXP_INPUT = 88.3f;
    static final float E0 = 1.9875691500e-4f;
    static final float E1 = 1.3981999507e-3f;
    static final float E2 = 8.3334519073e-3f;
    static final float E3 = 4.1665795894e-2f;
    static final float E4 = 1.6666665459e-1f;
    static final float E5 = 5.0000001201e-1f;
    static final float TANH_POLYNOMIAL_LIMIT = 0.625f;
    static final float T0 = -5.70498872745e-3f;
    static final float T1 = 2.06390887954e-2f;
    static final float T2 = -5.37397155531e-2f;
    static final float T3 = 1.33314422036e-1f;
    static final float T4 = -3.33332819422e-1f;

    private FloatMath() {
    }

    /** e^x in float. */
    static float exp(float x) {
        float clamped = Math.min(Math.max(x, MIN_EXP_INPUT), MAX_EXP_INPUT);
        float shifted = clamped * LOG2E + ROUND_MAGIC;
        float kf = shifted - ROUND_MAGIC;
        float r = clamped - kf * LN2_HIGH - kf * LN2_LOW;
        float p = (((((E0 * r + E1) * r + E2) * r + E3) * r + E4) * r + E5) * (r * r) + r + 1f;
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(shifted) << 23) + EXPONENT_BIAS); // 2^k
    }

    /** 1 / (1 + e^-x) in float. */
    static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    /** tanh(x) in float. */
    static float tanh(float x) {
        float ax = Math.abs(x);
        if (ax > TANH_POLYNOMIAL_LIMIT) {
            return Math.copySign(1f - 2f / (exp(ax + ax) + 1f), x);
        }
        float s = x * x;
        return ((((T0 * s + T1) * s + T2) * s + T3) * s + T4) * s * x + x;
    }
}
