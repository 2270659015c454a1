package org.backprop4j.core;

import java.util.function.Supplier;

import org.backprop4j.core.activations.Elu;
import org.backprop4j.core.activations.Exponential;
import org.backprop4j.core.activations.Gelu;
import org.backprop4j.core.activations.HardSigmoid;
import org.backprop4j.core.activations.LeakyRelu;
import org.backprop4j.core.activations.Linear;
import org.backprop4j.core.activations.Mish;
import org.backprop4j.core.activations.Relu6;
import org.backprop4j.core.activations.Selu;
import org.backprop4j.core.activations.Silu;
import org.backprop4j.core.activations.Softplus;
import org.backprop4j.core.activations.Softsign;
import org.backprop4j.core.activations.Relu;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.activations.Softmax;
import org.backprop4j.core.activations.Tanh;
import org.backprop4j.core.initializers.Constant;
import org.backprop4j.core.initializers.GlorotNormal;
import org.backprop4j.core.initializers.GlorotUniform;
import org.backprop4j.core.initializers.HeNormal;
import org.backprop4j.core.initializers.HeUniform;
import org.backprop4j.core.initializers.LecunNormal;
import org.backprop4j.core.initializers.LecunUniform;
import org.backprop4j.core.initializers.RandomNormal;
import org.backprop4j.core.initializers.RandomUniform;
import org.backprop4j.core.initializers.VarianceScaling;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.losses.BinaryFocalCrossentropy;
import org.backprop4j.core.losses.CategoricalFocalCrossentropy;
import org.backprop4j.core.losses.CategoricalHinge;
import org.backprop4j.core.losses.CosineSimilarity;
import org.backprop4j.core.losses.Hinge;
import org.backprop4j.core.losses.KLDivergence;
import org.backprop4j.core.losses.LogCosh;
import org.backprop4j.core.losses.MeanAbsolutePercentageError;
import org.backprop4j.core.losses.MeanSquaredLogarithmicError;
import org.backprop4j.core.losses.Poisson;
import org.backprop4j.core.losses.SquaredHinge;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.Huber;
import org.backprop4j.core.losses.MeanAbsoluteError;
import org.backprop4j.core.losses.MeanSquaredError;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.backprop4j.core.metrics.BinaryAccuracy;
import org.backprop4j.core.metrics.CategoricalAccuracy;
import org.backprop4j.core.metrics.Precision;
import org.backprop4j.core.metrics.Recall;
import org.backprop4j.core.metrics.AUC;
import org.backprop4j.core.metrics.F1Score;
import org.backprop4j.core.metrics.AccumulatingMetric;
import org.backprop4j.core.metrics.R2Score;
import org.backprop4j.core.metrics.RootMeanSquaredError;
import org.backprop4j.core.metrics.SparseTopKCategoricalAccuracy;
import org.backprop4j.core.metrics.TopKCategoricalAccuracy;
import org.backprop4j.core.metrics.SparseCategoricalAccuracy;
import org.backprop4j.core.regularizers.L1;
import org.backprop4j.core.regularizers.L1L2;
import org.backprop4j.core.regularizers.L2;

/**
 * The components core itself provides, registered under their Keras names the first time any
 * {@link Registry} is used: core's {@link Registry.Provider}, listed in its
 * {@code META-INF/services} as the {@code layers} and {@code optim} modules list theirs, so that
 * the registry names no module's components itself. Adding a built-in to core is one class plus
 * one line here. Not for direct use: the registry runs it once.
 *
 * <p>Threads: called once, by the registry's loading, under its lock.
 */
public final class BuiltIns implements Registry.Provider {

    /** For {@link java.util.ServiceLoader}. */
    public BuiltIns() {
    }

    /**
     * The factory of a component without settings: its config must be empty, and a key it does not
     * know (from a file, or a typo) is refused by name rather than ignored.
     */
    private static <T extends Component> Registry.Factory<T> noSettings(String name, Supplier<T> constructor) {
        return config -> {
            Config.requireKeys(config, name);
            return constructor.get();
        };
    }

    /** The factory of a metric whose one setting is its name (the History key), {@code defaultName} if the config has none. */
    private static Registry.Factory<Metric> named(String defaultName, java.util.function.Function<String, Metric> constructor) {
        return config -> constructor.apply(AccumulatingMetric.nameOnly(config, defaultName, defaultName));
    }

    @Override
    public void registerComponents() {
        Registry.ACTIVATIONS
                .register("sigmoid", Sigmoid.class, noSettings("sigmoid", () -> new Sigmoid()))
                .register("softmax", Softmax.class, noSettings("softmax", () -> new Softmax()))
                .register("tanh", Tanh.class, noSettings("tanh", () -> new Tanh()))
                .register("relu", Relu.class, noSettings("relu", () -> new Relu()))
                .register("linear", Linear.class, noSettings("linear", () -> new Linear()));
        // Keras' ring-2 activations (issue 21): one class each in core.activations
        Registry.ACTIVATIONS
                .register("elu", Elu.class, Elu::fromConfig)
                .register("selu", Selu.class, noSettings("selu", () -> new Selu()))
                .register("gelu", Gelu.class, noSettings("gelu", () -> new Gelu()))
                .register("silu", Silu.class, noSettings("silu", () -> new Silu()))
                .alias("swish", "silu")
                .register("softplus", Softplus.class, noSettings("softplus", () -> new Softplus()))
                .register("softsign", Softsign.class, noSettings("softsign", () -> new Softsign()))
                .register("leaky_relu", LeakyRelu.class, LeakyRelu::fromConfig)
                .register("hard_sigmoid", HardSigmoid.class, noSettings("hard_sigmoid", () -> new HardSigmoid()))
                .register("relu6", Relu6.class, noSettings("relu6", () -> new Relu6()))
                .register("mish", Mish.class, noSettings("mish", () -> new Mish()))
                .register("exponential", Exponential.class, noSettings("exponential", () -> new Exponential()));
        Registry.LOSSES
                .register("mean_squared_error", MeanSquaredError.class,
                        noSettings("mean_squared_error", () -> new MeanSquaredError()))
                .alias("mse", "mean_squared_error")
                .register("binary_crossentropy", BinaryCrossentropy.class, BinaryCrossentropy::fromConfig)
                .register("categorical_crossentropy", CategoricalCrossentropy.class, CategoricalCrossentropy::fromConfig)
                .register("sparse_categorical_crossentropy", SparseCategoricalCrossentropy.class,
                        SparseCategoricalCrossentropy::fromConfig)
                .register("mean_absolute_error", MeanAbsoluteError.class,
                        noSettings("mean_absolute_error", () -> new MeanAbsoluteError()))
                .alias("mae", "mean_absolute_error")
                .register("huber", Huber.class, Huber::fromConfig)
                .register("kl_divergence", KLDivergence.class, config -> new KLDivergence())
                .alias("kld", "kl_divergence")
                .register("poisson", Poisson.class, config -> new Poisson())
                .register("log_cosh", LogCosh.class, config -> new LogCosh())
                .register("hinge", Hinge.class, config -> new Hinge())
                .register("squared_hinge", SquaredHinge.class, config -> new SquaredHinge())
                .register("categorical_hinge", CategoricalHinge.class, config -> new CategoricalHinge())
                .register("mean_squared_logarithmic_error", MeanSquaredLogarithmicError.class,
                        config -> new MeanSquaredLogarithmicError())
                .alias("msle", "mean_squared_logarithmic_error")
                .register("mean_absolute_percentage_error", MeanAbsolutePercentageError.class,
                        config -> new MeanAbsolutePercentageError())
                .alias("mape", "mean_absolute_percentage_error")
                .register("cosine_similarity", CosineSimilarity.class, config -> new CosineSimilarity())
                .register("binary_focal_crossentropy", BinaryFocalCrossentropy.class, BinaryFocalCrossentropy::fromConfig)
                .register("categorical_focal_crossentropy", CategoricalFocalCrossentropy.class,
                        CategoricalFocalCrossentropy::fromConfig);
        Registry.METRICS
                .register("binary_accuracy", BinaryAccuracy.class,
                        named("binary_accuracy", name -> new BinaryAccuracy(name)))
                .register("categorical_accuracy", CategoricalAccuracy.class,
                        named("categorical_accuracy", name -> new CategoricalAccuracy(name)))
                .register("sparse_categorical_accuracy", SparseCategoricalAccuracy.class,
                        named("sparse_categorical_accuracy", name -> new SparseCategoricalAccuracy(name)))
                .register("mae", org.backprop4j.core.metrics.MeanAbsoluteError.class,
                        named("mae", name -> new org.backprop4j.core.metrics.MeanAbsoluteError(name)))
                .register("mean_absolute_error", org.backprop4j.core.metrics.MeanAbsoluteError.class,
                        named("mean_absolute_error", name -> new org.backprop4j.core.metrics.MeanAbsoluteError(name)))
                .register("mse", org.backprop4j.core.metrics.MeanSquaredError.class,
                        named("mse", name -> new org.backprop4j.core.metrics.MeanSquaredError(name)))
                .register("mean_squared_error", org.backprop4j.core.metrics.MeanSquaredError.class,
                        named("mean_squared_error", name -> new org.backprop4j.core.metrics.MeanSquaredError(name)))
                .register("precision", Precision.class, Precision::fromConfig)
                .register("recall", Recall.class, Recall::fromConfig)
                // ring 2: stateful metrics (issue 21)
                .register("auc", AUC.class, AUC::fromConfig)
                .register("top_k_categorical_accuracy", TopKCategoricalAccuracy.class, TopKCategoricalAccuracy::fromConfig)
                .register("sparse_top_k_categorical_accuracy", SparseTopKCategoricalAccuracy.class,
                        SparseTopKCategoricalAccuracy::fromConfig)
                .register("root_mean_squared_error", RootMeanSquaredError.class, RootMeanSquaredError::fromConfig)
                .register("r2_score", R2Score.class, R2Score::fromConfig)
                .register("f1_score", F1Score.class, F1Score::fromConfig);
        Registry.INITIALIZERS
                .register("glorot_uniform", GlorotUniform.class,
                        noSettings("glorot_uniform", () -> new GlorotUniform()))
                .register("constant", Constant.class, Constant::fromConfig)
                .register("zeros", Constant.Zeros.class, noSettings("zeros", () -> new Constant.Zeros()))
                .register("ones", Constant.Ones.class, noSettings("ones", () -> new Constant.Ones()))

                .register("glorot_normal", GlorotNormal.class, noSettings("glorot_normal", () -> new GlorotNormal()))
                .register("he_uniform", HeUniform.class, noSettings("he_uniform", () -> new HeUniform()))
                .register("he_normal", HeNormal.class, noSettings("he_normal", () -> new HeNormal()))
                .register("lecun_uniform", LecunUniform.class, noSettings("lecun_uniform", () -> new LecunUniform()))
                .register("lecun_normal", LecunNormal.class, noSettings("lecun_normal", () -> new LecunNormal()))
                .register("random_uniform", RandomUniform.class, RandomUniform::fromConfig)
                .register("random_normal", RandomNormal.class, RandomNormal::fromConfig)
                .register("variance_scaling", VarianceScaling.class, VarianceScaling::fromConfig);
        Registry.REGULARIZERS
                .register("l1", L1.class, L1::fromConfig)
                .register("l2", L2.class, L2::fromConfig)
                .register("l1l2", L1L2.class, L1L2::fromConfig)
                .alias("l1_l2", "l1l2");
    }
}
