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
 * Adadelta with Keras 3's update rule ({@code keras/src/optimizers/adadelta.py}). For every weight
 * {@code w} with gradient {@code g} and learning rate {@code lr}, with {@code rms(x) = sqrt(x + epsilon)}:
 * <pre>
 *   a     = rho * a + (1 - rho) * g^2                   slot "accumulated_grad"
 *   delta = -(rms(d) * g) / rms(a)                      d before this step
 *   d     = rho * d + (1 - rho) * delta^2               slot "accumulated_delta_var"
 *   w     = w + lr * delta
 * </pre>
 * Both slots have the weight's shape and start at zero. Keras' default learning rate is 0.001 (the
 * Adadelta paper uses 1.0, with no rate at all). One pass over the arrays per weight
 * ({@link ElementLoop}), in Keras' order of operations.
 */
public class Adadelta extends Optimizer {

    /** Keras' defaults. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_RHO = 0.95;
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double rho;
    private final double epsilon;

    /** Keras' {@code Adadelta()}: learning rate 0.001, rho 0.95, epsilon 1e-7. */
    public Adadelta() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code Adadelta(learning_rate=learningRate)} with the other defaults. */
    public Adadelta(double learningRate) {
        this(learningRate, DEFAULT_RHO, DEFAULT_EPSILON);
    }

    /** {@code Adadelta(learning_rate=schedule)} with the other defaults. */
    public Adadelta(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_RHO, DEFAULT_EPSILON);
    }

    /**
     * {@code Adadelta(learning_rate, rho, epsilon)}.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or rho is outside [0, 1)
     */
    public Adadelta(double learningRate, double rho, double epsilon) {
        super(learningRate);
        this.rho = ElementLoop.unitInterval("Adadelta", "rho", rho);
        this.epsilon = ElementLoop.positive("Adadelta", "epsilon", epsilon);
    }

    /** As {@link #Adadelta(double, double, double)} with the rate following {@code schedule}. */
    public Adadelta(LearningRateSchedule schedule, double rho, double epsilon) {
        super(schedule);
        this.rho = ElementLoop.unitInterval("Adadelta", "rho", rho);
        this.epsilon = ElementLoop.positive("Adadelta", "epsilon", epsilon);
    }

    /**
     * From {@code {"learningRate", "rho", "epsilon"}} and the base options, as {@link #config()}
     * writes them; a missing key takes Keras' default.
     */
    public static Adadelta fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Adadelta", List.of(), withOptionKeys("learningRate", "rho", "epsilon"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double rho = config.containsKey("rho") ? Config.number(config, "rho") : DEFAULT_RHO;
        double epsilon = config.containsKey("epsilon") ? Config.number(config, "epsilon") : DEFAULT_EPSILON;
        if (schedule != null) {
            return withOptions(new Adadelta(schedule, rho, epsilon), config);
        }
        double rate = config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE;
        return withOptions(new Adadelta(rate, rho, epsilon), config);
    }

    @Override
    protected void build() {
        addNonNegativeSlot("accumulated_grad", 0.0);
        addNonNegativeSlot("accumulated_delta_var", 0.0);
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        double oneMinusRho = 1 - rho;
        ElementLoop loop = new ElementLoop(value, gradient, slot("accumulated_grad", index),
                slot("accumulated_delta_var", index));
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values av = loop.values(2);
        Values dv = loop.values(3);
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double a = rho * av.get(i) + oneMinusRho * (g * g);                   // a = rho a + (1 - rho) g^2
            av.set(i, a);
            double d = dv.get(i);
            double delta = -((Math.sqrt(d + epsilon) * g) / Math.sqrt(a + epsilon)); // -rms(d) g / rms(a)
            dv.set(i, rho * d + oneMinusRho * (delta * delta));                  // d = rho d + (1 - rho) delta^2
            wv.set(i, wv.get(i) + learningRate * delta);
        }
        loop.writeBack();
    }

    /** {@code {"rho", "epsilon"}}, saved beside the learning rate. */
    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rho", rho);
        config.put("epsilon", epsilon);
        return config;
    }

    /** The decay of both running averages. */
    public double rho() {
        return rho;
    }

    /** The constant inside both square roots. */
    public double epsilon() {
        return epsilon;
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this Adadelta. */
    @Override
    public Adadelta weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this Adadelta. */
    @Override
    public Adadelta clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this Adadelta. */
    @Override
    public Adadelta clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this Adadelta. */
    @Override
    public Adadelta globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

}
