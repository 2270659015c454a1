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

    @Test
    void toStringIsOneLineWithFirstAndLastValues() {
        History history = new History();
        assertEquals("History(0 epochs)", history.toString());
        history.record("loss", 0.28711021980960677);
        history.record("accuracy", 0.5);
        assertEquals("History(1 epoch: loss 0.2871, accuracy 0.5000)", history.toString());
        for (int epoch = 2; epoch <= 5000; epoch++) {
            history.record("loss", epoch == 5000 ? 6.8306e-4 : 0.2);
            history.record("accuracy", 1.0);
        }
        assertEquals("History(5000 epochs: loss 0.2871 -> 6.8306e-04, accuracy 0.5000 -> 1.0000)", history.toString());
    }

    @Test
    void toStringSaysWhyTrainingEndedEarly() {
        History stopped = new History();
        stopped.record("loss", 0.5);
        stopped.record("loss", 0.6);
        stopped.stopped(History.StopReason.CALLBACK, 2, "EarlyStopping: ...");
        assertEquals("History(2 epochs, stopped early by a callback: loss 0.5000 -> 0.6000)", stopped.toString());

        History diverged = new History();
        diverged.record("loss", 3.0e12);
        diverged.record("loss", Double.POSITIVE_INFINITY);
        diverged.stopped(History.StopReason.NON_FINITE, 2, "Epoch 2: the loss is Infinity; ...");
        assertEquals("History(2 epochs, stopped: the loss or a weight became NaN or infinite: loss 3.0000e+12 -> Infinity)",
                diverged.toString());
    }
}
