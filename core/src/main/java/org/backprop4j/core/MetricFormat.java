package org.backprop4j.core;

import java.util.Locale;

/**
 * How backprop4j writes a loss or metric value for people: in the progress lines of {@code fit} and
 * {@code evaluate}, in {@link History#toString()}, in callback messages, and in the examples.
 *
 * <pre>
 *   0.25          -> 0.2500        four decimals, as Keras
 *   0             -> 0.0000
 *   1.0e-5        -> 1.0000e-05    1e-3 and below in size: e-notation, as Keras
 *   8.35e43       -> 8.3546e+43    1e5 and above: e-notation too (Keras would print 44 digits)
 *   NaN, Infinity -> NaN, Infinity
 * </pre>
 */
public final class MetricFormat {

    /** Values of this size and above are written in e-notation. */
    public static final double LARGE = 1e5;
    /** Values of this size and below (except 0) are written in e-notation. */
    public static final double SMALL = 1e-3;

    private MetricFormat() {
    }

    /** {@code value} with four decimals, or in e-notation with four decimals when tiny or huge. */
    public static String format(double value) {
        double size = Math.abs(value);
        boolean fixed = value == 0 || (size > SMALL && size < LARGE) || !Double.isFinite(value);
        return String.format(Locale.ROOT, fixed ? "%.4f" : "%.4e", value);
    }
}
