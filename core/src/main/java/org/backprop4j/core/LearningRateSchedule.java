package org.backprop4j.core;


/**
 * A learning rate that depends on the optimizer's step count, as Keras'
 * {@code LearningRateSchedule}: accepted by every optimizer wherever a learning rate is. The
 * optimizer evaluates it at its step count before each update (0 for the first step).
 * Built-ins live in the {@code optim} module; a new one is one class plus
 * {@code Registry.SCHEDULES.register("Name", MySchedule.class, MySchedule::fromConfig)}.
 *
 * <p>Threads: implementations must be immutable: the optimizer calls them on the training thread
 * while {@code save} may read their config on another.
 */
public interface LearningRateSchedule extends Component {

    /** The registered name, e.g. {@code "ExponentialDecay"} (the class name while unregistered). */
    default String name() {
        return ComponentLookup.nameOrClass(LearningRateSchedule.class, this);
    }

    /** The learning rate for the update that follows {@code step} earlier updates. */
    double rate(long step);

}
