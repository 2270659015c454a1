package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;

/**
 * Keras' {@code InverseTimeDecay}: the learning rate for the update after {@code step} earlier ones is
 * <pre>
 *   initialLearningRate / (1 + decayRate * step / decaySteps)    (staircase: step / decaySteps floored)
 * </pre>
 */
public final class InverseTimeDecay implements LearningRateSchedule {

    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private final boolean staircase;

    /**
     * @throws IllegalArgumentException if {@code decaySteps <= 0}, the initial rate is not a
     *         positive finite number, or the decay rate is negative or not finite
     */
    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
        if (!(initialLearningRate > 0) || Double.isInfinite(initialLearningRate)) {
            throw new IllegalArgumentException("InverseTimeDecay initialLearningRate must be a positive finite number, got "
                    + initialLearningRate);
        }
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("InverseTimeDecay decaySteps must be > 0, got " + decaySteps);
        }
        if (!(decayRate >= 0) || Double.isInfinite(decayRate)) {
            throw new IllegalArgumentException("InverseTimeDecay decayRate must be a finite number >= 0, got " + decayRate);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
        this.staircase = staircase;
    }

    /** From {@code {"initialLearningRate", "decaySteps", "decayRate", "staircase"}}, as {@link #config()} writes it. */
    public static InverseTimeDecay fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "InverseTimeDecay", List.of("initialLearningRate", "decaySteps", "decayRate"),
                List.of("staircase"));
        return new InverseTimeDecay(Config.number(config, "initialLearningRate"),
                Config.integer(config, "decaySteps", 1, Long.MAX_VALUE), Config.number(config, "decayRate"),
                config.containsKey("staircase") && Config.bool(config, "staircase"));
    }

    @Override
    public double rate(long step) {
        double fraction = (double) step / decaySteps;
        if (staircase) {
            fraction = Math.floor(fraction);
        }
        return initialLearningRate / (1 + decayRate * fraction);
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
        return "InverseTimeDecay" + config();
    }
}
