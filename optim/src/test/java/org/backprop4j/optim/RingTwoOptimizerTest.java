package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Registry;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ring-2 optimizers and the base options by themselves: constructors and defaults, argument
 * checks (before any weight changes), covariant setters, configs that round-trip through the registry,
 * and hand-computed single steps of each rule and option.
 */
class RingTwoOptimizerTest {

    /** Bound weights with settable gradients. */
    static final class Bound {
        final List<INDArray> values = new ArrayList<>();
        final List<INDArray> gradients = new ArrayList<>();
        final Optimizer optimizer;

        Bound(Optimizer optimizer, double[]... initial) {
            this.optimizer = optimizer;
            List<Parameter> parameters = new ArrayList<>();
            for (int i = 0; i < initial.length; i++) {
                INDArray value = Nd4j.create(initial[i].clone(), new long[] {initial[i].length}, DataType.DOUBLE);
                INDArray gradient = value.ulike();
                values.add(value);
                gradients.add(gradient);
                parameters.add(new Parameter("w" + i, value, gradient));
            }
            optimizer.bind(this, parameters);
        }

        Bound step(double[]... g) {
            for (int i = 0; i < g.length; i++) {
                gradients.get(i).assign(Nd4j.create(g[i], new long[] {g[i].length}, DataType.DOUBLE));
            }
            optimizer.apply();
            return this;
        }

        double[] value(int i) {
            return values.get(i).toDoubleVector();
        }
    }

    @Test
    void kerasDefaultsAndNames() {
        AdamW adamw = assertInstanceOf(AdamW.class, Registry.OPTIMIZERS.create("adamw"));
        assertEquals(0.001, adamw.learningRate());
        assertEquals(0.004, adamw.weightDecay());
        assertEquals(Map.of("learningRate", 0.001, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-7, "amsgrad", false,
                "weightDecay", 0.004), adamw.config());
        assertEquals(Map.of("learningRate", 0.001, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-7),
                Registry.OPTIMIZERS.create("nadam").config());
        assertEquals(Map.of("learningRate", 0.001, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-7),
                Registry.OPTIMIZERS.create("adamax").config());
        assertEquals(Map.of("learningRate", 0.001, "rho", 0.95, "epsilon", 1e-7), Registry.OPTIMIZERS.create("adadelta").config());
        assertEquals(Map.of("learningRate", 0.001, "beta1", 0.9, "beta2", 0.99), Registry.OPTIMIZERS.create("lion").config());
        assertEquals("adamw", new AdamW().name());
        assertEquals("lion", new Lion().name());
        Optimizer adam = new Adam();
        assertNull(adam.weightDecay());
        assertNull(adam.clipnorm());
        assertEquals(new AdamW(0.01, 0.1).config(), new AdamW(0.01).weightDecay(0.1).config(), "weightDecay(x) replaces");
    }

    @Test
    void everyConstructorTakesASchedule() {
        LearningRateSchedule schedule = new ExponentialDecay(0.1, 10, 0.5, false);
        for (Optimizer optimizer : List.of(new AdamW(schedule), new AdamW(schedule, 0.01), new AdamW(schedule, 0.01, 0.8, 0.9, 1e-6, true),
                new Nadam(schedule), new Nadam(schedule, 0.8, 0.9, 1e-6), new Adamax(schedule), new Adamax(schedule, 0.8, 0.9, 1e-6),
                new Adadelta(schedule), new Adadelta(schedule, 0.9, 1e-6), new Lion(schedule), new Lion(schedule, 0.8, 0.9))) {
            assertEquals(schedule, optimizer.schedule(), optimizer.toString());
            Optimizer again = Registry.OPTIMIZERS.create(optimizer.name(), optimizer.config());
            assertEquals(optimizer.config(), again.config(), "round trip " + optimizer);
        }
    }

    @Test
    void setterReturnTheReceiversOwnType() {
        Adam adam = new Adam().clipnorm(1.0);
        AdamW adamw = new AdamW().weightDecay(0.01).globalClipnorm(2.0);
        SGD sgd = new SGD().clipvalue(0.5).weightDecay(0.1);
        RMSprop rmsprop = new RMSprop().clipnorm(1.0);
        Adagrad adagrad = new Adagrad().globalClipnorm(1.0);
        Nadam nadam = new Nadam().weightDecay(0.01).clipvalue(1.0);
        Adamax adamax = new Adamax().clipnorm(3.0);
        Adadelta adadelta = new Adadelta().weightDecay(0.2);
        Lion lion = new Lion().clipvalue(0.1).weightDecay(0.3);
        assertEquals(1.0, adam.clipnorm());
        assertEquals(2.0, adamw.globalClipnorm());
        assertEquals(0.01, adamw.weightDecay());
        assertEquals(0.5, sgd.clipvalue());
        for (Optimizer optimizer : List.of(adam, adamw, sgd, rmsprop, adagrad, nadam, adamax, adadelta, lion)) {
            Map<String, Object> config = optimizer.config();
            Optimizer again = Registry.OPTIMIZERS.create(optimizer.name(), config);
            assertEquals(optimizer.getClass(), again.getClass());
            assertEquals(config, again.config(), "round trip " + optimizer);
        }
        assertEquals(Map.of("learningRate", 0.01, "momentum", 0.0, "nesterov", false, "weightDecay", 0.1, "clipvalue", 0.5),
                sgd.config());
    }

    @Test
    void badHyperParametersAreRefusedNamingTheValue() {
        Map<String, Supplier<Object>> bad = new LinkedHashMap<>();
        bad.put("weightDecay must be a finite number >= 0, got -0.1", () -> new Adam().weightDecay(-0.1));
        bad.put("weightDecay must be a finite number >= 0, got NaN", () -> new SGD().weightDecay(Double.NaN));
        bad.put("AdamW weightDecay must be a finite number >= 0, got -1.0", () -> new AdamW(0.01, -1.0));
        bad.put("clipnorm must be a positive finite number, got 0.0", () -> new Adam().clipnorm(0));
        bad.put("clipvalue must be a positive finite number, got -1.0", () -> new Nadam().clipvalue(-1));
        bad.put("globalClipnorm must be a positive finite number, got Infinity", () -> new Lion().globalClipnorm(Double.POSITIVE_INFINITY));
        bad.put("only one of clipnorm, clipvalue and globalClipnorm", () -> new Adam().clipnorm(1).clipvalue(1));
        bad.put("clipnorm is already 1.0, so globalClipnorm(2.0) is refused", () -> new RMSprop().clipnorm(1).globalClipnorm(2));
        bad.put("Nadam beta1 must be in [0, 1), got 1.0", () -> new Nadam(0.001, 1.0, 0.999, 1e-7));
        bad.put("Adamax beta2 must be in [0, 1), got -0.5", () -> new Adamax(0.001, 0.9, -0.5, 1e-7));
        bad.put("Adamax epsilon must be a positive finite number, got 0.0", () -> new Adamax(0.001, 0.9, 0.9, 0));
        bad.put("Adadelta rho must be in [0, 1), got 1.5", () -> new Adadelta(0.001, 1.5, 1e-7));
        bad.put("Lion beta1 must be in (0, 1), got 0.0", () -> new Lion(0.001, 0.0, 0.99));
        bad.put("Lion beta1 must be in (0, 1), got 1.1", () -> new Lion(0.001, 1.1, 0.99));
        bad.put("AdamW beta1 must be in [0, 1), got 2.0", () -> new AdamW(0.001, 0.004, 2.0, 0.999, 1e-7, false));
        bad.put("learning rate must be a positive finite number, got -0.001", () -> new Adadelta(-0.001));
        bad.put("'clipnorm' must be a number", () -> Registry.OPTIMIZERS.create("lion", Map.of("clipnorm", "big")));
        bad.put("only one of clipnorm", () -> Registry.OPTIMIZERS.create("sgd", Map.of("clipnorm", 1.0, "clipvalue", 1.0)));
        bad.put("unknown", () -> Registry.OPTIMIZERS.create("nadam", Map.of("rho", 0.9)));
        bad.forEach((message, call) -> {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call::get, message);
            assertTrue(error.getMessage().contains(message) || message.equals("unknown"), error.getMessage());
        });
    }

    @Test
    void aRefusedOptionLeavesTheWeightsAndTheOtherOptionsAlone() {
        Bound bound = new Bound(new SGD(1.0).clipnorm(1.0), new double[] {3, 4});
        assertThrows(IllegalArgumentException.class, () -> bound.optimizer.clipvalue(0.5));
        assertThrows(IllegalArgumentException.class, () -> bound.optimizer.weightDecay(-1));
        assertEquals(3.0, bound.value(0)[0]);
        assertEquals(1.0, bound.optimizer.clipnorm());
        assertNull(bound.optimizer.clipvalue());
        assertNull(bound.optimizer.weightDecay());
        bound.step(new double[] {30, 40});                      // norm 50 clipped to 1: (0.6, 0.8)
        assertEquals(3 - 0.6, bound.value(0)[0], 1e-15);
        assertEquals(4 - 0.8, bound.value(0)[1], 1e-15);
    }

    @Test
    void theOrderIsClipThenDecayThenTheRule() {
        // SGD(0.5), weight decay 0.1, clipvalue 1: w = 2 - 2 * 0.1 * 0.5 = 1.9; then w -= 0.5 * clip(3) = 1.4
        Bound sgd = new Bound(new SGD(0.5).weightDecay(0.1).clipvalue(1.0), new double[] {2, -2});
        sgd.step(new double[] {3, -0.5});
        assertEquals(2 - 2 * 0.1 * 0.5 - 0.5 * 1.0, sgd.value(0)[0], 1e-15);
        assertEquals(-2 - (-2) * 0.1 * 0.5 - 0.5 * -0.5, sgd.value(0)[1], 1e-15);
        // global clipnorm over two weights: norm sqrt(3^2 + 4^2 + 12^2) = 13, clipped to 6.5
        Bound global = new Bound(new SGD(1.0).globalClipnorm(6.5), new double[] {0, 0}, new double[] {0});
        global.step(new double[] {3, 4}, new double[] {12});
        assertEquals(-1.5, global.value(0)[0], 1e-15);
        assertEquals(-2.0, global.value(0)[1], 1e-15);
        assertEquals(-6.0, global.value(1)[0], 1e-15);
        // per-weight clipnorm: each weight by its own norm; a small gradient stays
        Bound each = new Bound(new SGD(1.0).clipnorm(2.0), new double[] {0, 0}, new double[] {0});
        each.step(new double[] {3, 4}, new double[] {1});
        assertEquals(-1.2, each.value(0)[0], 1e-15);
        assertEquals(-1.6, each.value(0)[1], 1e-15);
        assertEquals(-1.0, each.value(1)[0], 1e-15);
        // the decay uses the step's scheduled rate: ExponentialDecay(1, 1, 0.5): rates 1, 0.5
        Bound scheduled = new Bound(new SGD(new ExponentialDecay(1.0, 1, 0.5, false), 0, false).weightDecay(0.1), new double[] {1});
        scheduled.step(new double[] {0}).step(new double[] {0});
        assertEquals(1 * (1 - 0.1 * 1.0) * (1 - 0.1 * 0.5), scheduled.value(0)[0], 1e-15);
    }

    @Test
    void singleStepsByHand() {
        // Lion: w -= lr * sign(0.1 g); m = 0.01 g
        Bound lion = new Bound(new Lion(0.5), new double[] {1, 2, 3, 4}).step(new double[] {1, -6, 0, 2});
        assertEquals(List.of(0.5, 2.5, 3.0, 3.5), boxed(lion.value(0)));
        // Adamax: m = 0.1 g, u = |g|, w -= lr * m / ((1 - 0.9) (u + eps)) = lr * g / (|g| + eps)
        Bound adamax = new Bound(new Adamax(0.5), new double[] {1}).step(new double[] {6});
        assertEquals(1 - 0.5 * 0.1 * 6 / ((1 - 0.9) * (6 + 1e-7)), adamax.value(0)[0], 1e-15);
        // Adadelta: a = 0.05 g^2; delta = -sqrt(eps) g / sqrt(a + eps); w += lr delta
        Bound adadelta = new Bound(new Adadelta(0.5), new double[] {1}).step(new double[] {2});
        assertEquals(1 + 0.5 * -(Math.sqrt(1e-7) * 2 / Math.sqrt(0.05 * 4 + 1e-7)), adadelta.value(0)[0], 1e-15);
        // Nadam's u_product after two steps
        Nadam nadam = new Nadam();
        new Bound(nadam, new double[] {1}).step(new double[] {1}).step(new double[] {1});
        assertEquals(0.9 * (1 - 0.5 * 0.96) * 0.9 * (1 - 0.5 * 0.96 * 0.96), nadam.uProduct(), 1e-15);
        assertTrue(nadam.state().containsKey("u_product"), nadam.state().keySet().toString());
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
