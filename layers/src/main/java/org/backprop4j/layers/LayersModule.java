package org.backprop4j.layers;

import org.backprop4j.core.Registry;

/**
 * Registers this module's layers under their Keras type names, so that saved models holding them
 * load. Found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.backprop4j.core.Registry$Provider}. A new layer is one class plus
 * one line here.
 *
 * <p>Threads: stateless; the registry runs it once, under its own lock.
 */
public final class LayersModule implements Registry.Provider {

    @Override
    public void registerComponents() {
        Registry.LAYERS
                .register("Dense", Dense.class, Dense::fromConfig)
                .register("Activation", Activation.class, Activation::fromConfig)
                .register("Dropout", Dropout.class, Dropout::fromConfig)
                .register("Input", Input.class, Input::fromConfig);
        // Keras' ring-2 activation layers (issue 21)
        Registry.LAYERS
                .register("LeakyReLU", LeakyReLU.class, LeakyReLU::fromConfig)
                .register("ELU", ELU.class, ELU::fromConfig);
    }
}
