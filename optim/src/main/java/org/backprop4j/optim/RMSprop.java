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
 * RMSprop with Keras 3's update rule ({@code keras/src/optimizers/rmsprop.py}). For every weight
 * {@code w} with gradient {@code g} and learning rate {@code lr}:
 * <pre>
 *   v   = rho * v + (1 - rho) * g^2                       moving mean square  (slot "velocity")
 *   centered: avg = rho * avg + (1 - rho) * g             moving mean         (slot "average_gradient")
 *             denominator = v - avg^2 + epsilon           (an estimate of the variance)
 *   else:     denominator = v + epsilon
 *   inc = lr * g / sqrt(denominator)
 *   momentum > 0: mom = momentum * mom + inc;  w = w - mom (slot "momentum")
 *   else:         w = w - inc
 * </pre>
 * Every slot has its weight's shape and starts at zero. Epsilon sits inside the square root, as in
 * Keras (PyTorch adds it outside), which matters when gradients are small.
 */
public class RMSprop extends Optimizer {

    /** Keras' defaults. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;

    /** Keras' {@code RMSprop()}: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered. */
    public RMSprop() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code RMSprop(learning_rate=learningRate)} with the other defaults. */
    public RMSprop(double learningRate) {
        this(learningRate, DEFAULT_RHO, 0.0, DEFAULT_EPSILON, false);
    }

    /** {@code RMSprop(learning_rate=schedule)} with the other defaults. */
    public RMSprop(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_RHO, 0.0, DEFAULT_EPSILON, false);
    }

    /**
     * {@code RMSprop(learning_rate, rho, momentum, epsilon, centered)}.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or rho or momentum is outside [0, 1)
     */
    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super(learningRate);
        this.rho = ElementLoop.unitInterval("RMSprop", "rho", rho);
        this.momentum = ElementLoop.unitInterval("RMSprop", "momentum", momentum);
        this.epsilon = ElementLoop.positive("RMSprop", "epsilon", epsilon);
        this.centered = centered;
    }

    /** As {@link #RMSprop(double, double, double, double, boolean)} with the rate following {@code schedule}. */
    public RMSprop(LearningRateSchedule schedule, double rho, double momentum, double epsilon, boolean centered) {
        super(schedule);
        this.rho = ElementLoop.unitInterval("RMSprop", "rho", rho);
        this.momentum = ElementLoop.unitInterval("RMSprop", "momentum", momentum);
        this.epsilon = ElementLoop.positive("RMSprop", "epsilon", epsilon);
        this.centered = centered;
    }

    /**
     * From {@code {"learningRate", "rho", "momentum", "epsilon", "centered"}}, as {@link #config()}
     * writes it; a missing key takes Keras' default.
     */
    public static RMSprop fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "RMSprop", List.of(), withOptionKeys("learningRate", "rho", "momentum", "epsilon", "centered"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double rho = config.containsKey("rho") ? Config.number(config, "rho") : DEFAULT_RHO;
        double momentum = config.containsKey("momentum") ? Config.number(config, "momentum") : 0.0;
        double epsilon = config.containsKey("epsilon") ? Config.number(config, "epsilon") : DEFAULT_EPSILON;
        boolean centered = config.containsKey("centered") && Config.bool(config, "centered");
        if (schedule != null) {
            return withOptions(new RMSprop(schedule, rho, momentum, epsilon, centered), config);
        }
        double rate = config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE;
        return withOptions(new RMSprop(rate, rho, momentum, epsilon, centered), config);
    }

    @Override
    protected void build() {
        addNonNegativeSlot("velocity", 0.0);
        if (momentum > 0) {
            addSlot("momentum", 0.0);
        }
        if (centered) {
            addSlot("average_gradient", 0.0);
        }
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        double oneMinusRho = 1 - rho;
        INDArray velocity = slot("velocity", index);
        INDArray mom = momentum > 0 ? slot("momentum", index) : velocity;        // unused when momentum is 0
        INDArray average = centered ? slot("average_gradient", index) : velocity; // unused unless centered
        ElementLoop loop = new ElementLoop(value, gradient, velocity, mom, average);
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values vv = loop.values(2);
        Values momv = loop.values(3);
        Values avgv = loop.values(4);
        boolean withMomentum = momentum > 0;
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double v = rho * vv.get(i) + oneMinusRho * (g * g);                  // v = rho v + (1 - rho) g^2
            vv.set(i, v);
            double denominator;
            if (centered) {
                double avg = rho * avgv.get(i) + oneMinusRho * g;              // avg = rho avg + (1 - rho) g
                avgv.set(i, avg);
                denominator = v - avg * avg + epsilon;
            } else {
                denominator = v + epsilon;
            }
            double increment = (learningRate * g) / Math.sqrt(denominator);
            if (withMomentum) {
                double m = momentum * momv.get(i) + increment;                  // mom = momentum mom + inc
                momv.set(i, m);
                wv.set(i, wv.get(i) - m);
            } else {
                wv.set(i, wv.get(i) - increment);
            }
        }
        loop.writeBack();
    }

    /** {@code {"rho", "momentum", "epsilon", "centered"}}, saved beside the learning rate. */
    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered);
        return config;
    }

    /** The decay of the moving mean square. */
    public double rho() {
        return rho;
    }

    /** The momentum, 0 for none. */
    public double momentum() {
        return momentum;
    }

    /** The constant inside the square root. */
    public double epsilon() {
        return epsilon;
    }

    /** Whether the gradient's moving mean is subtracted (centered RMSprop). */
    public boolean centered() {
        return centered;
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this RMSprop. */
    @Override
    public RMSprop weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this RMSprop. */
    @Override
    public RMSprop clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this RMSprop. */
    @Override
    public RMSprop clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this RMSprop. */
    @Override
    public RMSprop globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }
}
