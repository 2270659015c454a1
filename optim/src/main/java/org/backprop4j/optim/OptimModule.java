package org.backprop4j.optim;

import org.backprop4j.core.Registry;

/**
 * Registers this module's optimizers (and learning-rate schedules) under their Keras names, so
 * that {@code compile(loss, "sgd")} finds them and saved models load. Found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/org.backprop4j.core.Registry$Provider}.
 * A new optimizer is one class plus one line here.
 *
 * <p>Threads: stateless; the registry runs it once, under its own lock.
 */
public final class OptimModule implements Registry.Provider {

    @Override
    public void registerComponents() {
        Registry.OPTIMIZERS
                .register("sgd", SGD.class, SGD::fromConfig)
                .register("adam", Adam.class, Adam::fromConfig)
                .register("rmsprop", RMSprop.class, RMSprop::fromConfig)
                .register("adagrad", Adagrad.class, Adagrad::fromConfig);
        // Keras ring 2's optimizers
        Registry.OPTIMIZERS
                .register("adamw", AdamW.class, AdamW::fromConfig)
                .register("nadam", Nadam.class, Nadam::fromConfig)
                .register("adamax", Adamax.class, Adamax::fromConfig)
                .register("adadelta", Adadelta.class, Adadelta::fromConfig)
                .register("lion", Lion.class, Lion::fromConfig);
        Registry.SCHEDULES
                .register("ExponentialDecay", ExponentialDecay.class, ExponentialDecay::fromConfig)
                .register("PiecewiseConstantDecay", PiecewiseConstantDecay.class, PiecewiseConstantDecay::fromConfig)
                .register("InverseTimeDecay", InverseTimeDecay.class, InverseTimeDecay::fromConfig)
                .register("CosineDecay", CosineDecay.class, CosineDecay::fromConfig);
    }
}
