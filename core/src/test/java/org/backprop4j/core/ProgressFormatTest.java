package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The number and time formats of the progress lines, as Keras prints them. */
class ProgressFormatTest {

    @Test
    void numbersHaveFourDecimalsOrScientificNotationWhenTiny() {
        assertEquals("0.2500", Progress.number(0.25));
        assertEquals("0.0000", Progress.number(0));
        assertEquals("12.3457", Progress.number(12.345678));
        assertEquals("1.0000e-05", Progress.number(1e-5));
    }

    @Test
    void hugeAndTinyValuesUseENotationEverywhere() {
        // the loss of a diverging fit used to print as 83546176433092350000000000000000000000000000.0000
        assertEquals("8.3546e+43", Progress.number(8.354617643309235e43));
        assertEquals("99999.0000", MetricFormat.format(99_999));
        assertEquals("1.0000e+05", MetricFormat.format(1e5));
        assertEquals("-2.5000e+07", MetricFormat.format(-2.5e7));
        assertEquals("0.0011", MetricFormat.format(0.0011));
        assertEquals("1.0000e-03", MetricFormat.format(1e-3), "Keras: e-notation from 1e-3 down");
        assertEquals("-4.2000e-09", MetricFormat.format(-4.2e-9));
        assertEquals("NaN", MetricFormat.format(Double.NaN));
        assertEquals("Infinity", MetricFormat.format(Double.POSITIVE_INFINITY));
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 3.1e21);
        logs.put("accuracy", 0.5);
        assertEquals(" - loss: 3.1000e+21 - accuracy: 0.5000", Progress.values(logs));
    }

    @Test
    void timePerStepPicksSecondsMillisecondsOrMicroseconds() {
        assertEquals("2s/step", Progress.perStep(2.0));
        assertEquals("12ms/step", Progress.perStep(0.012));
        assertEquals("42us/step", Progress.perStep(42e-6));
    }

    @Test
    void anEpochsTimeIsRoundedAndAnEtaRoundedDownAsKerasPrintsThem() {
        assertEquals("1s", Progress.seconds(0.93));    // Keras 3: f"{now - start:.0f}s"
        assertEquals("0s", Progress.seconds(0.4));
        assertEquals("8s", Progress.seconds(7.6));
        assertEquals("0s", Progress.wholeSeconds(0.93)); // Keras' ETA: "%ds" % eta
        assertEquals("7s", Progress.wholeSeconds(7.6));
    }

    @Test
    void valuesAreDashSeparatedInInsertionOrder() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.25);
        logs.put("accuracy", 0.75);
        assertEquals(" - loss: 0.2500 - accuracy: 0.7500", Progress.values(logs));
    }
}
