package org.backprop4j.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The error function {@code erf(x) = 2 / sqrt(pi) * integral_0^x exp(-t^2) dt}, in float (never
 * widened) and in double, with its SIMD twin in {@link Lanes} performing the same operations lane by
 * lane (so scalar and SIMD loops agree bit for bit). Java has no {@code Math.erf}; GELU needs it.
 *
 * <p>Method: odd, so computed on {@code |x|} and given x's sign. Four ranges, each a rational
 * approximation (coefficients: fdlibm's {@code s_erf.c}, Sun Microsystems, 1993):
 * <ul>
 *   <li>{@code |x| < 0.84375}: {@code x + x P(x^2) / Q(x^2)};</li>
 *   <li>{@code |x| < 1.25}: {@code c + P1(s) / Q1(s)} with {@code s = |x| - 1}, {@code c = 0.845062911510467529297};</li>
 *   <li>{@code |x| < 6}: {@code 1 - exp(-z^2 - 0.5625) exp((z - |x|)(z + |x|) + R(1/x^2) / S(1/x^2)) / |x|}, one
 *       pair (R, S) below {@code 1/0.35} and another above; z is |x| with the low half of its bits
 *       cleared, so {@code z * z} is exact and {@code x^2} loses nothing in the exponent;</li>
 *   <li>{@code |x| >= 6}: 1.</li>
 * </ul>
 * In double the error is about one unit in the last place (fdlibm's bound is below 1 ulp; the exp here
 * is {@link FastMath#exp}, relative error about 2e-16); in float, with the same coefficients rounded
 * to float, a few float ulps. {@code erf(NaN)} is NaN, {@code erf(+-inf) = +-1}.
 *
 * <p>Threads: static methods without state.
 */
public final class Erf {

    static final double ERX = 8.45062911510467529297e-01;
    static final double PP0 = 1.28379167095512558561e-01;
    static final double PP1 = -3.25042107247001499370e-01;
    static final double PP2 = -2.84817495755985104766e-02;
    static final double PP3 = -5.77027029648944159157e-03;
    static final double PP4 = -2.37630166566501626084e-05;
    static final double QQ1 = 3.97917223959155352819e-01;
    static final double QQ2 = 6.50222499887672944485e-02;
    static final double QQ3 = 5.08130628187576562776e-03;
    static final double QQ4 = 1.32494738004321644526e-04;
    static final double QQ5 = -3.96022827877536812320e-06;
    static final double PA0 = -2.36211856075265944077e-03;
    static final double PA1 = 4.14856118683748331666e-01;
    static final double PA2 = -3.72207876035701323847e-01;
    static final double PA3 = 3.18346619901161753674e-01;
    static final double PA4 = -1.10894694282396677476e-01;
    static final double PA5 = 3.54783043256182359371e-02;
    static final double PA6 = -2.16637559486879084300e-03;
    static final double QA1 = 1.06420880400844228286e-01;
    static final double QA2 = 5.40397917702171048937e-01;
    static final double QA3 = 7.18286544141962662868e-02;
    static final double QA4 = 1.26171219808761642112e-01;
    static final double QA5 = 1.36370839120290507362e-02;
    static final double QA6 = 1.19844998467991074170e-02;
    static final double RA0 = -9.86494403484714822705e-03;
    static final double RA1 = -6.93858572707181764372e-01;
    static final double RA2 = -1.05586262253232909814e+01;
    static final double RA3 = -6.23753324503260060396e+01;
    static final double RA4 = -1.62396669462573470355e+02;
    static final double RA5 = -1.84605092906711035994e+02;
    static final double RA6 = -8.12874355063065934246e+01;
    static final double RA7 = -9.81432934416914548592e+00;
    static final double SA1 = 1.96512716674392571292e+01;
    static final double SA2 = 1.37657754143519042600e+02;
    static final double SA3 = 4.34565877475229228821e+02;
    static final double SA4 = 6.45387271733267880336e+02;
    static final double SA5 = 4.29008140027567833386e+02;
    static final double SA6 = 1.08635005541779435134e+02;
    static final double SA7 = 6.57024977031928170135e+00;
    static final double SA8 = -6.04244152148580987438e-02;
    static final double RB0 = -9.86494292470009928597e-03;
    static final double RB1 = -7.99283237680523006574e-01;
    static final double RB2 = -1.77579549177547519889e+01;
    static final double RB3 = -1.60636384855821916062e+02;
    static final double RB4 = -6.37566443368389627722e+02;
    static final double RB5 = -1.02509513161107724954e+03;
    static final double RB6 = -4.83519191608651397019e+02;
    static final double SB1 = 3.03380607434824582924e+01;
    static final double SB2 = 3.25792512996573918826e+02;
    static final double SB3 = 1.53672958608443695994e+03;
    static final double SB4 = 3.19985821950859553908e+03;
    static final double SB5 = 2.55305040643316442583e+03;
    static final double SB6 = 4.74528541206955367215e+02;
    static final double SB7 = -2.24409524465858183362e+01;

    static final double SMALL = 0.84375;
    static final double MIDDLE = 1.25;
    static final double TAIL_SPLIT = 1 / 0.35;
    static final double ONE_BEYOND = 6;
    static final double OFFSET = 0.5625;
    /** Keeps the sign, the exponent and the high 20 bits of the fraction: {@code z * z} is exact. */
    static final long HIGH_BITS = 0xffffffff00000000L;
    /** Keeps the sign, the exponent and the high 11 bits of the fraction: {@code z * z} is exact in float. */
    static final int HIGH_BITS_F = 0xfffff000;

    private Erf() {
    }

    /** erf(x) in double. */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < SMALL) {
            double s = x * x;
            double p = PP0 + s * (PP1 + s * (PP2 + s * (PP3 + s * PP4)));
            double q = 1.0 + s * (QQ1 + s * (QQ2 + s * (QQ3 + s * (QQ4 + s * QQ5))));
            return x + x * (p / q);
        }
        if (ax < MIDDLE) {
            double s = ax - 1.0;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            return Math.copySign(ERX + p / q, x);
        }
        if (ax >= ONE_BEYOND) {
            return Math.copySign(1.0, x);
        }
        double s = 1.0 / (ax * ax);
        double r;
        double q;
        if (ax < TAIL_SPLIT) {
            r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
            q = 1.0 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
        } else {
            r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
            q = 1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
        }
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(ax) & HIGH_BITS);
        double tail = FastMath.exp(-z * z - OFFSET) * FastMath.exp((z - ax) * (z + ax) + r / q);
        return Math.copySign(1.0 - tail / ax, x);
    }

    /** erf(x) in float: the same method with the coefficients rounded to float. */
    public static float erf(float x) {
        float ax = Math.abs(x);
        if (ax < (float) SMALL) {
            float s = x * x;
            float p = F.PP0 + s * (F.PP1 + s * (F.PP2 + s * (F.PP3 + s * F.PP4)));
            float q = 1f + s * (F.QQ1 + s * (F.QQ2 + s * (F.QQ3 + s * (F.QQ4 + s * F.QQ5))));
            return x + x * (p / q);
        }
        if (ax < (float) MIDDLE) {
            float s = ax - 1f;
            float p = F.PA0 + s * (F.PA1 + s * (F.PA2 + s * (F.PA3 + s * (F.PA4 + s * (F.PA5 + s * F.PA6)))));
            float q = 1f + s * (F.QA1 + s * (F.QA2 + s * (F.QA3 + s * (F.QA4 + s * (F.QA5 + s * F.QA6)))));
            return Math.copySign(F.ERX + p / q, x);
        }
        if (ax >= (float) ONE_BEYOND) {
            return Math.copySign(1f, x);
        }
        float s = 1f / (ax * ax);
        float r;
        float q;
        if (ax < (float) TAIL_SPLIT) {
            r = F.RA0 + s * (F.RA1 + s * (F.RA2 + s * (F.RA3 + s * (F.RA4 + s * (F.RA5 + s * (F.RA6 + s * F.RA7))))));
            q = 1f + s * (F.SA1 + s * (F.SA2 + s * (F.SA3 + s * (F.SA4 + s * (F.SA5 + s * (F.SA6 + s * (F.SA7 + s * F.SA8)))))));
        } else {
            r = F.RB0 + s * (F.RB1 + s * (F.RB2 + s * (F.RB3 + s * (F.RB4 + s * (F.RB5 + s * F.RB6)))));
            q = 1f + s * (F.SB1 + s * (F.SB2 + s * (F.SB3 + s * (F.SB4 + s * (F.SB5 + s * (F.SB6 + s * F.SB7))))));
        }
        float z = Float.intBitsToFloat(Float.floatToRawIntBits(ax) & HIGH_BITS_F);
        float tail = FastMath.exp(-z * z - (float) OFFSET) * FastMath.exp((z - ax) * (z + ax) + r / q);
        return Math.copySign(1f - tail / ax, x);
    }

    /** The coefficients rounded to float. */
    static final class F {
        static final float ERX = (float) Erf.ERX;
        static final float PP0 = (float) Erf.PP0;
        static final float PP1 = (float) Erf.PP1;
        static final float PP2 = (float) Erf.PP2;
        static final float PP3 = (float) Erf.PP3;
        static final float PP4 = (float) Erf.PP4;
        static final float QQ1 = (float) Erf.QQ1;
        static final float QQ2 = (float) Erf.QQ2;
        static final float QQ3 = (float) Erf.QQ3;
        static final float QQ4 = (float) Erf.QQ4;
        static final float QQ5 = (float) Erf.QQ5;
        static final float PA0 = (float) Erf.PA0;
        static final float PA1 = (float) Erf.PA1;
        static final float PA2 = (float) Erf.PA2;
        static final float PA3 = (float) Erf.PA3;
        static final float PA4 = (float) Erf.PA4;
        static final float PA5 = (float) Erf.PA5;
        static final float PA6 = (float) Erf.PA6;
        static final float QA1 = (float) Erf.QA1;
        static final float QA2 = (float) Erf.QA2;
        static final float QA3 = (float) Erf.QA3;
        static final float QA4 = (float) Erf.QA4;
        static final float QA5 = (float) Erf.QA5;
        static final float QA6 = (float) Erf.QA6;
        static final float RA0 = (float) Erf.RA0;
        static final float RA1 = (float) Erf.RA1;
        static final float RA2 = (float) Erf.RA2;
        static final float RA3 = (float) Erf.RA3;
        static final float RA4 = (float) Erf.RA4;
        static final float RA5 = (float) Erf.RA5;
        static final float RA6 = (float) Erf.RA6;
        static final float RA7 = (float) Erf.RA7;
        static final float SA1 = (float) Erf.SA1;
        static final float SA2 = (float) Erf.SA2;
        static final float SA3 = (float) Erf.SA3;
        static final float SA4 = (float) Erf.SA4;
        static final float SA5 = (float) Erf.SA5;
        static final float SA6 = (float) Erf.SA6;
        static final float SA7 = (float) Erf.SA7;
        static final float SA8 = (float) Erf.SA8;
        static final float RB0 = (float) Erf.RB0;
        static final float RB1 = (float) Erf.RB1;
        static final float RB2 = (float) Erf.RB2;
        static final float RB3 = (float) Erf.RB3;
        static final float RB4 = (float) Erf.RB4;
        static final float RB5 = (float) Erf.RB5;
        static final float RB6 = (float) Erf.RB6;
        static final float SB1 = (float) Erf.SB1;
        static final float SB2 = (float) Erf.SB2;
        static final float SB3 = (float) Erf.SB3;
        static final float SB4 = (float) Erf.SB4;
        static final float SB5 = (float) Erf.SB5;
        static final float SB6 = (float) Erf.SB6;
        static final float SB7 = (float) Erf.SB7;

        private F() {
        }
    }

    /**
     * {@link Erf#erf} on every lane: every range computed, then the one each lane needs chosen, with
     * the scalar method's operations in its order. Loaded only when the JVM has {@code jdk.incubator.vector}.
     */
    public static final class Lanes {

        private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
        private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
        private static final VectorSpecies<Integer> INTS = FLOATS.withLanes(int.class);
        private static final VectorSpecies<Long> LONGS = DOUBLES.withLanes(long.class);
        private static final LongVector MASK = LongVector.broadcast(LONGS, HIGH_BITS);
        private static final IntVector MASK_F = IntVector.broadcast(INTS, HIGH_BITS_F);
        private static final LongVector SIGN = LongVector.broadcast(LONGS, 0x8000000000000000L);
        private static final IntVector SIGN_F = IntVector.broadcast(INTS, 0x80000000);

        private Lanes() {
        }

        private static DoubleVector d(double value) {
            return DoubleVector.broadcast(DOUBLES, value);
        }

        private static FloatVector f(float value) {
            return FloatVector.broadcast(FLOATS, value);
        }

        private static final DoubleVector ONE = d(1.0);
        private static final DoubleVector[] PP = {d(PP0), d(PP1), d(PP2), d(PP3), d(PP4)};
        private static final DoubleVector[] QQ = {d(QQ1), d(QQ2), d(QQ3), d(QQ4), d(QQ5)};
        private static final DoubleVector[] PA = {d(PA0), d(PA1), d(PA2), d(PA3), d(PA4), d(PA5), d(PA6)};
        private static final DoubleVector[] QA = {d(QA1), d(QA2), d(QA3), d(QA4), d(QA5), d(QA6)};
        private static final DoubleVector[] RA = {d(RA0), d(RA1), d(RA2), d(RA3), d(RA4), d(RA5), d(RA6), d(RA7)};
        private static final DoubleVector[] SA = {d(SA1), d(SA2), d(SA3), d(SA4), d(SA5), d(SA6), d(SA7), d(SA8)};
        private static final DoubleVector[] RB = {d(RB0), d(RB1), d(RB2), d(RB3), d(RB4), d(RB5), d(RB6)};
        private static final DoubleVector[] SB = {d(SB1), d(SB2), d(SB3), d(SB4), d(SB5), d(SB6), d(SB7)};
        private static final DoubleVector VERX = d(ERX);
        private static final DoubleVector VOFFSET = d(OFFSET);
        private static final DoubleVector VSMALL = d(SMALL);
        private static final DoubleVector VMIDDLE = d(MIDDLE);
        private static final DoubleVector VSPLIT = d(TAIL_SPLIT);
        private static final DoubleVector VBEYOND = d(ONE_BEYOND);

        private static final FloatVector ONE_F = f(1f);
        private static final FloatVector[] PP_F = {f(F.PP0), f(F.PP1), f(F.PP2), f(F.PP3), f(F.PP4)};
        private static final FloatVector[] QQ_F = {f(F.QQ1), f(F.QQ2), f(F.QQ3), f(F.QQ4), f(F.QQ5)};
        private static final FloatVector[] PA_F = {f(F.PA0), f(F.PA1), f(F.PA2), f(F.PA3), f(F.PA4), f(F.PA5), f(F.PA6)};
        private static final FloatVector[] QA_F = {f(F.QA1), f(F.QA2), f(F.QA3), f(F.QA4), f(F.QA5), f(F.QA6)};
        private static final FloatVector[] RA_F = {f(F.RA0), f(F.RA1), f(F.RA2), f(F.RA3), f(F.RA4), f(F.RA5), f(F.RA6),
            f(F.RA7)};
        private static final FloatVector[] SA_F = {f(F.SA1), f(F.SA2), f(F.SA3), f(F.SA4), f(F.SA5), f(F.SA6), f(F.SA7),
            f(F.SA8)};
        private static final FloatVector[] RB_F = {f(F.RB0), f(F.RB1), f(F.RB2), f(F.RB3), f(F.RB4), f(F.RB5), f(F.RB6)};
        private static final FloatVector[] SB_F = {f(F.SB1), f(F.SB2), f(F.SB3), f(F.SB4), f(F.SB5), f(F.SB6), f(F.SB7)};
        private static final FloatVector VERX_F = f(F.ERX);
        private static final FloatVector VOFFSET_F = f((float) OFFSET);
        private static final FloatVector VSMALL_F = f((float) SMALL);
        private static final FloatVector VMIDDLE_F = f((float) MIDDLE);
        private static final FloatVector VSPLIT_F = f((float) TAIL_SPLIT);
        private static final FloatVector VBEYOND_F = f((float) ONE_BEYOND);

        /** {@code c[0] + s (c[1] + s (... + s c[n-1]))}, as the scalar nesting. */
        private static DoubleVector poly(DoubleVector s, DoubleVector[] c) {
            DoubleVector sum = s.mul(c[c.length - 1]);
            for (int i = c.length - 2; i > 0; i--) {
                sum = s.mul(sum.add(c[i]));
            }
            return sum.add(c[0]);
        }

        /** {@code 1 + s (c[0] + s (... + s c[n-1]))}, as the scalar nesting. */
        private static DoubleVector onePlus(DoubleVector s, DoubleVector[] c) {
            DoubleVector sum = s.mul(c[c.length - 1]);
            for (int i = c.length - 2; i >= 0; i--) {
                sum = s.mul(sum.add(c[i]));
            }
            return sum.add(ONE);
        }

        private static FloatVector poly(FloatVector s, FloatVector[] c) {
            FloatVector sum = s.mul(c[c.length - 1]);
            for (int i = c.length - 2; i > 0; i--) {
                sum = s.mul(sum.add(c[i]));
            }
            return sum.add(c[0]);
        }

        private static FloatVector onePlus(FloatVector s, FloatVector[] c) {
            FloatVector sum = s.mul(c[c.length - 1]);
            for (int i = c.length - 2; i >= 0; i--) {
                sum = s.mul(sum.add(c[i]));
            }
            return sum.add(ONE_F);
        }

        /** {@link Erf#erf(double)} on every lane. */
        public static DoubleVector erf(DoubleVector x) {
            DoubleVector ax = x.abs();
            DoubleVector xx = x.mul(x);
            DoubleVector small = x.add(x.mul(poly(xx, PP).div(onePlus(xx, QQ))));
            DoubleVector s1 = ax.sub(ONE);
            DoubleVector middle = VERX.add(poly(s1, PA).div(onePlus(s1, QA)));
            DoubleVector s = ONE.div(ax.mul(ax));
            VectorMask<Double> nearer = ax.compare(VectorOperators.LT, VSPLIT);
            DoubleVector r = poly(s, RB).blend(poly(s, RA), nearer);
            DoubleVector q = onePlus(s, SB).blend(onePlus(s, SA), nearer);
            DoubleVector z = ((LongVector) ax.reinterpretAsLongs()).and(MASK).reinterpretAsDoubles();
            DoubleVector tail = FastMath.Lanes.exp(z.mul(z).neg().sub(VOFFSET))
                    .mul(FastMath.Lanes.exp(z.sub(ax).mul(z.add(ax)).add(r.div(q))));
            DoubleVector far = ONE.sub(tail.div(ax)).blend(ONE, ax.compare(VectorOperators.GE, VBEYOND));
            DoubleVector unsigned = far.blend(middle, ax.compare(VectorOperators.LT, VMIDDLE));
            LongVector signed = ((LongVector) unsigned.reinterpretAsLongs()).and(SIGN.not())
                    .or(((LongVector) x.reinterpretAsLongs()).and(SIGN));
            return ((DoubleVector) signed.reinterpretAsDoubles()).blend(small, ax.compare(VectorOperators.LT, VSMALL));
        }

        /** {@link Erf#erf(float)} on every lane. */
        public static FloatVector erf(FloatVector x) {
            FloatVector ax = x.abs();
            FloatVector xx = x.mul(x);
            FloatVector small = x.add(x.mul(poly(xx, PP_F).div(onePlus(xx, QQ_F))));
            FloatVector s1 = ax.sub(ONE_F);
            FloatVector middle = VERX_F.add(poly(s1, PA_F).div(onePlus(s1, QA_F)));
            FloatVector s = ONE_F.div(ax.mul(ax));
            VectorMask<Float> nearer = ax.compare(VectorOperators.LT, VSPLIT_F);
            FloatVector r = poly(s, RB_F).blend(poly(s, RA_F), nearer);
            FloatVector q = onePlus(s, SB_F).blend(onePlus(s, SA_F), nearer);
            FloatVector z = ((IntVector) ax.reinterpretAsInts()).and(MASK_F).reinterpretAsFloats();
            FloatVector tail = FastMath.Lanes.exp(z.mul(z).neg().sub(VOFFSET_F))
                    .mul(FastMath.Lanes.exp(z.sub(ax).mul(z.add(ax)).add(r.div(q))));
            FloatVector far = ONE_F.sub(tail.div(ax)).blend(ONE_F, ax.compare(VectorOperators.GE, VBEYOND_F));
            FloatVector unsigned = far.blend(middle, ax.compare(VectorOperators.LT, VMIDDLE_F));
            IntVector signed = ((IntVector) unsigned.reinterpretAsInts()).and(SIGN_F.not())
                    .or(((IntVector) x.reinterpretAsInts()).and(SIGN_F));
            return ((FloatVector) signed.reinterpretAsFloats()).blend(small, ax.compare(VectorOperators.LT, VSMALL_F));
        }
    }
}
