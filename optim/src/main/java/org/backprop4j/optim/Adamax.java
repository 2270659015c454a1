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
 * Adamax (Adam with the infinity norm) with Keras 3's update rule ({@code keras/src/optimizers/adamax.py}).
 * For every weight {@code w} with gradient {@code g}, at step {@code t = iterations + 1} and learning
 * rate {@code lr}:
 * <pre>
 *   m = m + (g - m) * (1 - beta1)                       slot "momentum"
 *   u = max(beta2 * u, |g|)                             slot "norm" (the decayed infinity norm)
 *   w = w - (lr * m) / ((1 - beta1^t) * (u + epsilon))
 * </pre>
 * Every slot has its weight's shape and starts at zero. One pass over the arrays per weight
 * ({@link ElementLoop}), in Keras' order of operations.
 */
public class Adamax extends Optimizer {

    /** Keras' defaults. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** Keras' {@code Adamax()}: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. */
    public Adamax() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code Adamax(learning_rate=learningRate)} with the other defaults. */
    public Adamax(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** {@code Adamax(learning_rate=schedule)} with the other defaults. */
    public Adamax(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * {@code Adamax(learning_rate, beta_1, beta_2, epsilon)}.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or a beta is outside [0, 1)
     */
    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = ElementLoop.unitInterval("Adamax", "beta1", beta1);
        this.beta2 = ElementLoop.unitInterval("Adamax", "beta2", beta2);
        this.epsilon = ElementLoop.positive("Adamax", "epsilon", epsilon);
    }

    /** As {@link #Adamax(double, double, double, double)} with the rate following {@code schedule}. */
    public Adamax(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        super(schedule);
        this.beta1 = ElementLoop.unitInterval("Adamax", "beta1", beta1);
        this.beta2 = ElementLoop.unitInterval("Adamax", "beta2", beta2);
        this.epsilon = ElementLoop.positive("Adamax", "epsilon", epsilon);
    }

    /**
     * From {@code {"learningRate", "beta1", "beta2", "epsilon"}} and the base options, as
     * {@link #config()} writes them; a missing key takes Keras' default.
     */
    public static Adamax fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Adamax", List.of(), withOptionKeys("learningRate", "beta1", "beta2", "epsilon"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double beta1 = config.containsKey("beta1") ? Config.number(config, "beta1") : DEFAULT_BETA1;
        double beta2 = config.containsKey("beta2") ? Config.number(config, "beta2") : DEFAULT_BETA2;
        double epsilon = config.containsKey("epsilon") ? Config.number(config, "epsilon") : DEFAULT_EPSILON;
        if (schedule != null) {
            return withOptions(new Adamax(schedule, beta1, beta2, epsilon), config);
        }
        double rate = config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE;
        return withOptions(new Adamax(rate, beta1, beta2, epsilon), config);
    }

    @Override
    protected void build() {
        addSlot("momentum", 0.0);
        addNonNegativeSlot("norm", 0.0);
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        double step = iterations() + 1;
        double correction = 1 - Math.pow(beta1, step);
        double oneMinusBeta1 = 1 - beta1;
        ElementLoop loop = new ElementLoop(value, gradient, slot("momentum", index), slot("norm", index));
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values mv = loop.values(2);
        Values uv = loop.values(3);
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double m = mv.get(i) + (g - mv.get(i)) * oneMinusBeta1;   // m += (g - m)(1 - beta1)
            double u = Math.max(beta2 * uv.get(i), Math.abs(g));      // u = max(beta2 u, |g|)
            mv.set(i, m);
            uv.set(i, u);
            wv.set(i, wv.get(i) - (learningRate * m) / (correction * (u + epsilon)));
        }
        loop.writeBack();
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

    /** The first-moment decay. */
    public double beta1() {
        return beta1;
    }

    /** The decay of the infinity norm. */
    public double beta2() {
        return beta2;
    }

    /** The constant added to the norm. */
    public double epsilon() {
        return epsilon;
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this Adamax. */
    @Override
    public Adamax weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this Adamax. */
    @Override
    public Adamax clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this Adamax. */
    @Override
    public Adamax clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this Adamax. */
    @Override
    public Adamax globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

}
