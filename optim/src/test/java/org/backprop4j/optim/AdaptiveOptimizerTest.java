package org.backprop4j.optim;

import static org.backprop4j.optim.ScheduleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Registry;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam, RMSprop and Adagrad: slots, steps worked by hand, FLOAT, views, configs and bad arguments. */
class AdaptiveOptimizerTest {

    private static INDArray vector(double... values) {
        return Nd4j.create(values, new long[] {values.length});
    }

    @Test
    void adagradTwoStepsByHand() {
        INDArray w = vector(1.0, -2.0);
        INDArray g = w.ulike();
        Adagrad adagrad = new Adagrad(0.1, 0.1, 1e-7);
        adagrad.bind(this, List.of(new Parameter("w", w, g)));
        g.assign(vector(0.5, -1.0));
        adagrad.apply();
        // acc = 0.1 + [0.25, 1] = [0.35, 1.1]; w -= 0.1 g / sqrt(acc + 1e-7)
        double[] w1 = {1.0 - 0.05 / Math.sqrt(0.35 + 1e-7), -2.0 + 0.1 / Math.sqrt(1.1 + 1e-7)};
        assertArrayEquals(w1, w.toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {0.35, 1.1}, adagrad.state().get("accumulator/0").toDoubleVector(), 1e-15);
        g.assign(vector(0.5, -1.0));
        adagrad.apply();
        double[] w2 = {w1[0] - 0.05 / Math.sqrt(0.6 + 1e-7), w1[1] + 0.1 / Math.sqrt(2.1 + 1e-7)};
        assertArrayEquals(w2, w.toDoubleVector(), 1e-15);
        assertEquals(2, adagrad.iterations());
    }

    @Test
    void rmspropWithMomentumAndCenteredByHand() {
        INDArray w = vector(1.0);
        INDArray g = w.ulike();
        RMSprop rmsprop = new RMSprop(0.1, 0.9, 0.5, 1e-7, true);
        rmsprop.bind(this, List.of(new Parameter("w", w, g)));
        assertEquals(List.of("velocity/0", "momentum/0", "average_gradient/0"), List.copyOf(rmsprop.state().keySet()));
        g.assign(vector(2.0));
        rmsprop.apply();
        // v = 0.1 * 4 = 0.4; avg = 0.1 * 2 = 0.2; inc = 0.1 * 2 / sqrt(0.4 - 0.04 + 1e-7); mom = inc
        double inc1 = 0.2 / Math.sqrt(0.4 - 0.04 + 1e-7);
        assertEquals(1.0 - inc1, w.getDouble(0), 1e-15);
        g.assign(vector(-1.0));
        rmsprop.apply();
        // v = 0.36 + 0.1 = 0.46; avg = 0.18 - 0.1 = 0.08; inc = -0.1 / sqrt(0.46 - 0.0064 + 1e-7); mom = 0.5 inc1 + inc
        double inc2 = -0.1 / Math.sqrt(0.46 - 0.0064 + 1e-7);
        assertEquals(1.0 - inc1 - (0.5 * inc1 + inc2), w.getDouble(0), 1e-15);
    }

    @Test
    void adamSlotsAndAmsgradMaximum() {
        INDArray w = vector(0.0);
        INDArray g = w.ulike();
        Adam adam = new Adam(0.1, 0.9, 0.5, 1e-7, true);
        adam.bind(this, List.of(new Parameter("w", w, g)));
        assertEquals(List.of("momentum/0", "velocity/0", "velocity_hat/0"), List.copyOf(adam.state().keySet()));
        g.assign(vector(2.0));
        adam.apply();
        g.assign(vector(0.0));
        adam.apply();
        // v: 0.5 * 4 = 2, then 0.5 * 2 = 1; velocity_hat keeps the maximum, 2
        assertEquals(1.0, adam.state().get("velocity/0").getDouble(0), 1e-15);
        assertEquals(2.0, adam.state().get("velocity_hat/0").getDouble(0), 1e-15);
        assertEquals(0.9 * 0.2, adam.state().get("momentum/0").getDouble(0), 1e-15);
    }

    @Test
    void floatWeightsAndViewsAreUpdatedToo() {
        INDArray doubles = Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray floats = doubles.castTo(DataType.FLOAT);
        INDArray fOrder = doubles.dup('f');
        Optimizer reference = new Adam(0.01);
        Optimizer onFloats = new Adam(0.01);
        Optimizer onView = new Adam(0.01);
        INDArray gradient = Nd4j.create(new double[][] {{0.1, -0.2, 0.3}, {-0.4, 0.5, -0.6}});
        reference.bind("a", List.of(new Parameter("w", doubles, gradient)));
        onFloats.bind("b", List.of(new Parameter("w", floats, gradient.castTo(DataType.FLOAT))));
        onView.bind("c", List.of(new Parameter("w", fOrder, gradient.dup('f'))));
        for (int i = 0; i < 3; i++) {
            reference.apply();
            onFloats.apply();
            onView.apply();
        }
        assertArrayEquals(doubles.data().asDouble(), fOrder.dup('c').data().asDouble(), 0);
        assertArrayEquals(doubles.data().asDouble(), floats.castTo(DataType.DOUBLE).data().asDouble(), 1e-6);
        assertEquals(1 - 0.03, doubles.getDouble(0, 0), 1e-6); // Adam's first steps move by about lr each
    }

    @Test
    void registeredByKerasNamesWithKerasDefaults() {
        Adam adam = assertInstanceOf(Adam.class, Registry.OPTIMIZERS.create("adam"));
        assertEquals(0.001, adam.learningRate());
        assertEquals(Map.of("learningRate", 0.001, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-7, "amsgrad", false),
                adam.config());
        RMSprop rmsprop = assertInstanceOf(RMSprop.class, Registry.OPTIMIZERS.create("rmsprop"));
        assertEquals(Map.of("learningRate", 0.001, "rho", 0.9, "momentum", 0.0, "epsilon", 1e-7, "centered", false),
                rmsprop.config());
        Adagrad adagrad = assertInstanceOf(Adagrad.class, Registry.OPTIMIZERS.create("adagrad"));
        assertEquals(Map.of("learningRate", 0.001, "initialAccumulatorValue", 0.1, "epsilon", 1e-7), adagrad.config());
        assertEquals(List.of("sgd", "adam", "rmsprop", "adagrad", "adamw", "nadam", "adamax", "adadelta", "lion"),
                Registry.OPTIMIZERS.names());
    }

    @Test
    void configsWithSchedulesRoundTrip() {
        for (Optimizer optimizer : List.<Optimizer>of(new Adam(new ExponentialDecay(0.1, 100, 0.9, true), 0.8, 0.99, 1e-6, true),
                new RMSprop(new CosineDecay(0.1, 50), 0.8, 0.5, 1e-6, true),
                new Adagrad(new InverseTimeDecay(0.1, 10, 0.5, false), 0.2, 1e-6),
                new RMSprop(0.02, 0.95, 0.1, 1e-8, false))) {
            Optimizer again = Registry.OPTIMIZERS.create(optimizer.name(), optimizer.config());
            assertEquals(optimizer.getClass(), again.getClass());
            assertEquals(optimizer.config(), again.config());
        }
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        assertMessage("Adam learning rate must be a positive finite number, got -0.1", () -> new Adam(-0.1));
        assertMessage("Adam beta1 must be in [0, 1), got 1.0", () -> new Adam(0.1, 1.0, 0.999, 1e-7, false));
        assertMessage("Adam beta2 must be in [0, 1), got -0.5", () -> new Adam(0.1, 0.9, -0.5, 1e-7, false));
        assertMessage("Adam epsilon must be a positive finite number, got 0.0", () -> new Adam(0.1, 0.9, 0.999, 0, false));
        assertMessage("RMSprop rho must be in [0, 1), got 1.5", () -> new RMSprop(0.1, 1.5, 0, 1e-7, false));
        assertMessage("RMSprop momentum must be in [0, 1), got NaN", () -> new RMSprop(0.1, 0.9, Double.NaN, 1e-7, false));
        assertMessage("Adagrad initialAccumulatorValue must be a finite number >= 0, got -1.0", () -> new Adagrad(0.1, -1, 1e-7));
        assertMessage("Adagrad learning rate must be a positive finite number, got 0.0", () -> new Adagrad(0.0));
        assertMessage("learning-rate schedule must not be null", () -> new Adam((org.backprop4j.core.LearningRateSchedule) null));
        assertMessage("'beta1' must be a finite number, got 'x' (string)",
                () -> Registry.OPTIMIZERS.create("adam", Map.of("beta1", "x")));
        assertMessage("unknown [betta1]", () -> Registry.OPTIMIZERS.create("adam", Map.of("betta1", 0.9)));
    }
}
