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
    void timePerStepPicksSecondsMillisecondsOrMicroseconds() {
        assertEquals("2s/step", Progress.perStep(2.0));
        assertEquals("12ms/step", Progress.perStep(0.012));
        assertEquals("42us/step", Progress.perStep(42e-6));
    }

    @Test
    void valuesAreDashSeparatedInInsertionOrder() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.25);
        logs.put("accuracy", 0.75);
        assertEquals(" - loss: 0.2500 - accuracy: 0.7500", Progress.values(logs));
    }
}
