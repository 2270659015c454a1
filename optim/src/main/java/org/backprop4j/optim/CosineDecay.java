package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;

/**
 * Keras' {@code CosineDecay}, with its optional linear warm-up. Without warm-up, after {@code step}
 * earlier updates:
 * <pre>
 *   s = min(step, decaySteps)
 *   rate = initialLearningRate * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)
 * </pre>
 * so the rate falls from the initial rate to {@code alpha * initialLearningRate} over decaySteps.
 * With a warm-up target: for {@code step < warmupSteps} the rate rises linearly from the initial rate
 * to {@code warmupTarget}, then decays from {@code warmupTarget} as above over
 * {@code step - warmupSteps} (step capped at {@code decaySteps + warmupSteps}).
 */
public final class CosineDecay implements LearningRateSchedule {

    private final double initialLearningRate;
    private final long decaySteps;
    private final double alpha;
    private final Double warmupTarget;
    private final long warmupSteps;

    /** {@code CosineDecay(initial_learning_rate, decay_steps)}: alpha 0, no warm-up. */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0.0, null, 0);
    }

    /** {@code CosineDecay(initial_learning_rate, decay_steps, alpha)}, no warm-up. */
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha) {
        this(initialLearningRate, decaySteps, alpha, null, 0);
    }

    /**
     * {@code CosineDecay(initial_learning_rate, decay_steps, alpha, warmup_target, warmup_steps)}.
     *
     * @param warmupTarget the rate reached after the warm-up, or null for no warm-up
     * @throws IllegalArgumentException if {@code decaySteps <= 0}, {@code warmupSteps < 0}, alpha is
     *         outside [0, 1], or a rate is negative or not finite
     */
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget, long warmupSteps) {
        if (!(initialLearningRate >= 0) || Double.isInfinite(initialLearningRate)) {
            throw new IllegalArgumentException("CosineDecay initialLearningRate must be a finite number >= 0, got "
                    + initialLearningRate);
        }
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("CosineDecay decaySteps must be > 0, got " + decaySteps);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("CosineDecay alpha must be in [0, 1], got " + alpha);
        }
        if (warmupTarget != null && (!(warmupTarget >= 0) || warmupTarget.isInfinite())) {
            throw new IllegalArgumentException("CosineDecay warmupTarget must be a finite number >= 0, got " + warmupTarget);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("CosineDecay warmupSteps must be >= 0, got " + warmupSteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.alpha = alpha;
        this.warmupTarget = warmupTarget;
        this.warmupSteps = warmupSteps;
    }

    /**
     * From {@code {"initialLearningRate", "decaySteps", "alpha", "warmupTarget", "warmupSteps"}}, as
     * {@link #config()} writes it (alpha, warmupTarget and warmupSteps may be missing).
     */
    public static CosineDecay fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "CosineDecay", List.of("initialLearningRate", "decaySteps"),
                List.of("alpha", "warmupTarget", "warmupSteps"));
        Double target = config.get("warmupTarget") == null ? null : Config.number(config, "warmupTarget");
        return new CosineDecay(Config.number(config, "initialLearningRate"),
                Config.integer(config, "decaySteps", 1, Long.MAX_VALUE),
                config.containsKey("alpha") ? Config.number(config, "alpha") : 0.0, target,
                config.containsKey("warmupSteps") ? Config.integer(config, "warmupSteps", 0, Long.MAX_VALUE) : 0);
    }

    @Override
    public double rate(long step) {
        if (warmupTarget == null) {
            return decayed(Math.min(step, decaySteps), initialLearningRate);
        }
        double capped = Math.min(step, decaySteps + warmupSteps);
        if (capped < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (capped / warmupSteps) + initialLearningRate;
        }
        return decayed(capped - warmupSteps, warmupTarget);
    }

    private double decayed(double step, double from) {
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * (step / decaySteps)));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initialLearningRate", initialLearningRate);
        config.put("decaySteps", decaySteps);
        config.put("alpha", alpha);
        config.put("warmupTarget", warmupTarget);
        config.put("warmupSteps", warmupSteps);
        return config;
    }

    @Override
    public String toString() {
        return "CosineDecay" + config();
    }
}
