package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** History keeps per-key lists in recording order and names the recorded keys on a miss. */
class HistoryTest {

    @Test
    void recordsPerEpochValuesInOrder() {
        History history = new History();
        assertEquals(0, history.epochs());
        history.record("loss", 0.5);
        history.record("accuracy", 0.25);
        history.record("loss", 0.4);
        history.record("accuracy", 0.75);
        assertEquals(2, history.epochs());
        assertEquals(List.of(0.5, 0.4), history.get("loss"));
        assertEquals(List.of("loss", "accuracy"), List.copyOf(history.history().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> history.get("loss").add(1.0));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> history.get("val_loss"));
        assertTrue(error.getMessage().contains("val_loss") && error.getMessage().contains("accuracy"), error.getMessage());
    }
}
