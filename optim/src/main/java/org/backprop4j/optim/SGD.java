package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.internal.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with Keras' update rules, for every weight {@code w} with gradient
 * {@code g} and learning rate {@code lr}:
 * <pre>
 *   plain     (momentum 0):  w = w - lr * g
 *   momentum:                v = momentum * v - lr * g;   w = w + v
 *   Nesterov:                v = momentum * v - lr * g;   w = w + momentum * v - lr * g
 * </pre>
 * The velocities {@code v} are the slot {@code "momentum"}, one array per weight starting at zero
 * (none for plain SGD); {@code compile} resets them.
 *
 * <p>Threads: not thread-safe by itself: it belongs to one model, whose training thread alone steps
 * it (see {@link org.backprop4j.core.Optimizer}).
 */
public class SGD extends Optimizer {

    /** Keras' default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    private final double momentum;
    private final boolean nesterov;

    /** Keras' {@code SGD()}: learning rate 0.01, no momentum. */
    public SGD() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code SGD(learning_rate=learningRate)}. */
    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    /**
     * {@code SGD(learning_rate, momentum, nesterov)}.
     *
     * @throws IllegalArgumentException if the learning rate is not a positive finite number or the
     *         momentum is outside [0, 1)
     */
    public SGD(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        this.momentum = checkMomentum(momentum);
        this.nesterov = nesterov;
    }

    /** {@code SGD(learning_rate=schedule, momentum, nesterov)}: the rate follows {@code schedule}. */
    public SGD(LearningRateSchedule schedule, double momentum, boolean nesterov) {
        super(schedule);
        this.momentum = checkMomentum(momentum);
        this.nesterov = nesterov;
    }

    private static double checkMomentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
        }
        return momentum;
    }

    /**
     * From {@code {"learningRate", "momentum", "nesterov"}}, as {@link #config()} writes it; a
     * missing key takes Keras' default (so {@code {}} is {@code SGD()}).
     */
    public static SGD fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "SGD", List.of(), withOptionKeys("learningRate", "momentum", "nesterov"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double momentum = config.containsKey("momentum") ? Config.number(config, "momentum") : 0.0;
        boolean nesterov = config.containsKey("nesterov") && Config.bool(config, "nesterov");
        if (schedule != null) {
            return withOptions(new SGD(schedule, momentum, nesterov), config);
        }
        return withOptions(new SGD(config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE,
                momentum, nesterov), config);
    }

    @Override
    protected void build() {
        if (momentum > 0) {
            addSlot("momentum", 0.0);
        }
    }

    @Override
    protected void updateStep(int index, INDArray w, INDArray g, double learningRate) {
        if (momentum == 0) {
            axpy(-learningRate, g, w);                 // w -= lr * g
            return;
        }
        INDArray v = slot("momentum", index);
        Kernels.forElements(v).scale(momentum, v);    // v = momentum * v
        axpy(-learningRate, g, v);                     //     - lr * g
        if (nesterov) {
            axpy(momentum, v, w);                      // w += momentum * v
            axpy(-learningRate, g, w);                 //      - lr * g
        } else {
            axpy(1.0, v, w);                           // w += v
        }
    }

    /** {@code y += alpha * x}, in place: a Java loop for tiny arrays, one BLAS call for the others. */
    private static void axpy(double alpha, INDArray x, INDArray y) {
        Kernels.forBlasLevel1(y, x).axpy(alpha, x, y);
    }

    /** {@code {"momentum": ..., "nesterov": ...}}, saved beside the learning rate. */
    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
        return config;
    }

    /** The momentum, 0 for plain SGD. */
    public double momentum() {
        return momentum;
    }

    /** Whether the Nesterov rule is used. */
    public boolean nesterov() {
        return nesterov;
    }

    /** Copies of the velocities, one per weight in weight order (empty for plain SGD). */
    public List<INDArray> velocities() {
        return state().values().stream().map(INDArray::dup).toList();
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this SGD. */
    @Override
    public SGD weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this SGD. */
    @Override
    public SGD clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this SGD. */
    @Override
    public SGD clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this SGD. */
    @Override
    public SGD globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }
}
