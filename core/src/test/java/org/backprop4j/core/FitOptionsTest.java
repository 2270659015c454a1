package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keras' fit defaults, and every setter rejecting a bad value with a message naming it. */
class FitOptionsTest {

    @Test
    void defaultsAreKeras() {
        FitOptions options = new FitOptions();
        assertEquals(1, options.epochs());
        assertEquals(32, options.batchSize());
        assertEquals(1, options.verbose());
        assertTrue(options.shuffle());
        assertSame(System.out, options.progressOutput());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("epochs", (Consumer<FitOptions>) o -> o.epochs(0), "0"),
                Arguments.of("epochs", (Consumer<FitOptions>) o -> o.epochs(-3), "-3"),
                Arguments.of("batchSize", (Consumer<FitOptions>) o -> o.batchSize(0), "0"),
                Arguments.of("batchSize", (Consumer<FitOptions>) o -> o.batchSize(-1), "-1"),
                Arguments.of("verbose", (Consumer<FitOptions>) o -> o.verbose(3), "3"),
                Arguments.of("verbose", (Consumer<FitOptions>) o -> o.verbose(-1), "-1"),
                Arguments.of("progressOutput", (Consumer<FitOptions>) o -> o.progressOutput(null), "null"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badValues")
    void badValuesAreRejected(String option, Consumer<FitOptions> setter, String value) {
        FitOptions options = new FitOptions().epochs(7).batchSize(5);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> setter.accept(options));
        assertTrue(error.getMessage().contains(option), error.getMessage());
        if (!value.equals("null")) {
            assertTrue(error.getMessage().contains("got " + value), error.getMessage());
        }
        assertEquals(7, options.epochs());
        assertEquals(5, options.batchSize());
    }
}
