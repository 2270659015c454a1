package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Registry;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Learning-rate schedules against Keras' test values and the reference fixture, their configs, and bad arguments. */
class ScheduleTest {

    @Test
    @SuppressWarnings("unchecked")
    void matchTheReferenceAtEveryRecordedStep() throws IOException {
        List<Object> cases = (List<Object>) KerasSpecs.fixture("schedules.json").get("cases");
        assertEquals(9, cases.size());
        for (Object entry : cases) {
            Map<String, Object> c = (Map<String, Object>) entry;
            LearningRateSchedule schedule = KerasSpecs.schedule((Map<String, Object>) c.get("schedule"));
            List<Number> steps = (List<Number>) c.get("steps");
            List<Number> values = (List<Number>) c.get("values");
            for (int i = 0; i < steps.size(); i++) {
                assertEquals(values.get(i).doubleValue(), schedule.rate(steps.get(i).longValue()), 1e-15,
                        schedule + " at step " + steps.get(i));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void matchKerasScheduleTests() throws IOException {
        int checked = 0;
        for (Object entry : (List<Object>) KerasSpecs.fixture("keras_goldens.json").get("goldens")) {
            Map<String, Object> golden = (Map<String, Object>) entry;
            if (!((String) golden.get("name")).startsWith("schedule_")) {
                continue;
            }
            Map<String, Object> setup = (Map<String, Object>) golden.get("setup");
            LearningRateSchedule schedule = KerasSpecs.schedule((Map<String, Object>) setup.get("schedule"));
            List<Number> steps = (List<Number>) setup.get("steps");
            List<Number> expected = (List<Number>) golden.get("expected");
            for (int i = 0; i < steps.size(); i++) {
                double want = expected.get(i).doubleValue();
                double got = schedule.rate(steps.get(i).longValue());
                assertTrue(Math.abs(want - got) <= 1e-6 * Math.abs(want) + 1e-12, golden.get("name") + " at step "
                        + steps.get(i) + ": expected " + want + ", got " + got);
                checked++;
            }
        }
        assertEquals(1 + 3 + 6 + 11 + 11 + 6 + 12, checked);
    }

    @Test
    void exponentialDecayByHand() {
        assertEquals(0.05 * Math.sqrt(0.96), new ExponentialDecay(0.05, 10, 0.96, false).rate(5), 1e-17);
        ExponentialDecay staircase = new ExponentialDecay(0.1, 3, 0.96, true);
        assertEquals(0.1, staircase.rate(2), 0);
        assertEquals(0.1 * 0.96, staircase.rate(3), 1e-17);
        assertEquals(0.1 * Math.pow(0.96, 33), staircase.rate(100), 1e-17);
    }

    @Test
    void optimizerEvaluatesTheScheduleAtItsStepCountBeforeEachUpdate() {
        // SGD on a weight with gradient 1: each step subtracts exactly the rate used
        SGD sgd = new SGD(new ExponentialDecay(0.1, 1, 0.5, false), 0.0, false);
        INDArray w = Nd4j.create(new double[] {0.0}, new long[] {1});
        INDArray g = Nd4j.create(new double[] {1.0}, new long[] {1});
        sgd.bind(this, List.of(new Parameter("w", w, g)));
        assertEquals(0.1, sgd.learningRate(), 0);
        sgd.apply();                                        // rate 0.1 at step 0
        assertEquals(-0.1, w.getDouble(0), 1e-17);
        assertEquals(0.05, sgd.learningRate(), 1e-17);
        sgd.apply();                                        // rate 0.05 at step 1
        assertEquals(-0.15, w.getDouble(0), 1e-16);
        sgd.setLearningRate(0.01);                          // a constant from now on
        sgd.apply();
        assertEquals(-0.16, w.getDouble(0), 1e-16);
        assertEquals(null, sgd.schedule());
    }

    @Test
    void configsRoundTripThroughTheRegistry() {
        List<LearningRateSchedule> schedules = List.of(new ExponentialDecay(0.1, 1000, 0.96, true),
                new InverseTimeDecay(0.1, 10, 0.5, false),
                new PiecewiseConstantDecay(new long[] {100, 200}, new double[] {0.1, 0.01, 0.001}),
                new CosineDecay(0.1, 1000, 0.2), new CosineDecay(0.0, 1000, 0.1, 0.1, 500));
        for (LearningRateSchedule schedule : schedules) {
            LearningRateSchedule again = Registry.SCHEDULES.create(schedule.name(), schedule.config());
            assertEquals(schedule.getClass(), again.getClass());
            assertEquals(schedule.config(), again.config());
            for (long step : new long[] {0, 1, 99, 100, 101, 250, 700, 2000}) {
                assertEquals(schedule.rate(step), again.rate(step), 0, schedule + " at " + step);
            }
        }
        assertEquals(List.of("ExponentialDecay", "PiecewiseConstantDecay", "InverseTimeDecay", "CosineDecay"),
                Registry.SCHEDULES.names());
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        assertMessage("decaySteps must be > 0, got 0", () -> new ExponentialDecay(0.1, 0, 0.96, false));
        assertMessage("decaySteps must be > 0, got -5", () -> new InverseTimeDecay(0.1, -5, 0.96, false));
        assertMessage("decaySteps must be > 0, got 0", () -> new CosineDecay(0.1, 0));
        assertMessage("initialLearningRate must be a positive finite number, got -0.1",
                () -> new ExponentialDecay(-0.1, 10, 0.96, false));
        assertMessage("decayRate must be a positive finite number, got 0.0", () -> new ExponentialDecay(0.1, 10, 0, false));
        assertMessage("alpha must be in [0, 1], got 1.5", () -> new CosineDecay(0.1, 10, 1.5));
        assertMessage("one more value than boundaries, got 2 boundaries and 2 values",
                () -> new PiecewiseConstantDecay(new long[] {1, 2}, new double[] {0.1, 0.2}));
        assertMessage("boundaries must increase, got [5, 5]",
                () -> new PiecewiseConstantDecay(new long[] {5, 5}, new double[] {0.1, 0.2, 0.3}));
        assertMessage("'decaySteps' must be an integer in [1, ", () -> Registry.SCHEDULES.create("ExponentialDecay",
                Map.of("initialLearningRate", 0.1, "decaySteps", 0, "decayRate", 0.5)));
    }

    static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' should contain '" + expectedPart + "'");
    }
}
