package org.backprop4j.core.callbacks;

import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.TrainingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras' {@code ReduceLROnPlateau}: when a monitored quantity has not improved for {@code patience}
 * epochs, multiplies the learning rate by {@code factor} (never below {@code minLr}), then waits
 * {@code cooldown} epochs before counting again.
 *
 * <pre>{@code
 * new ReduceLROnPlateau("val_loss", 0.1, 10).minDelta(1e-4).cooldown(2).minLr(1e-6)
 * }</pre>
 *
 * <p>After each epoch with value {@code v}, as Keras: during a cooldown the counter goes down and
 * the wait is reset; an improvement ({@code v < best - minDelta} for mode "min") resets the wait;
 * otherwise, outside a cooldown, the wait grows, and when it reaches {@code patience} and the rate
 * is above {@code minLr}, the rate becomes {@code max(rate * factor, minLr)} and a cooldown starts.
 */
public final class ReduceLROnPlateau implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ReduceLROnPlateau.class);

    private Monitor monitor;
    private final double factor;
    private final int patience;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;

    private TrainingContext training;
    private double best;
    private int wait;
    private int cooldownCounter;

    /** Keras' defaults: monitor "val_loss", factor 0.1, patience 10. */
    public ReduceLROnPlateau() {
        this("val_loss", 0.1, 10);
    }

    /**
     * @param monitor the log key to watch, e.g. "val_loss"
     * @param factor the multiplier, in (0, 1)
     * @param patience epochs without improvement before reducing (0 or more)
     * @throws IllegalArgumentException for a blank monitor, a factor outside (0, 1) or a negative patience
     */
    public ReduceLROnPlateau(String monitor, double factor, int patience) {
        this.monitor = new Monitor("ReduceLROnPlateau", monitor, "auto");
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau factor must be in (0, 1) (the rate is multiplied by it), got "
                    + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau patience must be 0 or more, got " + patience);
        }
        this.factor = factor;
        this.patience = patience;
    }

    /** The smallest change that counts as an improvement (Keras' default 1e-4). */
    public ReduceLROnPlateau minDelta(double minDelta) {
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("ReduceLROnPlateau minDelta must be a finite number >= 0, got " + minDelta);
        }
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs to wait after a reduction before counting again (default 0). */
    public ReduceLROnPlateau cooldown(int cooldown) {
        if (cooldown < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau cooldown must be 0 or more, got " + cooldown);
        }
        this.cooldown = cooldown;
        return this;
    }

    /** The lowest rate a reduction goes to (default 0). */
    public ReduceLROnPlateau minLr(double minLr) {
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("ReduceLROnPlateau minLr must be a finite number >= 0, got " + minLr);
        }
        this.minLr = minLr;
        return this;
    }

    /** "min", "max" or "auto" (the default: "max" when the monitor contains "acc"). */
    public ReduceLROnPlateau mode(String mode) {
        this.monitor = monitor.withMode(mode);
        return this;
    }

    @Override
    public void onTrainBegin(TrainingContext training) {
        monitor.requireIn(training.logKeys());
        this.training = training;
        best = monitor.worst();
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double current = logs.get(monitor.key());
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.improves(current, best, minDelta)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience) {
                Optimizer optimizer = training.model().optimizer();
                double rate = optimizer.learningRate();
                if (rate > minLr) {
                    double reduced = Math.max(rate * factor, minLr);
                    if (reduced > 0) {
                        optimizer.setLearningRate(reduced);
                        log.info("ReduceLROnPlateau: epoch {}: {} did not improve for {} epoch(s); learning rate {} -> {}",
                                epoch, monitor.key(), wait, rate, reduced);
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }

    /** The best monitored value so far in the last fit. */
    public double best() {
        return best;
    }
}
