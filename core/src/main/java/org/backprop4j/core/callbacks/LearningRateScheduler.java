package org.backprop4j.core.callbacks;

import java.util.function.IntToDoubleFunction;

import org.backprop4j.core.Callback;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.TrainingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras' {@code LearningRateScheduler}: before each epoch, sets the optimizer's learning rate to
 * {@code schedule(epoch, currentRate)}, with epochs counted from 0 as in Keras:
 *
 * <pre>{@code
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * 0.9)
 * }</pre>
 *
 * The new rate replaces any {@link org.backprop4j.core.LearningRateSchedule} from then on
 * ({@link Optimizer#setLearningRate}).
 */
public final class LearningRateScheduler implements Callback {

    private static final Logger log = LoggerFactory.getLogger(LearningRateScheduler.class);

    /** The rate for a 0-based epoch, given the rate now. */
    @FunctionalInterface
    public interface Schedule {
        /** The learning rate for {@code epoch} (0-based), given the current one. */
        double rate(int epoch, double currentRate);
    }

    private final Schedule schedule;
    private TrainingContext training;

    /**
     * @throws IllegalArgumentException for a null schedule
     */
    public LearningRateScheduler(Schedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("LearningRateScheduler needs a schedule, got null");
        }
        this.schedule = schedule;
    }

    /** A schedule of the epoch alone (0-based), as Keras' one-argument form. */
    public LearningRateScheduler(IntToDoubleFunction schedule) {
        this(schedule == null ? null : (Schedule) (epoch, current) -> schedule.applyAsDouble(epoch));
    }

    @Override
    public void onTrainBegin(TrainingContext training) {
        this.training = training;
    }

    /**
     * @throws IllegalStateException if the schedule returns a rate that is not a positive finite number
     */
    @Override
    public void onEpochBegin(int epoch) {
        Optimizer optimizer = training.model().optimizer();
        double rate = schedule.rate(epoch - 1, optimizer.learningRate());
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("LearningRateScheduler: the schedule returned " + rate + " for epoch "
                    + (epoch - 1) + " (0-based); a learning rate must be a positive finite number");
        }
        optimizer.setLearningRate(rate);
        log.debug("epoch {}: learning rate {}", epoch, rate);
    }
}
