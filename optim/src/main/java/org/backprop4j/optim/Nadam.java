package org.backprop4j.optim;

import java.util.Map;

import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Nadam (Adam with Nesterov momentum) with Keras 3's update rule ({@code keras/src/optimizers/nadam.py}).
 * Once per step, at {@code t = iterations + 1}, the momentum factors and their running product (the
 * scalar state {@code "u_product"}, starting at 1, saved with the slots):
 * <pre>
 *   u_t       = beta1 * (1 - 0.5 * 0.96^t)
 *   u_t1      = beta1 * (1 - 0.5 * 0.96^(t + 1))
 *   u_product = u_product * beta1 * (1 - 0.5 * 0.96^t)       (before the weights' updates)
 * </pre>
 * then for every weight {@code w} with gradient {@code g} and learning rate {@code lr}:
 * <pre>
 *   m     = m + (g - m) * (1 - beta1)                          slot "momentum"
 *   v     = v + (g^2 - v) * (1 - beta2)                        slot "velocity"
 *   m_hat = u_t1 * m / (1 - u_product * u_t1) + (1 - u_t) * g / (1 - u_product)
 *   v_hat = v / (1 - beta2^t)
 *   w     = w - (m_hat * lr) / (sqrt(v_hat) + epsilon)
 * </pre>
 * Every slot has its weight's shape and starts at zero. One pass over the arrays per weight
 * ({@link ElementLoop}), in Keras' order of operations.
 */
public class Nadam extends MomentOptimizer {

    /** Keras' {@code Nadam()}: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. */
    public Nadam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code Nadam(learning_rate=learningRate)} with the other defaults. */
    public Nadam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** {@code Nadam(learning_rate=schedule)} with the other defaults. */
    public Nadam(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * {@code Nadam(learning_rate, beta_1, beta_2, epsilon)}.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or a beta is outside [0, 1)
     */
    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    /** As {@link #Nadam(double, double, double, double)} with the rate following {@code schedule}. */
    public Nadam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        super(schedule, beta1, beta2, epsilon);
    }

    /**
     * From {@code {"learningRate", "beta1", "beta2", "epsilon"}} and the base options, as
     * {@link #config()} writes them; a missing key takes Keras' default.
     */
    public static Nadam fromConfig(Map<String, Object> config) {
        return fromConfig(config, "Nadam", (rate, beta1, beta2, epsilon) -> rate instanceof LearningRateSchedule schedule
                ? new Nadam(schedule, beta1, beta2, epsilon) : new Nadam((Double) rate, beta1, beta2, epsilon));
    }

    @Override
    protected void build() {
        addSlot("momentum", 0.0);
        addNonNegativeSlot("velocity", 0.0);
        addScalar("u_product", 1.0);
    }

    /** {@code u_product *= beta1 * (1 - 0.5 * 0.96^t)}, once per step, as Keras' {@code _backend_update_step}. */
    @Override
    protected void beforeUpdates(double learningRate) {
        double step = iterations() + 1;
        setScalar("u_product", scalar("u_product") * beta1 * (1.0 - 0.5 * Math.pow(0.96, step)));
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        double step = iterations() + 1;
        double uT = beta1 * (1.0 - 0.5 * Math.pow(0.96, step));
        double uT1 = beta1 * (1.0 - 0.5 * Math.pow(0.96, step + 1));
        double uProduct = scalar("u_product");
        double uProductT1 = uProduct * uT1;
        double beta2Power = Math.pow(beta2, step);
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        double momentumDenominator = 1 - uProductT1;
        double gradientFactor = 1 - uT;
        double gradientDenominator = 1 - uProduct;
        double velocityDenominator = 1 - beta2Power;
        ElementLoop loop = new ElementLoop(value, gradient, slot("momentum", index), slot("velocity", index));
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values mv = loop.values(2);
        Values vv = loop.values(3);
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double m = mv.get(i) + (g - mv.get(i)) * oneMinusBeta1;      // m += (g - m)(1 - beta1)
            double v = vv.get(i) + (g * g - vv.get(i)) * oneMinusBeta2;  // v += (g^2 - v)(1 - beta2)
            mv.set(i, m);
            vv.set(i, v);
            double mHat = (uT1 * m) / momentumDenominator + (gradientFactor * g) / gradientDenominator;
            double vHat = v / velocityDenominator;
            wv.set(i, wv.get(i) - (mHat * learningRate) / (Math.sqrt(vHat) + epsilon));
        }
        loop.writeBack();
    }

    /** The running product of the momentum factors, Keras' {@code _u_product} (1 after compile, before the first step). */
    public double uProduct() {
        return scalar("u_product");
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this Nadam. */
    @Override
    public Nadam weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this Nadam. */
    @Override
    public Nadam clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this Nadam. */
    @Override
    public Nadam clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this Nadam. */
    @Override
    public Nadam globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

}
