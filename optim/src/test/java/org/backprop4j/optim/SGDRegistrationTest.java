package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Registry;
import org.junit.jupiter.api.Test;

/** SGD is found by name through the registry (OptimModule, found by ServiceLoader), with Keras' defaults. */
class SGDRegistrationTest {

    @Test
    void sgdIsFoundByNameWithKerasDefaults() {
        Optimizer optimizer = Registry.OPTIMIZERS.create("sgd");
        SGD sgd = assertInstanceOf(SGD.class, optimizer);
        assertEquals(0.01, sgd.learningRate(), 0);
        assertEquals(0, sgd.momentum(), 0);
        assertInstanceOf(SGD.class, Registry.OPTIMIZERS.create("SGD"));
        assertNotSame(optimizer, Registry.OPTIMIZERS.create("sgd"), "each lookup gives a fresh optimizer (own state)");
    }

    @Test
    void unknownNameListsTheRegisteredOptimizers() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Registry.OPTIMIZERS.create("adamz"));
        assertTrue(error.getMessage().contains("'adamz'") && error.getMessage().contains("sgd"), error.getMessage());
    }
}
