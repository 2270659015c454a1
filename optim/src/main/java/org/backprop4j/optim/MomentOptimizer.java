package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;

/**
 * What Keras' Adam-family optimizers with {@code beta_1}, {@code beta_2} and {@code epsilon} share
 * ({@link Adam} and so {@link AdamW}, {@link Adamax}, {@link Nadam}): the three numbers, checked once ({@code beta} in [0, 1),
 * {@code epsilon} positive and finite), saved beside the learning rate as
 * {@code {"beta1", "beta2", "epsilon"}}, and read back by {@code fromConfig} with Keras' defaults
 * (0.9, 0.999, 1e-7) for missing keys. A subclass declares its slots and writes its update rule.
 */
public abstract class MomentOptimizer extends Optimizer {

    /** Keras' defaults. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-7;

    /** Keras' beta_1: the first-moment decay. */
    protected final double beta1;
    /** Keras' beta_2: the decay of the second statistic (a second moment, or Adamax's infinity norm). */
    protected final double beta2;
    /** Keras' epsilon: added to the denominator. */
    protected final double epsilon;

    /**
     * Checks the numbers; error messages name the optimizer's class.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or a beta is outside [0, 1)
     */
    protected MomentOptimizer(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = ElementLoop.unitInterval(getClass().getSimpleName(), "beta1", beta1);
        this.beta2 = ElementLoop.unitInterval(getClass().getSimpleName(), "beta2", beta2);
        this.epsilon = ElementLoop.positive(getClass().getSimpleName(), "epsilon", epsilon);
    }

    /** As {@link #MomentOptimizer(double, double, double, double)} with the rate following {@code schedule}. */
    protected MomentOptimizer(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        super(schedule);
        this.beta1 = ElementLoop.unitInterval(getClass().getSimpleName(), "beta1", beta1);
        this.beta2 = ElementLoop.unitInterval(getClass().getSimpleName(), "beta2", beta2);
        this.epsilon = ElementLoop.positive(getClass().getSimpleName(), "epsilon", epsilon);
    }

    /** The arguments of a constructor: a fixed learning rate or a schedule, then beta1, beta2, epsilon. */
    protected interface Constructor<T> {
        T create(Object rate, double beta1, double beta2, double epsilon);
    }

    /**
     * An optimizer from {@code {"learningRate", "beta1", "beta2", "epsilon"}} and the base options, as
     * {@link #config()} writes them; a missing key takes Keras' default. {@code create} gets a
     * {@code Double} learning rate or a {@link LearningRateSchedule}.
     */
    protected static <T extends MomentOptimizer> T fromConfig(Map<String, Object> config, String name,
                                                              Constructor<T> create) {
        Config.requireKeys(config, name, List.of(), withOptionKeys("learningRate", "beta1", "beta2", "epsilon"));
        LearningRateSchedule schedule = scheduleFrom(config);
        BiFunction<String, Double, Double> number = (key, fallback) ->
                config.containsKey(key) ? Config.number(config, key) : fallback;
        Object rate = schedule != null ? schedule : number.apply("learningRate", DEFAULT_LEARNING_RATE);
        return withOptions(create.create(rate, number.apply("beta1", DEFAULT_BETA1), number.apply("beta2", DEFAULT_BETA2),
                number.apply("epsilon", DEFAULT_EPSILON)), config);
    }

    /** {@code {"beta1", "beta2", "epsilon"}}, saved beside the learning rate. */
    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("beta1", beta1);
        config.put("beta2", beta2);
        config.put("epsilon", epsilon);
        return config;
    }

    /** Keras' beta_1: the first-moment decay. */
    public double beta1() {
        return beta1;
    }

    /** Keras' beta_2: the decay of the second statistic. */
    public double beta2() {
        return beta2;
    }

    /** Keras' epsilon. */
    public double epsilon() {
        return epsilon;
    }
}
