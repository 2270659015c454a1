package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pictures' axes get round, readable ticks (the old XOR loss chart labelled its epochs 295, 590, ...). */
class AxisTest {

    private static List<String> labels(Axis axis) {
        return axis.ticks().stream().map(Axis.Tick::label).toList();
    }

    @Test
    void anEpochAxisGetsRoundThousands() {
        assertEquals(List.of("0", "1,000", "2,000", "3,000", "4,000", "5,000"), labels(new Axis(0, 5000, false)));
        assertEquals(List.of("0", "2", "4", "6", "8", "10"), labels(new Axis(0, 10, false)));
    }

    @Test
    void aLogarithmicLossAxisGetsOneTwoFiveTicks() {
        Axis axis = Axis.around(6.7707e-4, 0.2871, true);
        assertEquals(5e-4, axis.min(), 1e-18);
        assertEquals(0.5, axis.max(), 1e-15);
        assertEquals(List.of("0.0005", "0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5"),
                labels(axis));
        assertEquals(List.of("0.01", "0.1", "1", "10", "100", "1,000", "10,000"), labels(new Axis(0.01, 10_000, true)));
    }

    @Test
    void aRangeIsWidenedToRoundEnds() {
        Axis axis = Axis.around(-0.13, 0.87, false);
        assertEquals(-0.2, axis.min(), 1e-12);
        assertEquals(1.0, axis.max(), 1e-12);
        assertEquals(List.of("-0.2", "0", "0.2", "0.4", "0.6", "0.8", "1"), labels(axis));
        assertEquals(0.5, new Axis(0, 2, false).fraction(1), 1e-15);
        assertEquals(0.5, new Axis(0.01, 1, true).fraction(0.1), 1e-15);
    }

    @Test
    void anEmptyOrNonPositiveLogRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Axis(1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new Axis(0, 1, true));
    }
}
