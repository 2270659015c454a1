package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.internal.AdamLoop;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam with Keras 3's update rule ({@code keras/src/optimizers/adam.py}). For every weight
 * {@code w} with gradient {@code g}, at step {@code t = iterations + 1} and learning rate {@code lr}:
 * <pre>
 *   alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)         the bias correction, folded into the rate
 *   m     = m + (g - m) * (1 - beta1)                       first moment  (slot "momentum")
 *   v     = v + (g^2 - v) * (1 - beta2)                     second moment (slot "velocity")
 *   amsgrad: vHat = max(vHat, v); v used below is vHat      (slot "velocity_hat")
 *   w     = w - (m * alpha) / (sqrt(v) + epsilon)
 * </pre>
 * Every slot has its weight's shape and starts at zero. Epsilon is added to {@code sqrt(v)} before
 * the bias correction ("epsilon hat" in the Adam paper), as Keras does; PyTorch adds it after, so
 * the two differ slightly when {@code v} is small.
 */
public class Adam extends Optimizer {

    /** Keras' default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras' defaults for beta1, beta2 and epsilon. */
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;

    /** Keras' {@code Adam()}: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, no amsgrad. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code Adam(learning_rate=learningRate)} with the other defaults. */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, false);
    }

    /** {@code Adam(learning_rate=schedule)} with the other defaults. */
    public Adam(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, false);
    }

    /**
     * {@code Adam(learning_rate, beta_1, beta_2, epsilon, amsgrad)}.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or a beta is outside [0, 1)
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate);
        this.beta1 = ElementLoop.unitInterval("Adam", "beta1", beta1);
        this.beta2 = ElementLoop.unitInterval("Adam", "beta2", beta2);
        this.epsilon = ElementLoop.positive("Adam", "epsilon", epsilon);
        this.amsgrad = amsgrad;
    }

    /** As {@link #Adam(double, double, double, double, boolean)} with the rate following {@code schedule}. */
    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(schedule);
        this.beta1 = ElementLoop.unitInterval("Adam", "beta1", beta1);
        this.beta2 = ElementLoop.unitInterval("Adam", "beta2", beta2);
        this.epsilon = ElementLoop.positive("Adam", "epsilon", epsilon);
        this.amsgrad = amsgrad;
    }

    /**
     * From {@code {"learningRate", "beta1", "beta2", "epsilon", "amsgrad"}}, as {@link #config()}
     * writes it; a missing key takes Keras' default.
     */
    public static Adam fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Adam", List.of(), List.of("learningRate", "beta1", "beta2", "epsilon", "amsgrad"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double beta1 = config.containsKey("beta1") ? Config.number(config, "beta1") : DEFAULT_BETA1;
        double beta2 = config.containsKey("beta2") ? Config.number(config, "beta2") : DEFAULT_BETA2;
        double epsilon = config.containsKey("epsilon") ? Config.number(config, "epsilon") : DEFAULT_EPSILON;
        boolean amsgrad = config.containsKey("amsgrad") && Config.bool(config, "amsgrad");
        if (schedule != null) {
            return new Adam(schedule, beta1, beta2, epsilon, amsgrad);
        }
        double rate = config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE;
        return new Adam(rate, beta1, beta2, epsilon, amsgrad);
    }

    @Override
    protected void build() {
        addSlot("momentum", 0.0);
        addNonNegativeSlot("velocity", 0.0);
        if (amsgrad) {
            addNonNegativeSlot("velocity_hat", 0.0);
        }
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        double step = iterations() + 1;
        double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        INDArray m = slot("momentum", index);
        INDArray v = slot("velocity", index);
        if (!amsgrad && AdamLoop.accepts(value, gradient, m, v)) {
            // plain FLOAT arrays: the same three lines below in float, one pass, SIMD where available
            AdamLoop.step(value, gradient, m, v, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
            return;
        }
        ElementLoop loop = amsgrad ? new ElementLoop(value, gradient, m, v, slot("velocity_hat", index))
                : new ElementLoop(value, gradient, m, v);
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values mv = loop.values(2);
        Values vv = loop.values(3);
        Values vHatv = amsgrad ? loop.values(4) : null;
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double mi = mv.get(i) + (g - mv.get(i)) * oneMinusBeta1;   // m += (g - m)(1 - beta1)
            double vi = vv.get(i) + (g * g - vv.get(i)) * oneMinusBeta2; // v += (g^2 - v)(1 - beta2)
            mv.set(i, mi);
            vv.set(i, vi);
            if (vHatv != null) {
                vi = Math.max(vHatv.get(i), vi);                          // amsgrad: the running maximum
                vHatv.set(i, vi);
            }
            wv.set(i, wv.get(i) - (mi * alpha) / (Math.sqrt(vi) + epsilon));
        }
        loop.writeBack();
    }

    /** {@code {"beta1", "beta2", "epsilon", "amsgrad"}}, saved beside the learning rate. */
    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("beta1", beta1);
        config.put("beta2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", amsgrad);
        return config;
    }

    /** The first-moment decay. */
    public double beta1() {
        return beta1;
    }

    /** The second-moment decay. */
    public double beta2() {
        return beta2;
    }

    /** The constant added to {@code sqrt(v)}. */
    public double epsilon() {
        return epsilon;
    }

    /** Whether the running maximum of the second moment is used (AMSGrad). */
    public boolean amsgrad() {
        return amsgrad;
    }
}
