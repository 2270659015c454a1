package org.backprop4j.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a {@link Plot}: its range, linear or logarithmic, and round tick values for it (steps
 * of 1, 2 or 5 times a power of ten; on a logarithmic axis the powers of ten, and 2 and 5 times them
 * when the range spans few decades).
 *
 * @param min the value at the lower (left or bottom) end
 * @param max the value at the upper end
 * @param log whether the axis is logarithmic (then {@code 0 < min})
 */
public record Axis(double min, double max, boolean log) {

    /** About how many ticks an axis gets. */
    static final int TARGET_TICKS = 6;

    /**
     * A tick.
     *
     * @param value where it is
     * @param label what it says
     */
    public record Tick(double value, String label) {
    }

    public Axis {
        if (!(min < max) || (log && !(min > 0))) {
            throw new IllegalArgumentException("An axis needs min < max" + (log ? " and min > 0 (logarithmic)" : "")
                    + ", got " + min + " and " + max);
        }
    }

    /** The smallest axis with round ends that holds {@code [low, high]}. */
    public static Axis around(double low, double high, boolean log) {
        if (log) {
            double lo = Math.min(low, high);
            double hi = Math.max(low, high);
            if (lo == hi) {
                lo /= 2;
                hi *= 2;
            }
            return new Axis(roundDown125(lo), roundUp125(hi), true);
        }
        if (low == high) {
            double pad = low == 0 ? 1 : Math.abs(low) / 2;
            low -= pad;
            high += pad;
        }
        double step = niceStep((high - low) / TARGET_TICKS);
        return new Axis(Math.floor(low / step + 1e-9) * step, Math.ceil(high / step - 1e-9) * step, false);
    }

    /** Where {@code value} lies between min (0) and max (1). */
    public double fraction(double value) {
        return log ? Math.log(value / min) / Math.log(max / min) : (value - min) / (max - min);
    }

    /** The ticks inside the range, with their labels. */
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        if (log) {
            double decades = Math.log10(max / min);
            double[] multiples = decades <= 1.2 ? new double[] {1, 2, 3, 5} : decades <= 3.5 ? new double[] {1, 2, 5}
                    : new double[] {1};
            for (int exponent = (int) Math.floor(Math.log10(min)); exponent <= (int) Math.ceil(Math.log10(max)); exponent++) {
                for (double multiple : multiples) {
                    double value = multiple * Math.pow(10, exponent);
                    if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)) {
                        ticks.add(new Tick(value, label(value, exponent)));
                    }
                }
            }
            return ticks;
        }
        double step = niceStep((max - min) / TARGET_TICKS);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        for (double value = Math.ceil(min / step - 1e-9) * step; value <= max + step * 1e-9; value += step) {
            double rounded = Math.abs(value) < step * 1e-9 ? 0 : value;
            ticks.add(new Tick(rounded, Plot.number(rounded, decimals)));
        }
        return ticks;
    }

    private static String label(double value, int exponent) {
        if (exponent >= 0) {
            return Plot.number(value, 0);
        }
        if (exponent >= -4) {
            return Plot.number(value, -exponent);
        }
        return String.format(java.util.Locale.ROOT, "%.0e", value);
    }

    /** 1, 2 or 5 times a power of ten, the one nearest above {@code raw}'s neighbourhood. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        double nice = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10;
        return nice * magnitude;
    }

    /** The largest 1, 2 or 5 times a power of ten at or below {@code value}. */
    static double roundDown125(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        double residual = value / magnitude;
        return (residual >= 5 ? 5 : residual >= 2 ? 2 : 1) * magnitude;
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code value}. */
    static double roundUp125(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        double residual = value / magnitude;
        return (residual <= 1 + 1e-12 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
    }
}
