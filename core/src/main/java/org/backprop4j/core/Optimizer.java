package org.backprop4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns gradients into weight updates. As Keras 3's optimizers, the work is split in two:
 * <ul>
 *   <li>this base class owns what every optimizer has: the learning rate or
 *       {@link LearningRateSchedule}, the step count ({@link #iterations()}), the per-parameter
 *       slots (momentum, moving averages), the binding to one model, and saving and restoring all
 *       of it;</li>
 *   <li>a concrete optimizer declares its slots in {@link #build()} with {@link #addSlot} and
 *       writes only its update rule, {@link #updateStep}, for one parameter.</li>
 * </ul>
 *
 * <p>One step ({@link #apply()}): {@code lr = schedule(iterations)}; the gradients are clipped and
 * the weights decay if Keras' base options say so ({@link #clipvalue}, {@link #clipnorm} or
 * {@link #globalClipnorm}, then {@link #weightDecay}: {@code w -= w * weightDecay * lr});
 * {@link #beforeUpdates(double)} (once per step: Nadam's running product of momentum factors, for
 * instance); for every parameter {@code updateStep(i, value, gradient, lr)}; then
 * {@code iterations += 1}. A schedule that gives a
 * rate that is not finite stops this before any parameter changes ({@code fit} then stops with
 * {@code NON_FINITE}), and the step count stays at most {@link #MAX_ITERATIONS}. Besides the slots, an
 * optimizer may keep named scalars ({@link #addScalar}, {@link #scalar}, {@link #setScalar}), saved
 * and restored with the slots.
 *
 * <p>Saving: {@link #config()} holds the learning rate (a number, or a schedule's name and config)
 * and the subclass's {@link #hyperParameters()}; {@link #state()} holds every slot array. The
 * registered factory rebuilds the optimizer from the config; {@link #restoreState} puts the step
 * count and slots back, so training continues bit-identically after loading.
 *
 * <p>One optimizer instance serves one model: compiling it into a second model is an error.
 *
 * <p>Threads: not thread-safe by itself: an optimizer belongs to one model ({@link #bind} refuses a
 * second), whose training thread alone calls {@link #apply}; {@link Sequential} makes each step
 * atomic for concurrent {@code predict} and {@code save}.
 */
public abstract class Optimizer implements Component {

    /**
     * The largest step count an optimizer keeps (2^53): every count up to it is exact as a double
     * (schedules and bias corrections compute with it), and counting on from it cannot overflow.
     */
    public static final long MAX_ITERATIONS = 1L << 53;

    private LearningRateSchedule schedule;
    private double constantRate;
    private long iterations;
    private Object owner;
    private List<Parameter> parameters = List.of();
    private final Map<String, List<INDArray>> slots = new LinkedHashMap<>();
    /** Slots that hold sums or averages of squares, never negative (a restored negative one is refused). */
    private final java.util.Set<String> nonNegativeSlots = new java.util.HashSet<>();
    private final Map<String, INDArray> scalars = new LinkedHashMap<>();
    private final OptimizerOptions options = new OptimizerOptions();

    /**
     * @throws IllegalArgumentException if the learning rate is not a positive finite number
     */
    protected Optimizer(double learningRate) {
        this.constantRate = checkRate(learningRate);
    }

    /** An optimizer whose learning rate follows {@code schedule}. */
    protected Optimizer(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the learning-rate schedule must not be null");
        }
        this.schedule = schedule;
    }

    private double checkRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " learning rate must be a positive finite number, got " + learningRate);
        }
        return learningRate;
    }

    /** The registered name, e.g. {@code "sgd"} (the class name while unregistered). */
    public String name() {
        return ComponentLookup.nameOrClass(Optimizer.class, this);
    }

    // ---- what a concrete optimizer writes -------------------------------------------------------

    /** Declares the slots with {@link #addSlot}; called by {@link #bind} once the parameters are known. */
    protected void build() {
    }

    /**
     * Updates one parameter in place.
     *
     * @param index the parameter's position, for {@link #slot(String, int)}
     * @param value the weights (updated in place)
     * @param gradient {@code dL/dvalue}, same shape
     * @param learningRate the rate for this step (the schedule's value at {@link #iterations()})
     */
    protected abstract void updateStep(int index, INDArray value, INDArray gradient, double learningRate);

    /**
     * Called once per step, before the parameters' updates, with the step's learning rate: the place
     * for what a step computes once for all parameters (Keras' optimizers do it in {@code apply}).
     * {@link #iterations()} is still the number of earlier steps. Nothing by default.
     */
    protected void beforeUpdates(double learningRate) {
    }

    /**
     * Adds a named scalar of state (e.g. Nadam's {@code u_product}), starting at {@code initialValue},
     * saved and restored with the slots; call from {@link #build()}.
     */
    protected final void addScalar(String scalarName, double initialValue) {
        if (scalarName.contains("/")) {
            throw new IllegalArgumentException("a scalar's name has no '/', got " + scalarName);
        }
        scalars.put(scalarName, Nd4j.createFromArray(initialValue));
    }

    /** The current value of the scalar {@code scalarName}. */
    protected final double scalar(String scalarName) {
        return scalarArray(scalarName).getDouble(0);
    }

    /** Sets the scalar {@code scalarName}. */
    protected final void setScalar(String scalarName, double value) {
        scalarArray(scalarName).putScalar(0, value);
    }

    private INDArray scalarArray(String scalarName) {
        INDArray array = scalars.get(scalarName);
        if (array == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no scalar '" + scalarName + "'");
        }
        return array;
    }

    /** The subclass's own settings (e.g. {@code momentum}), saved beside the learning rate. */
    protected abstract Map<String, Object> hyperParameters();

    /** Adds a slot: one array per parameter, of its shape and type, filled with {@code initialValue}. */
    protected final void addSlot(String slotName, double initialValue) {
        List<INDArray> arrays = new ArrayList<>();
        for (Parameter parameter : parameters) {
            arrays.add(Nd4j.valueArrayOf(parameter.shape(), initialValue, parameter.value().dataType()));
        }
        slots.put(slotName, arrays);
    }

    /**
     * As {@link #addSlot}, for a slot that accumulates squares (a second moment, Adagrad's
     * accumulator): {@link #restoreState} refuses a negative value in it, which the update rule
     * would turn into a NaN (square root) or silently wrong steps.
     */
    protected final void addNonNegativeSlot(String slotName, double initialValue) {
        if (!(initialValue >= 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " slot '" + slotName
                    + "' accumulates squares: its initial value must be >= 0, got " + initialValue);
        }
        addSlot(slotName, initialValue);
        nonNegativeSlots.add(slotName);
    }

    /** The slot array {@code slotName} of parameter {@code index}. */
    protected final INDArray slot(String slotName, int index) {
        List<INDArray> arrays = slots.get(slotName);
        if (arrays == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no slot '" + slotName + "'");
        }
        return arrays.get(index);
    }

    // ---- managed by the model -------------------------------------------------------------------

    /**
     * Binds this optimizer to a model's parameters, with fresh slots and a step count of 0 (called by
     * {@code compile}).
     *
     * @param model the model; binding to another model later is an error
     * @throws IllegalStateException if this optimizer already serves another model
     */
    public final void bind(Object model, List<Parameter> parameters) {
        if (owner != null && owner != model) {
            throw new IllegalStateException(getClass().getSimpleName() + " is already compiled into another model;"
                    + " one optimizer instance serves one model: create a new one (e.g. new "
                    + getClass().getSimpleName() + "(...)) for this model");
        }
        owner = model;
        this.parameters = List.copyOf(parameters);
        slots.clear();
        nonNegativeSlots.clear();
        scalars.clear();
        iterations = 0;
        build();
    }

    /**
     * One update of every bound parameter from its gradient; counts the step.
     *
     * @throws IllegalStateException if the learning-rate schedule gives a rate that is not finite
     *         for this step (nothing is updated; {@code fit} checks first and stops as NON_FINITE)
     */
    public final void apply() {
        double rate = learningRate();
        if (!Double.isFinite(rate)) {
            throw new IllegalStateException(getClass().getSimpleName() + ": the learning-rate schedule gives " + rate
                    + " for step " + iterations + "; no step was taken");
        }
        options.clip(parameters);
        options.decay(parameters, rate);
        beforeUpdates(rate);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            updateStep(i, parameter.value(), parameter.gradient(), rate);
        }
        iterations++;
    }

    /** The number of updates made since {@code compile}. */
    public final long iterations() {
        return iterations;
    }

    /** The learning rate the next step will use. */
    public final double learningRate() {
        return schedule == null ? constantRate : schedule.rate(iterations);
    }

    /**
     * Uses {@code learningRate} from now on, replacing any schedule (as callbacks such as
     * ReduceLROnPlateau do).
     *
     * @throws IllegalArgumentException if it is not a positive finite number
     */
    public final void setLearningRate(double learningRate) {
        constantRate = checkRate(learningRate);
        schedule = null;
    }

    /** The schedule, or null when the learning rate is a constant. */
    public final LearningRateSchedule schedule() {
        return schedule;
    }

    // ---- Keras' base-optimizer options (a subclass overrides each setter to return its own type) --

    /**
     * Keras' {@code weight_decay}: every trainable weight decays by {@code w -= w * weightDecay * lr}
     * each step, after clipping and before the update rule (0 or never set: none).
     *
     * @throws IllegalArgumentException if {@code weightDecay} is negative or not finite
     */
    public Optimizer weightDecay(double weightDecay) {
        options.setWeightDecay(getClass().getSimpleName(), weightDecay);
        return this;
    }

    /**
     * Keras' {@code clipnorm}: each weight's gradient is scaled to an L2 norm of at most
     * {@code clipnorm}, {@code g * clipnorm / max(||g||, clipnorm)}.
     *
     * @throws IllegalArgumentException if it is not a positive finite number, or clipvalue or
     *         globalClipnorm is set (Keras allows one of the three)
     */
    public Optimizer clipnorm(double clipnorm) {
        options.setClip(getClass().getSimpleName(), "clipnorm", clipnorm);
        return this;
    }

    /**
     * Keras' {@code clipvalue}: every gradient element is clipped to {@code [-clipvalue, clipvalue]}.
     *
     * @throws IllegalArgumentException as {@link #clipnorm(double)}
     */
    public Optimizer clipvalue(double clipvalue) {
        options.setClip(getClass().getSimpleName(), "clipvalue", clipvalue);
        return this;
    }

    /**
     * Keras' {@code global_clipnorm}: all gradients are scaled together so that the L2 norm of all
     * of them at once is at most {@code globalClipnorm}.
     *
     * @throws IllegalArgumentException as {@link #clipnorm(double)}
     */
    public Optimizer globalClipnorm(double globalClipnorm) {
        options.setClip(getClass().getSimpleName(), "globalClipnorm", globalClipnorm);
        return this;
    }

    /** The weight decay, or null when none was set; likewise the clip options, at most one non-null. */
    public final Double weightDecay() { return options.weightDecay(); }

    public final Double clipnorm() { return options.clipnorm(); }

    public final Double clipvalue() { return options.clipvalue(); }

    public final Double globalClipnorm() { return options.globalClipnorm(); }

    /** A factory's optional keys: {@code own} and the base options' ({@code weightDecay}, {@code clipnorm}, ...). */
    protected static List<String> withOptionKeys(String... own) {
        List<String> keys = new ArrayList<>(List.of(own));
        keys.addAll(OptimizerOptions.KEYS);
        return keys;
    }

    /** Sets on {@code optimizer} the base options present in {@code config}; returns it. */
    protected static <T extends Optimizer> T withOptions(T optimizer, Map<String, Object> config) {
        ((Optimizer) optimizer).options.readFrom(optimizer.getClass().getSimpleName(), config);
        return optimizer;
    }

    // ---- saving ---------------------------------------------------------------------------------

    /**
     * Everything that recreates this optimizer through its registered factory:
     * {@code {"learningRate": 0.01 or {"type": ..., "config": ...}, ...hyperParameters()}}.
     */
    @Override
    public final Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (schedule == null) {
            config.put("learningRate", constantRate);
        } else {
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("type", schedule.name());
            description.put("config", schedule.config());
            config.put("learningRate", description);
        }
        config.putAll(hyperParameters());
        options.addTo(config);
        return config;
    }

    /**
     * The learning rate saved in a config: a number, or a registered schedule.
     *
     * @throws IllegalArgumentException if it is neither
     */
    @SuppressWarnings("unchecked")
    protected static LearningRateSchedule scheduleFrom(Map<String, Object> config) {
        Object value = config.get("learningRate");
        if (value instanceof Map<?, ?> description) {
            Map<String, Object> schedule = (Map<String, Object>) description;
            ConfigChecks.requireKeys(schedule, "learningRate schedule", "type", "config");
            Object scheduleConfig = schedule.get("config");
            if (!(scheduleConfig instanceof Map)) {
                throw new IllegalArgumentException("the learning-rate schedule's 'config' must be an object, got "
                        + ConfigChecks.describe(scheduleConfig));
            }
            return ComponentLookup.create(LearningRateSchedule.class, ConfigChecks.string(schedule, "type", false),
                    (Map<String, Object>) scheduleConfig);
        }
        return null;
    }

    /**
     * Every slot array, keyed {@code "slotName/parameterIndex"}, and every scalar, keyed by its name
     * (a DOUBLE array of one element): live arrays. The step count is {@link #iterations()}.
     */
    public final Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>(scalars);
        slots.forEach((slotName, arrays) -> {
            for (int i = 0; i < arrays.size(); i++) {
                state.put(slotName + "/" + i, arrays.get(i));
            }
        });
        return state;
    }

    /**
     * Restores a saved step count and slots after {@link #bind}: every slot of this optimizer must
     * be given, with its parameter's shape; values are copied.
     *
     * @throws IllegalArgumentException naming the missing, unknown or mis-shaped entry
     */
    public final void restoreState(long savedIterations, Map<String, INDArray> state) {
        if (savedIterations < 0 || savedIterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the optimizer's step count must be in [0, 2^53], got " + savedIterations);
        }
        Map<String, INDArray> mine = state();
        OptimizerStateChecks.check(getClass().getSimpleName(), mine, state, nonNegativeSlots);
        state.forEach((key, value) -> mine.get(key).assign(value.castTo(mine.get(key).dataType())));
        iterations = savedIterations;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + config();
    }
}
