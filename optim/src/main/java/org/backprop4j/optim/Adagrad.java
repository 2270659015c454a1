package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adagrad with Keras 3's update rule ({@code keras/src/optimizers/adagrad.py}). For every weight
 * {@code w} with gradient {@code g} and learning rate {@code lr}:
 * <pre>
 *   acc = acc + g^2                              (slot "accumulator", starts at initialAccumulatorValue)
 *   w   = w - lr * g / sqrt(acc + epsilon)
 * </pre>
 * Each weight's step shrinks as its squared gradients add up.
 */
public class Adagrad extends Optimizer {

    /** Keras' defaults. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0.1;
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double initialAccumulatorValue;
    private final double epsilon;

    /** Keras' {@code Adagrad()}: learning rate 0.001, initial accumulator 0.1, epsilon 1e-7. */
    public Adagrad() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code Adagrad(learning_rate=learningRate)} with the other defaults. */
    public Adagrad(double learningRate) {
        this(learningRate, DEFAULT_INITIAL_ACCUMULATOR_VALUE, DEFAULT_EPSILON);
    }

    /** {@code Adagrad(learning_rate=schedule)} with the other defaults. */
    public Adagrad(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_INITIAL_ACCUMULATOR_VALUE, DEFAULT_EPSILON);
    }

    /**
     * {@code Adagrad(learning_rate, initial_accumulator_value, epsilon)}.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or the initial accumulator value is negative or not finite
     */
    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super(learningRate);
        this.initialAccumulatorValue = checkInitial(initialAccumulatorValue);
        this.epsilon = ElementLoop.positive("Adagrad", "epsilon", epsilon);
    }

    /** As {@link #Adagrad(double, double, double)} with the rate following {@code schedule}. */
    public Adagrad(LearningRateSchedule schedule, double initialAccumulatorValue, double epsilon) {
        super(schedule);
        this.initialAccumulatorValue = checkInitial(initialAccumulatorValue);
        this.epsilon = ElementLoop.positive("Adagrad", "epsilon", epsilon);
    }

    private static double checkInitial(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Adagrad initialAccumulatorValue must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /**
     * From {@code {"learningRate", "initialAccumulatorValue", "epsilon"}}, as {@link #config()}
     * writes it; a missing key takes Keras' default.
     */
    public static Adagrad fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Adagrad", List.of(), withOptionKeys("learningRate", "initialAccumulatorValue", "epsilon"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double initial = config.containsKey("initialAccumulatorValue")
                ? Config.number(config, "initialAccumulatorValue") : DEFAULT_INITIAL_ACCUMULATOR_VALUE;
        double epsilon = config.containsKey("epsilon") ? Config.number(config, "epsilon") : DEFAULT_EPSILON;
        if (schedule != null) {
            return withOptions(new Adagrad(schedule, initial, epsilon), config);
        }
        double rate = config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE;
        return withOptions(new Adagrad(rate, initial, epsilon), config);
    }

    @Override
    protected void build() {
        addNonNegativeSlot("accumulator", initialAccumulatorValue);
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        ElementLoop loop = new ElementLoop(value, gradient, slot("accumulator", index));
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values accv = loop.values(2);
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double accumulator = accv.get(i) + g * g;                              // acc += g^2
            accv.set(i, accumulator);
            wv.set(i, wv.get(i) - (learningRate * g) / Math.sqrt(accumulator + epsilon));
        }
        loop.writeBack();
    }

    /** {@code {"initialAccumulatorValue", "epsilon"}}, saved beside the learning rate. */
    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initialAccumulatorValue", initialAccumulatorValue);
        config.put("epsilon", epsilon);
        return config;
    }

    /** The accumulator's starting value. */
    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    /** The constant inside the square root. */
    public double epsilon() {
        return epsilon;
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this Adagrad. */
    @Override
    public Adagrad weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this Adagrad. */
    @Override
    public Adagrad clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this Adagrad. */
    @Override
    public Adagrad clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this Adagrad. */
    @Override
    public Adagrad globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }
}
