package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimizer base's per-step hook and scalar state, with a test optimizer written as Keras writes
 * Nadam: a running product {@code u_product *= 1 - 0.5 * 0.96^t} computed once per step, then used by
 * every parameter's update. The scalar is saved with the slots, so training continued after a
 * save/load gives the bits of uninterrupted training.
 */
class OptimizerScalarStateTest {

    /** {@code m = 0.9 m + g; w -= lr * u_product * m}, with {@code u_product} advanced once per step. */
    static final class ProductMomentum extends Optimizer {
        ProductMomentum(double learningRate) {
            super(learningRate);
        }

        static ProductMomentum fromConfig(Map<String, Object> config) {
            Config.requireKeys(config, "ProductMomentum", "learningRate");
            return new ProductMomentum(Config.number(config, "learningRate"));
        }

        @Override
        protected void build() {
            addSlot("m", 0.0);
            addScalar("u_product", 1.0);
        }

        @Override
        protected void beforeUpdates(double learningRate) {
            double t = iterations() + 1;
            setScalar("u_product", scalar("u_product") * (1 - 0.5 * Math.pow(0.96, t)));
        }

        @Override
        protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
            INDArray m = slot("m", index);
            m.muli(0.9).addi(gradient);
            value.subi(m.mul(learningRate * scalar("u_product")));
        }

        @Override
        protected Map<String, Object> hyperParameters() {
            return Map.of();
        }

        double uProduct() {
            return scalar("u_product");
        }
    }

    static {
        if (!Registry.OPTIMIZERS.contains("product_momentum")) {
            Registry.OPTIMIZERS.register("product_momentum", ProductMomentum.class, ProductMomentum::fromConfig);
        }
    }

    private static Sequential model(ProductMomentum optimizer) {
        Sequential model = new Sequential(9L, DataType.DOUBLE);
        model.add(new Dense(5, 3, "tanh")).add(new Dense(1, "sigmoid"));
        return model.compile("binary_crossentropy", optimizer);
    }

    private static FitOptions options(int epochs) {
        return new FitOptions().epochs(epochs).batchSize(4).shuffle(false).verbose(0); // same batches either way
    }

    @Test
    void theHookRunsOncePerStepAndTheScalarIsSavedAndRestored(@TempDir Path dir) throws Exception {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 12, 3).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 12, 1).gt(0.5).castTo(DataType.DOUBLE);
        ProductMomentum straight = new ProductMomentum(0.1);
        Sequential uninterrupted = model(straight);
        uninterrupted.fit(x, y, options(6));           // 6 epochs of 3 steps

        ProductMomentum first = new ProductMomentum(0.1);
        Sequential before = model(first);
        before.fit(x, y, options(3));
        double expected = 1;
        for (int t = 1; t <= 9; t++) {
            expected *= 1 - 0.5 * Math.pow(0.96, t);
        }
        assertEquals(expected, first.uProduct(), 0, "one factor per step, 9 steps");
        assertTrue(first.state().containsKey("u_product"), first.state().keySet().toString());
        Path file = dir.resolve("model.zip");
        before.save(file);

        Sequential after = Sequential.load(file);
        ProductMomentum restored = (ProductMomentum) after.optimizer();
        assertEquals(first.uProduct(), restored.uProduct(), 0, "the scalar comes back");
        assertEquals(9, restored.iterations());
        after.fit(x, y, options(3));
        List<INDArray> a = uninterrupted.getWeights();
        List<INDArray> b = after.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).data().asDouble(), b.get(i).data().asDouble(), 0, "weight " + i);
        }
        assertEquals(straight.uProduct(), restored.uProduct(), 0);
    }
}
