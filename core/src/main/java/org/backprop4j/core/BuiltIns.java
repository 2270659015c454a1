package org.backprop4j.core;

import org.backprop4j.core.activations.Linear;
import org.backprop4j.core.activations.Relu;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.activations.Softmax;
import org.backprop4j.core.activations.Tanh;
import org.backprop4j.core.initializers.Constant;
import org.backprop4j.core.initializers.GlorotUniform;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.MeanSquaredError;
import org.backprop4j.core.metrics.BinaryAccuracy;
import org.backprop4j.core.metrics.CategoricalAccuracy;

/**
 * The components core itself provides, registered under their Keras names the first time any
 * {@link Registry} is used. Adding a built-in to core is one class plus one line here; the
 * {@code layers} and {@code optim} modules have the same list in their {@link Registry.Provider}.
 */
final class BuiltIns {

    private BuiltIns() {
    }

    static void register() {
        Registry.ACTIVATIONS
                .register("sigmoid", Sigmoid.class, config -> new Sigmoid())
                .register("softmax", Softmax.class, config -> new Softmax())
                .register("tanh", Tanh.class, config -> new Tanh())
                .register("relu", Relu.class, config -> new Relu())
                .register("linear", Linear.class, config -> new Linear());
        Registry.LOSSES
                .register("mean_squared_error", MeanSquaredError.class, config -> new MeanSquaredError())
                .alias("mse", "mean_squared_error")
                .register("binary_crossentropy", BinaryCrossentropy.class, config -> new BinaryCrossentropy())
                .register("categorical_crossentropy", CategoricalCrossentropy.class, config -> new CategoricalCrossentropy());
        Registry.METRICS
                .register("binary_accuracy", BinaryAccuracy.class, config -> new BinaryAccuracy("binary_accuracy"))
                .register("categorical_accuracy", CategoricalAccuracy.class,
                        config -> new CategoricalAccuracy("categorical_accuracy"));
        Registry.INITIALIZERS
                .register("glorot_uniform", GlorotUniform.class, config -> new GlorotUniform())
                .register("constant", Constant.class, Constant::fromConfig)
                .register("zeros", Constant.Zeros.class, config -> new Constant.Zeros())
                .register("ones", Constant.Ones.class, config -> new Constant.Ones());
    }
}
