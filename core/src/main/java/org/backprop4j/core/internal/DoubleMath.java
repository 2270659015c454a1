package org.backprop4j.core.internal;

/**
 * {@code exp} and {@code tanh} in double, by the same steps as the SIMD version
 * ({@code VectorDoubles}), lane by lane, so that the scalar and SIMD loops give bit-identical
 * results (and training does not depend on whether the Vector API is enabled).
 *
 * <p>{@code exp(x) = 2^k exp(r)} with {@code k = round(x / ln 2)}, {@code r = x - k ln 2}
 * ({@code |r| <= ln 2 / 2}, {@code ln 2} split so that {@code k * LN2_HIGH} is exact), and
 * {@code exp(r) = 1 + 2 r P(r^2) / (Q(r^2) - r P(r^2))}, a Padé form accurate to about 2e-16;
 * {@code 2^k} is one exact power of two built from its bits. Saturating like {@link FloatMath#exp}:
 * x is clamped to {@code [-708.3, 709.4]}, results lie in {@code [2.2e-308, 1.2e308]}; NaN stays NaN. {@code tanh(x)}: for {@code |x| > 0.625}, {@code sign(x) (1 - 2 / (exp(2|x|) + 1))},
 * below {@code x + x^3 R(x^2) / S(x^2)} (relative error below 4e-16). Coefficients: Cephes
 * (S. Moshier), double precision.
 */
final class DoubleMath {

    static final double LOG2E = 1.4426950408889634;
    /** 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer, in its low bits. */
    static final double ROUND_MAGIC = 6755399441055744.0;
    static final long ROUND_MAGIC_BITS = Double.doubleToRawLongBits(ROUND_MAGIC);
    /** {@code (bits - ROUND_MAGIC_BITS + 1023) << 52}, the bits of {@code 2^k}, is {@code (bits << 52) + EXPONENT_BIAS}. */
    static final long EXPONENT_BIAS = (1023 - ROUND_MAGIC_BITS) << 52;
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
    static final double TANH_POLYNOMIAL_LIMIT = 0.625;
    static final double R0 = -9.64399179425052238628e-1;
    static final double R1 = -9.92877231001918586564e1;
    static final double R2 = -1.61468768441708447952e3;
    static final double S0 = 1.12811678491632931402e2;
    static final double S1 = 2.23548839060100448583e3;
    static final double S2 = 4.84406305325125486048e3;

    private DoubleMath() {
    }

    /** e^x. */
    static double exp(double x) {
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

    /** 1 / (1 + e^-x). */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + exp(-x));
    }

    /** tanh(x). */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax > TANH_POLYNOMIAL_LIMIT) {
            return Math.copySign(1.0 - 2.0 / (exp(ax + ax) + 1.0), x);
        }
        double s = x * x;
        return x + x * s * (((R0 * s + R1) * s + R2) / (((s + S0) * s + S1) * s + S2));
    }
}
