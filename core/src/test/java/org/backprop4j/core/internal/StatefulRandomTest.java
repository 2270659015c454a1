package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class StatefulRandomTest {

    @Test
    void drawsExactlyWhatJavaUtilRandomDraws() {
        for (long seed : new long[] {0, 42, -7, Long.MAX_VALUE}) {
            Random reference = new Random(seed);
            StatefulRandom random = new StatefulRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertEquals(reference.nextDouble(), random.nextDouble());
                assertEquals(reference.nextInt(i + 1), random.nextInt(i + 1));
                assertEquals(reference.nextLong(), random.nextLong());
            }
        }
    }

    @Test
    void restoringTheStateReplaysTheSameNumbers() {
        StatefulRandom random = new StatefulRandom(42);
        random.nextDouble();
        long state = random.state();
        double[] expected = {random.nextDouble(), random.nextInt(17), random.nextDouble()};

        StatefulRandom other = new StatefulRandom(1);
        other.restore(state);
        assertEquals(expected[0], other.nextDouble());
        assertEquals(expected[1], other.nextInt(17));
        assertEquals(expected[2], other.nextDouble());
    }

    @Test
    void rejectsAStateWiderThan48Bits() {
        StatefulRandom random = new StatefulRandom(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> random.restore(1L << 48));
        assertEquals(true, e.getMessage().contains("48 bits"));
        assertThrows(IllegalArgumentException.class, () -> random.restore(-1));
    }
}
