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
        // the normalisation layers (issue 21, ring 2)
        Registry.LAYERS
                .register("Normalization", Normalization.class, Normalization::fromConfig)
                .register("BatchNormalization", BatchNormalization.class, BatchNormalization::fromConfig)
                .register("LayerNormalization", LayerNormalization.class, LayerNormalization::fromConfig);
        // ring 2, shapes and noise (issue 21): samples of a shape, rescaling, training-time noise
        Registry.LAYERS
                .register("Flatten", Flatten.class, Flatten::fromConfig)
                .register("Rescaling", Rescaling.class, Rescaling::fromConfig)
                .register("GaussianNoise", GaussianNoise.class, GaussianNoise::fromConfig)
                .register("GaussianDropout", GaussianDropout.class, GaussianDropout::fromConfig);
        // Keras' ring-2 activation layers (issue 21)
        Registry.LAYERS
                .register("LeakyReLU", LeakyReLU.class, LeakyReLU::fromConfig)
                .register("ELU", ELU.class, ELU::fromConfig);
    }
}
