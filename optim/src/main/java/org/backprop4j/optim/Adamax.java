package org.backprop4j.optim;

import java.util.Map;

import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adamax (Adam with the infinity norm) with Keras 3's update rule ({@code keras/src/optimizers/adamax.py}).
 * For every weight {@code w} with gradient {@code g}, at step {@code t = iterations + 1} and learning
 * rate {@code lr}:
 * <pre>
 *   m = m + (g - m) * (1 - beta1)                       slot "momentum"
 *   u = max(beta2 * u, |g|)                             slot "norm" (the decayed infinity norm)
 *   w = w - (lr * m) / ((1 - beta1^t) * (u + epsilon))
 * </pre>
 * Every slot has its weight's shape and starts at zero. One pass over the arrays per weight
 * ({@link ElementLoop}), in Keras' order of operations.
 */
public class Adamax extends MomentOptimizer {

    /** Keras' {@code Adamax()}: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. */
    public Adamax() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code Adamax(learning_rate=learningRate)} with the other defaults. */
    public Adamax(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** {@code Adamax(learning_rate=schedule)} with the other defaults. */
    public Adamax(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * {@code Adamax(learning_rate, beta_1, beta_2, epsilon)}.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or a beta is outside [0, 1)
     */
    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    /** As {@link #Adamax(double, double, double, double)} with the rate following {@code schedule}. */
    public Adamax(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        super(schedule, beta1, beta2, epsilon);
    }

    /**
     * From {@code {"learningRate", "beta1", "beta2", "epsilon"}} and the base options, as
     * {@link #config()} writes them; a missing key takes Keras' default.
     */
    public static Adamax fromConfig(Map<String, Object> config) {
        return fromConfig(config, "Adamax", (rate, beta1, beta2, epsilon) -> rate instanceof LearningRateSchedule schedule
                ? new Adamax(schedule, beta1, beta2, epsilon) : new Adamax((Double) rate, beta1, beta2, epsilon));
    }

    @Override
    protected void build() {
        addSlot("momentum", 0.0);
        addNonNegativeSlot("norm", 0.0);
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        double step = iterations() + 1;
        double correction = 1 - Math.pow(beta1, step);
        double oneMinusBeta1 = 1 - beta1;
        ElementLoop loop = new ElementLoop(value, gradient, slot("momentum", index), slot("norm", index));
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values mv = loop.values(2);
        Values uv = loop.values(3);
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double m = mv.get(i) + (g - mv.get(i)) * oneMinusBeta1;   // m += (g - m)(1 - beta1)
            double u = Math.max(beta2 * uv.get(i), Math.abs(g));      // u = max(beta2 u, |g|)
            mv.set(i, m);
            uv.set(i, u);
            wv.set(i, wv.get(i) - (learningRate * m) / (correction * (u + epsilon)));
        }
        loop.writeBack();
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this Adamax. */
    @Override
    public Adamax weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this Adamax. */
    @Override
    public Adamax clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this Adamax. */
    @Override
    public Adamax clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this Adamax. */
    @Override
    public Adamax globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

}
