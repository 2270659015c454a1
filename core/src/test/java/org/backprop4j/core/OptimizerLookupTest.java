package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Without backprop4j-optim on the class path no optimizer is registered, and the error says so. */
class OptimizerLookupTest {

    @Test
    void unknownOptimizerSaysWhatIsRegistered() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Registry.OPTIMIZERS.create("sgd"));
        assertTrue(error.getMessage().contains("'sgd'"), error.getMessage());
        assertTrue(error.getMessage().contains("backprop4j-optim"), error.getMessage());
    }
}
