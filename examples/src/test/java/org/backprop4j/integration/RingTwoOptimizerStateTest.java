package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.Adadelta;
import org.backprop4j.optim.Adagrad;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Adamax;
import org.backprop4j.optim.ExponentialDecay;
import org.backprop4j.optim.Lion;
import org.backprop4j.optim.Nadam;
import org.backprop4j.optim.RMSprop;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ring-2 optimizers and base options inside a model: saved and loaded, training continues
 * bit-identically in DOUBLE (slots, Nadam's u_product, step count, weight decay and clip settings all
 * come back); frozen layers and non-trainable weights get no slots and no weight decay.
 */
class RingTwoOptimizerStateTest {

    @TempDir
    Path directory;

    static {
        if (!Registry.LAYERS.contains("MovingNormalization")) {
            Registry.LAYERS.register("MovingNormalization", MovingNormalization.class, MovingNormalization::fromConfig);
        }
    }

    private static Sequential model(Optimizer optimizer) {
        Sequential model = new Sequential(5L, DataType.DOUBLE);
        model.add(new Dense(4, 6, "tanh")).add(new Dense(3, "softmax"));
        return model.compile("categorical_crossentropy", optimizer);
    }

    private static final Map<String, Supplier<Optimizer>> OPTIMIZERS = Map.ofEntries(
            Map.entry("adamw", () -> new AdamW(0.01, 0.05).clipnorm(0.5)),
            Map.entry("adamw_schedule_amsgrad", () -> new AdamW(new ExponentialDecay(0.02, 3, 0.5, false), 0.1, 0.9, 0.5, 1e-7, true)),
            Map.entry("nadam", () -> new Nadam(0.01).weightDecay(0.02).globalClipnorm(0.3)),
            Map.entry("adamax", () -> new Adamax(0.02).clipvalue(0.05)),
            Map.entry("adadelta", () -> new Adadelta(new ExponentialDecay(1.0, 2, 0.7, true)).weightDecay(0.01)),
            Map.entry("lion", () -> new Lion(0.003).weightDecay(0.1).clipnorm(0.2)),
            Map.entry("sgd", () -> new SGD(0.1, 0.9, true).weightDecay(0.01).clipvalue(0.02)),
            Map.entry("adam", () -> new Adam(0.01).globalClipnorm(0.1)),
            Map.entry("rmsprop", () -> new RMSprop(0.01, 0.9, 0.5, 1e-7, true).clipnorm(0.05).weightDecay(0.2)),
            Map.entry("adagrad", () -> new Adagrad(0.1).weightDecay(0.3)));

    @Test
    void saveLoadContinuesBitIdentically() throws Exception {
        Random random = new Random(4);
        INDArray x = TestArrays.uniform(random, 24, 6, -1, 1).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 24, 3);
        for (int i = 0; i < 24; i++) {
            y.putScalar(i, random.nextInt(3), 1.0);
        }
        FitOptions three = new FitOptions().epochs(3).batchSize(8).shuffle(false).verbose(0);
        FitOptions six = new FitOptions().epochs(6).batchSize(8).shuffle(false).verbose(0);
        for (Map.Entry<String, Supplier<Optimizer>> entry : OPTIMIZERS.entrySet()) {
            String name = entry.getKey();
            Sequential straight = model(entry.getValue().get());
            List<INDArray> initial = straight.getWeights();
            straight.fit(x, y, six);

            Sequential first = model(entry.getValue().get());
            first.setWeights(initial);
            first.fit(x, y, three);
            Path file = directory.resolve(name + ".bp4j");
            first.save(file);
            Sequential loaded = Sequential.load(file);
            assertEquals(first.optimizer().getClass(), loaded.optimizer().getClass(), name);
            assertEquals(first.optimizer().config(), loaded.optimizer().config(), name);
            assertEquals(first.optimizer().state().keySet(), loaded.optimizer().state().keySet(), name);
            assertEquals(9, loaded.optimizer().iterations(), name);
            loaded.fit(x, y, three);
            List<INDArray> a = straight.getWeights();
            List<INDArray> b = loaded.getWeights();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).data().asDouble(), b.get(i).data().asDouble(), 0, name + " weight " + i);
            }
            straight.optimizer().state().forEach((key, value) -> assertArrayEquals(value.data().asDouble(),
                    loaded.optimizer().state().get(key).data().asDouble(), 0, name + " state " + key));
            assertNotEquals(initial.get(0).getDouble(0), a.get(0).getDouble(0), name + " trained");
        }
        Nadam nadam = (Nadam) Sequential.load(directory.resolve("nadam.bp4j")).optimizer();
        assertTrue(nadam.uProduct() < 0.9, "u_product saved after 9 steps: " + nadam.uProduct());
    }

    @Test
    void frozenLayersAndNonTrainableWeightsGetNoSlotsAndNoDecay() {
        Random random = new Random(6);
        INDArray x = TestArrays.uniform(random, 16, 4, -1, 1).castTo(DataType.DOUBLE);
        INDArray y = TestArrays.uniform(random, 16, 2, 0, 1).castTo(DataType.DOUBLE);
        Sequential model = new Sequential(3L, DataType.DOUBLE);
        Dense frozen = new Dense(5, "tanh");
        model.add(new Input(4)).add(frozen).add(new MovingNormalization(0.9)).add(new Dense(2));
        frozen.setTrainable(false);
        AdamW adamw = new AdamW(0.01, 0.5).clipnorm(0.1);
        model.compile("mse", adamw);
        List<INDArray> before = model.getWeights();      // kernel, bias, gamma, beta, moving mean, variance, kernel, bias
        model.fit(x, y, new FitOptions().epochs(4).batchSize(8).shuffle(false).verbose(0));
        List<INDArray> after = model.getWeights();
        assertEquals(before.get(0), after.get(0), "the frozen kernel neither trains nor decays");
        assertEquals(before.get(1), after.get(1), "the frozen bias neither trains nor decays");
        assertNotEquals(before.get(4), after.get(4), "moving mean follows the data, by its layer");
        assertNotEquals(before.get(6), after.get(6), "the trainable kernel trains");
        // slots for gamma, beta, kernel, bias only (Adam's momentum and velocity: 2 x 4)
        Map<String, INDArray> state = adamw.state();
        assertEquals(8, state.size(), state.keySet().toString());
        long slotted = state.values().stream().mapToLong(INDArray::length).sum();
        assertEquals(2 * (5 + 5 + 5 * 2 + 2), slotted);
        assertFalse(state.values().stream().anyMatch(s -> s.length() == 20), "no slot shaped like the frozen 4x5 kernel");
    }

    @Test
    void movingStatisticsAreNotDecayed() {
        // zero learning signal (y = prediction is impossible to arrange, so: a huge weight decay on the
        // trainable weights, none of which is a moving statistic): the moving variance follows only the data
        Random random = new Random(8);
        INDArray x = TestArrays.uniform(random, 8, 3, -1, 1).castTo(DataType.DOUBLE);
        INDArray y = TestArrays.uniform(random, 8, 1, -1, 1).castTo(DataType.DOUBLE);
        Sequential decayed = new Sequential(2L, DataType.DOUBLE);
        decayed.add(new Input(3)).add(new MovingNormalization(0.5)).add(new Dense(1));
        decayed.compile("mse", new SGD(0.1).weightDecay(5.0));
        Sequential plain = new Sequential(2L, DataType.DOUBLE);
        plain.add(new Input(3)).add(new MovingNormalization(0.5)).add(new Dense(1));
        plain.compile("mse", new SGD(0.1));
        FitOptions options = new FitOptions().epochs(3).batchSize(8).shuffle(false).verbose(0);
        decayed.fit(x, y, options);
        plain.fit(x, y, options);
        // the normaliser sees the raw input in both, so its moving statistics agree exactly
        assertEquals(plain.getWeights().get(2), decayed.getWeights().get(2), "moving mean");
        assertEquals(plain.getWeights().get(3), decayed.getWeights().get(3), "moving variance");
        assertNotEquals(plain.getWeights().get(4), decayed.getWeights().get(4), "the kernel decays");
    }
}
