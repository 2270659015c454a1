package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Registry;
import org.backprop4j.core.activations.Relu;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.activations.Tanh;
import org.backprop4j.core.losses.MeanSquaredError;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.junit.jupiter.api.Test;

/** Names stay unambiguous: a taken name is refused unless the call says it replaces it. */
class RegistryNamesTest {

    /** A user's activation that is not a built-in class. */
    public static final class Doubled extends org.backprop4j.core.activations.ElementwiseActivation {
        @Override
        public float apply(float z) {
            return 2 * z;
        }

        @Override
        public double apply(double z) {
            return 2 * z;
        }

        @Override
        public float backward(float z, float a, float g) {
            return 2 * g;
        }

        @Override
        public double backward(double z, double a, double g) {
            return 2 * g;
        }
    }

    /** Another user's activation, only for the replace test (so no other test's registration names it). */
    public static final class Halved extends org.backprop4j.core.activations.ElementwiseActivation {
        @Override
        public float apply(float z) {
            return z / 2;
        }

        @Override
        public double apply(double z) {
            return z / 2;
        }

        @Override
        public float backward(float z, float a, float g) {
            return g / 2;
        }

        @Override
        public double backward(double z, double a, double g) {
            return g / 2;
        }
    }

    @Test
    void registeringABuiltInNameIsRefusedNamingTheNameAndItsOwner() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Registry.ACTIVATIONS.register("relu", Doubled.class, config -> new Doubled()));
        assertEquals("The activation name 'relu' is already registered to " + Relu.class.getName()
                + " by org.backprop4j.core.BuiltIns; choose another name, or replace it explicitly with"
                + " Registry.ACTIVATIONS.replace(\"relu\", ...)", error.getMessage());
        assertInstanceOf(Relu.class, Registry.ACTIVATIONS.create("relu"), "nothing changed");
    }

    @Test
    void aNameDifferingOnlyInCaseIsTakenToo() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Registry.LAYERS.register("dense", Dropout.class, config -> new Dropout(0.1)));
        assertTrue(error.getMessage().startsWith("The layer name 'dense' is already registered (as 'Dense') to "
                + Dense.class.getName() + " by org.backprop4j.layers.LayersModule"), error.getMessage());
    }

    @Test
    void aTakenNameCannotBecomeAnAlias() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Registry.ACTIVATIONS.alias("tanh", "sigmoid"));
        assertTrue(error.getMessage().startsWith("The activation name 'tanh' is already registered to "
                + Tanh.class.getName()), error.getMessage());
        assertInstanceOf(Tanh.class, Registry.ACTIVATIONS.create("tanh"));
        assertInstanceOf(Sigmoid.class, Registry.ACTIVATIONS.create("sigmoid"));
    }

    @Test
    void theSameClassUnderTheSameNameMayRegisterAgain() {
        Registry.ACTIVATIONS.register("registry_test_doubled", Doubled.class, config -> new Doubled());
        Registry.ACTIVATIONS.register("registry_test_doubled", Doubled.class, config -> new Doubled());
        assertInstanceOf(Doubled.class, Registry.ACTIVATIONS.create("registry_test_doubled"));
        // and an alias pointing at the same class again is no conflict either
        Registry.LOSSES.alias("mse", "mean_squared_error");
        assertInstanceOf(MeanSquaredError.class, Registry.LOSSES.create("mse"));
    }

    @Test
    void replaceTakesANameOverExplicitly() {
        Registry.ACTIVATIONS.register("registry_test_swap", Halved.class, config -> new Halved());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Registry.ACTIVATIONS.register("Registry_Test_Swap", Tanh.class, config -> new Tanh()));
        assertTrue(error.getMessage().contains("by " + RegistryNamesTest.class.getName()), error.getMessage());
        Registry.ACTIVATIONS.replace("Registry_Test_Swap", Tanh.class, config -> new Tanh());
        ActivationFunction swapped = Registry.ACTIVATIONS.create("registry_test_swap");
        assertInstanceOf(Tanh.class, swapped); // the old spelling is gone: one entry, no ambiguity
        assertEquals("tanh", Registry.ACTIVATIONS.nameOf(new Tanh()), "Tanh is still saved under its first name");
        assertEquals(null, Registry.ACTIVATIONS.nameOrNull(new Halved()), "the replaced class lost the name");
        assertEquals(1, Registry.ACTIVATIONS.names().stream().filter(n -> n.equalsIgnoreCase("registry_test_swap")).count());
    }
}
