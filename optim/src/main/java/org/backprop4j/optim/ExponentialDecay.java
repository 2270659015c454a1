package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;

/**
 * Keras' {@code ExponentialDecay}: the learning rate for the update after {@code step} earlier ones is
 * <pre>
 *   initialLearningRate * decayRate^(step / decaySteps)          (staircase: the exponent floored)
 * </pre>
 * e.g. {@code new ExponentialDecay(0.1, 1000, 0.96, false)} multiplies the rate by 0.96 every 1000
 * steps, smoothly; with {@code staircase} it drops in steps.
 */
public final class ExponentialDecay implements LearningRateSchedule {

    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private final boolean staircase;

    /**
     * @throws IllegalArgumentException if {@code decaySteps <= 0}, or the initial rate or decay rate is
     *         not a positive finite number
     */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
        if (!(initialLearningRate > 0) || Double.isInfinite(initialLearningRate)) {
            throw new IllegalArgumentException("ExponentialDecay initialLearningRate must be a positive finite number, got "
                    + initialLearningRate);
        }
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("ExponentialDecay decaySteps must be > 0, got " + decaySteps);
        }
        if (!(decayRate > 0) || Double.isInfinite(decayRate)) {
            throw new IllegalArgumentException("ExponentialDecay decayRate must be a positive finite number, got " + decayRate);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
        this.staircase = staircase;
    }

    /** From {@code {"initialLearningRate", "decaySteps", "decayRate", "staircase"}}, as {@link #config()} writes it. */
    public static ExponentialDecay fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "ExponentialDecay", List.of("initialLearningRate", "decaySteps", "decayRate"),
                List.of("staircase"));
        return new ExponentialDecay(Config.number(config, "initialLearningRate"),
                Config.integer(config, "decaySteps", 1, Long.MAX_VALUE), Config.number(config, "decayRate"),
                config.containsKey("staircase") && Config.bool(config, "staircase"));
    }

    @Override
    public double rate(long step) {
        double exponent = (double) step / decaySteps;
        if (staircase) {
            exponent = Math.floor(exponent);
        }
        return initialLearningRate * Math.pow(decayRate, exponent);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initialLearningRate", initialLearningRate);
        config.put("decaySteps", decaySteps);
        config.put("decayRate", decayRate);
        config.put("staircase", staircase);
        return config;
    }

    @Override
    public String toString() {
        return "ExponentialDecay" + config();
    }
}
