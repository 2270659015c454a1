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
 * Lion (evolved sign momentum) with Keras 3's update rule ({@code keras/src/optimizers/lion.py}).
 * For every weight {@code w} with gradient {@code g} and learning rate {@code lr}:
 * <pre>
 *   w = w - lr * sign(m * beta1 + g * (1 - beta1))      m before this step; sign(0) = 0
 *   m = m * beta2 + g * (1 - beta2)                     slot "momentum"
 * </pre>
 * The slot has the weight's shape and starts at zero. Every element moves by exactly {@code lr} (or
 * not at all), so Lion is used with rates 3-10 times smaller than Adam's. One pass over the arrays
 * per weight ({@link ElementLoop}), in Keras' order of operations.
 */
public class Lion extends Optimizer {

    /** Keras' defaults. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.99;

    private final double beta1;
    private final double beta2;

    /** Keras' {@code Lion()}: learning rate 0.001, beta1 0.9, beta2 0.99. */
    public Lion() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code Lion(learning_rate=learningRate)} with the other defaults. */
    public Lion(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    /** {@code Lion(learning_rate=schedule)} with the other defaults. */
    public Lion(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    /**
     * {@code Lion(learning_rate, beta_1, beta_2)}.
     *
     * @throws IllegalArgumentException if the learning rate is not a positive finite number, beta1
     *         is outside (0, 1) (Keras refuses 0: Lion would degenerate to sign SGD) or beta2 is
     *         outside [0, 1)
     */
    public Lion(double learningRate, double beta1, double beta2) {
        super(learningRate);
        this.beta1 = checkBeta1(beta1);
        this.beta2 = ElementLoop.unitInterval("Lion", "beta2", beta2);
    }

    /** As {@link #Lion(double, double, double)} with the rate following {@code schedule}. */
    public Lion(LearningRateSchedule schedule, double beta1, double beta2) {
        super(schedule);
        this.beta1 = checkBeta1(beta1);
        this.beta2 = ElementLoop.unitInterval("Lion", "beta2", beta2);
    }

    private static double checkBeta1(double beta1) {
        if (!(beta1 > 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Lion beta1 must be in (0, 1), got " + beta1
                    + (beta1 == 0 ? " (with 0 Lion degenerates to sign SGD, which Keras refuses too)" : ""));
        }
        return beta1;
    }

    /**
     * From {@code {"learningRate", "beta1", "beta2"}} and the base options, as {@link #config()}
     * writes them; a missing key takes Keras' default.
     */
    public static Lion fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Lion", List.of(), withOptionKeys("learningRate", "beta1", "beta2"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double beta1 = config.containsKey("beta1") ? Config.number(config, "beta1") : DEFAULT_BETA1;
        double beta2 = config.containsKey("beta2") ? Config.number(config, "beta2") : DEFAULT_BETA2;
        if (schedule != null) {
            return withOptions(new Lion(schedule, beta1, beta2), config);
        }
        double rate = config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE;
        return withOptions(new Lion(rate, beta1, beta2), config);
    }

    @Override
    protected void build() {
        addSlot("momentum", 0.0);
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        double oneMinusBeta1 = 1.0 - beta1;
        double oneMinusBeta2 = 1.0 - beta2;
        ElementLoop loop = new ElementLoop(value, gradient, slot("momentum", index));
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values mv = loop.values(2);
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double m = mv.get(i);
            wv.set(i, wv.get(i) - learningRate * Math.signum(m * beta1 + g * oneMinusBeta1));
            mv.set(i, m * beta2 + g * oneMinusBeta2);
        }
        loop.writeBack();
    }

    /** {@code {"beta1", "beta2"}}, saved beside the learning rate. */
    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("beta1", beta1);
        config.put("beta2", beta2);
        return config;
    }

    /** The interpolation between momentum and gradient inside the sign. */
    public double beta1() {
        return beta1;
    }

    /** The momentum's decay. */
    public double beta2() {
        return beta2;
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this Lion. */
    @Override
    public Lion weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this Lion. */
    @Override
    public Lion clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this Lion. */
    @Override
    public Lion clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this Lion. */
    @Override
    public Lion globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

}
