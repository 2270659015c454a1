package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.Split;
import org.backprop4j.core.Utils;
import org.backprop4j.core.activations.Elu;
import org.backprop4j.core.activations.Exponential;
import org.backprop4j.core.activations.Gelu;
import org.backprop4j.core.activations.HardSigmoid;
import org.backprop4j.core.activations.LeakyRelu;
import org.backprop4j.core.activations.Mish;
import org.backprop4j.core.activations.Relu6;
import org.backprop4j.core.activations.Selu;
import org.backprop4j.core.activations.Silu;
import org.backprop4j.core.activations.Softplus;
import org.backprop4j.core.activations.Softsign;
import org.backprop4j.core.callbacks.BackupAndRestore;
import org.backprop4j.core.callbacks.LambdaCallback;
import org.backprop4j.core.callbacks.TerminateOnNaN;
import org.backprop4j.core.losses.BinaryFocalCrossentropy;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.CategoricalFocalCrossentropy;
import org.backprop4j.core.metrics.AUC;
import org.backprop4j.core.metrics.F1Score;
import org.backprop4j.core.metrics.TopKCategoricalAccuracy;
import org.backprop4j.layers.BatchNormalization;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ELU;
import org.backprop4j.layers.Flatten;
import org.backprop4j.layers.GaussianDropout;
import org.backprop4j.layers.GaussianNoise;
import org.backprop4j.layers.Input;
import org.backprop4j.layers.LayerNormalization;
import org.backprop4j.layers.LeakyReLU;
import org.backprop4j.layers.Normalization;
import org.backprop4j.layers.Rescaling;
import org.backprop4j.optim.Adadelta;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Adamax;
import org.backprop4j.optim.Lion;
import org.backprop4j.optim.Nadam;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ring-2 section of the API contract (../shared/design/api.md, "Keras MLP parity, ring 2"), as
 * its code block is written: this class compiles only while every name, constructor and return type
 * there exists, and it checks the defaults the section states (Keras 3's). The behaviour behind each
 * name is tested by its own test classes.
 */
class RingTwoApiContractTest {

    @Test
    void everyActivationIsRegisteredUnderItsKerasNameAsItsOwnClass() {
        Map<String, Class<?>> expected = Map.ofEntries(Map.entry("elu", Elu.class), Map.entry("selu", Selu.class),
                Map.entry("gelu", Gelu.class), Map.entry("silu", Silu.class), Map.entry("swish", Silu.class),
                Map.entry("softplus", Softplus.class), Map.entry("softsign", Softsign.class),
                Map.entry("leaky_relu", LeakyRelu.class), Map.entry("hard_sigmoid", HardSigmoid.class),
                Map.entry("relu6", Relu6.class), Map.entry("mish", Mish.class), Map.entry("exponential", Exponential.class));
        expected.forEach((name, type) -> assertSame(type, Registry.ACTIVATIONS.create(name).getClass(), name));
        assertEquals(1.0, ((Number) Registry.ACTIVATIONS.create("elu").config().get("alpha")).doubleValue());
        assertEquals(0.2, ((Number) Registry.ACTIVATIONS.create("leaky_relu").config().get("negative_slope")).doubleValue(),
                "the activation's slope is Keras 3's 0.2");
        new Dense(64, "gelu");
    }

    @Test
    void layersHaveTheSectionsConstructorsAndDefaults() {
        assertEquals(0.99, number(new BatchNormalization().config(), "momentum"));
        assertEquals(0.001, number(new BatchNormalization().config(), "epsilon"));
        assertEquals(0.9, number(new BatchNormalization(0.9, 1e-3).config(), "momentum"));
        assertEquals(0.001, number(new LayerNormalization().config(), "epsilon"));
        assertEquals(1e-5, number(new LayerNormalization(1e-5).config(), "epsilon"));
        assertEquals(0.3, number(new LeakyReLU().config(), "negative_slope"), "the layer's slope is Keras 3's 0.3");
        assertEquals(0.1, number(new LeakyReLU(0.1).config(), "negative_slope"));
        assertEquals(1.0, number(new ELU().config(), "alpha"));
        assertEquals(0.5, number(new ELU(0.5).config(), "alpha"));
        Normalization norm = new Normalization();
        norm.adapt(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 6}}));
        new GaussianNoise(0.1);
        new GaussianDropout(0.2);
        new Rescaling(1.0 / 255);
        new Rescaling(2.0, -1.0);
        Layer frozen = new Dense(3, 2).setTrainable(false);
        assertTrue(!frozen.isTrainable());

        // the tutorial's Input((28, 28)) + Flatten(), and Flatten(input_shape=(28, 28))
        for (Sequential model : List.of(new Sequential(1L).add(new Input(28, 28)).add(new Flatten()).add(new Dense(10)),
                new Sequential(1L).add(new Flatten(28, 28)).add(new Dense(10)))) {
            INDArray pictures = Nd4j.rand(DataType.DOUBLE, 3, 28, 28);
            assertEquals(List.of(3L, 10L), List.of(model.predict(pictures).shape()[0], model.predict(pictures).shape()[1]));
        }
    }

    @Test
    void optimizersHaveTheSectionsConstructorsAndChainableOptions() {
        new AdamW(0.001, 0.004);
        new AdamW(0.001, 0.004, 0.9, 0.999, 1e-7, false);
        new Nadam(); new Nadam(0.001); new Nadam(0.001, 0.9, 0.999, 1e-7);
        new Adamax(); new Adamax(0.001); new Adamax(0.001, 0.9, 0.999, 1e-7);
        new Adadelta(); new Adadelta(0.001); new Adadelta(0.001, 0.95, 1e-7);
        new Lion(); new Lion(0.001); new Lion(0.001, 0.9, 0.99);
        Adam adam = new Adam().clipnorm(1.0);          // covariant: the receiver's own type
        SGD sgd = new SGD(0.1).weightDecay(0.01).clipvalue(0.5);
        assertEquals(1.0, adam.clipnorm());
        assertEquals(0.5, sgd.clipvalue());
        assertThrows(IllegalArgumentException.class, () -> new Adam().clipnorm(1.0).globalClipnorm(1.0),
                "at most one clip option");
        for (String name : List.of("adamw", "nadam", "adamax", "adadelta", "lion")) {
            assertEquals(name, Registry.OPTIMIZERS.create(name).name());
        }
        assertEquals(0.004, new AdamW(0.001, 0.004).weightDecay());
        assertEquals(0.01, new AdamW(0.001, 0.004).weightDecay(0.01).weightDecay(), "weightDecay replaces the constructor's");
    }

    @Test
    void lossesMetricsCallbacksAndHelpersExistAsWritten() throws Exception {
        new CategoricalCrossentropy(false, 0.1);
        new BinaryFocalCrossentropy(false, 0.25, 2.0, false);
        new CategoricalFocalCrossentropy(0.25, 2.0, false);
        for (String loss : List.of("kl_divergence", "kld", "poisson", "log_cosh", "hinge", "squared_hinge", "categorical_hinge",
                "mean_squared_logarithmic_error", "msle", "mean_absolute_percentage_error", "mape", "cosine_similarity",
                "binary_focal_crossentropy", "categorical_focal_crossentropy")) {
            Registry.LOSSES.create(loss);
        }
        for (String metric : List.of("auc", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
                "root_mean_squared_error", "r2_score", "f1_score")) {
            Registry.METRICS.create(metric);
        }
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 3);
        INDArray y = Utils.toCategorical(Nd4j.createFromArray(0.0, 1, 2, 0, 1, 2, 0, 1).reshape(8, 1), 3);
        INDArray w = Nd4j.ones(DataType.DOUBLE, 8);
        Sequential model = new Sequential(3L).add(new Dense(4, 3, "gelu")).add(new Dense(3, "softmax"))
                .compile("categorical_crossentropy", new Adam(), new AUC(), new TopKCategoricalAccuracy(3), F1Score.macro(), "accuracy");
        model.compile("mse", new Adam());   // a String and an Optimizer: still unambiguous
        model.compile("categorical_crossentropy", new Adam(), "accuracy");
        model.fit(x, y, new FitOptions().epochs(1).verbose(0).sampleWeight(w)
                .callbacks(new TerminateOnNaN(), LambdaCallback.onEpochEnd((epoch, logs) -> { }),
                        new BackupAndRestore(Path.of(System.getProperty("java.io.tmpdir"), "ring2-contract-backup-" + ProcessHandle.current().pid()))));
        model.evaluate(x, y, w);
        Split split = Utils.trainTestSplit(x, y, 0.5, 42L, true);
        assertEquals(4, split.xTrain().rows());
        assertEquals(DataType.FLOAT, Utils.toCategorical(Nd4j.createFromArray(0f, 1f).reshape(2, 1), 2).dataType());

        String json = model.toJson();
        Sequential again = Sequential.fromJson(json);
        Sequential copy = Sequential.cloneModel(model);
        assertEquals(model.getLayers().size(), again.getLayers().size());
        assertTrue(!copy.isCompiled());
        Layer removed = model.pop();
        assertEquals(1, model.getLayers().size());
        assertEquals("dense_1", removed.name());
    }

    private static double number(Map<String, Object> config, String key) {
        return ((Number) config.get(key)).doubleValue();
    }
}
