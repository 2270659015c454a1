package org.backprop4j.optim;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;

/**
 * AdamW: Adam with decoupled weight decay, as Keras 3's {@code AdamW} ({@code keras/src/optimizers/adamw.py}),
 * which is Adam with the base optimizer's {@code weight_decay} set (default 0.004). For every
 * trainable weight {@code w} with gradient {@code g}, at step {@code t = iterations + 1} and
 * learning rate {@code lr}, in this order:
 * <pre>
 *   w     = w - w * weightDecay * lr                     the decay, before Adam's rule
 *   alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 *   m     = m + (g - m) * (1 - beta1);   v = v + (g^2 - v) * (1 - beta2)
 *   w     = w - (m * alpha) / (sqrt(v) + epsilon)
 * </pre>
 * The update is {@link Adam}'s (its FLOAT loop and SIMD twin included); the decay is the base
 * optimizer's, so {@link #weightDecay(double)} replaces the constructor's value, and the config
 * holds it once, as {@code "weightDecay"}. Slots as Adam's.
 */
public class AdamW extends Adam {

    /** Keras' default weight decay for AdamW. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.004;

    /** Keras' {@code AdamW()}: learning rate 0.001, weight decay 0.004, Adam's other defaults. */
    public AdamW() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_WEIGHT_DECAY);
    }

    /** {@code AdamW(learning_rate=learningRate)}, weight decay 0.004. */
    public AdamW(double learningRate) {
        this(learningRate, DEFAULT_WEIGHT_DECAY);
    }

    /** {@code AdamW(learning_rate=schedule)}, weight decay 0.004. */
    public AdamW(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_WEIGHT_DECAY);
    }

    /**
     * {@code AdamW(learning_rate, weight_decay)} with Adam's other defaults.
     *
     * @throws IllegalArgumentException if the learning rate is not a positive finite number or the
     *         weight decay is negative or not finite
     */
    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, false);
    }

    /** As {@link #AdamW(double, double)} with the rate following {@code schedule}. */
    public AdamW(LearningRateSchedule schedule, double weightDecay) {
        this(schedule, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, false);
    }

    /**
     * {@code AdamW(learning_rate, weight_decay, beta_1, beta_2, epsilon, amsgrad)}.
     *
     * @throws IllegalArgumentException as {@link Adam#Adam(double, double, double, double, boolean)},
     *         or if the weight decay is negative or not finite
     */
    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate, beta1, beta2, epsilon, amsgrad);
        weightDecay(weightDecay);
    }

    /** As {@link #AdamW(double, double, double, double, double, boolean)} with the rate following {@code schedule}. */
    public AdamW(LearningRateSchedule schedule, double weightDecay, double beta1, double beta2, double epsilon,
                 boolean amsgrad) {
        super(schedule, beta1, beta2, epsilon, amsgrad);
        weightDecay(weightDecay);
    }

    /**
     * From {@code {"learningRate", "weightDecay", "beta1", "beta2", "epsilon", "amsgrad"}} and the
     * clip options, as {@link #config()} writes them; a missing key takes Keras' default.
     */
    public static AdamW fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "AdamW", List.of(), withOptionKeys("learningRate", "beta1", "beta2", "epsilon", "amsgrad"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double weightDecay = config.containsKey("weightDecay") ? Config.number(config, "weightDecay") : DEFAULT_WEIGHT_DECAY;
        double beta1 = config.containsKey("beta1") ? Config.number(config, "beta1") : DEFAULT_BETA1;
        double beta2 = config.containsKey("beta2") ? Config.number(config, "beta2") : DEFAULT_BETA2;
        double epsilon = config.containsKey("epsilon") ? Config.number(config, "epsilon") : DEFAULT_EPSILON;
        boolean amsgrad = config.containsKey("amsgrad") && Config.bool(config, "amsgrad");
        if (schedule != null) {
            return withOptions(new AdamW(schedule, weightDecay, beta1, beta2, epsilon, amsgrad), config);
        }
        double rate = config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE;
        return withOptions(new AdamW(rate, weightDecay, beta1, beta2, epsilon, amsgrad), config);
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this AdamW. */
    @Override
    public AdamW weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this AdamW. */
    @Override
    public AdamW clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this AdamW. */
    @Override
    public AdamW clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this AdamW. */
    @Override
    public AdamW globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

}
