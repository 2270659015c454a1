package org.backprop4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Kernels;
import org.backprop4j.core.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with Keras' update rules, for every weight {@code w} with gradient
 * {@code g} and learning rate {@code lr}:
 * <pre>
 *   plain     (momentum 0):  w = w - lr * g
 *   momentum:                v = momentum * v - lr * g;   w = w + v
 *   Nesterov:                v = momentum * v - lr * g;   w = w + momentum * v - lr * g
 * </pre>
 * Velocities {@code v} start at zero, one per weight array, and are reset by {@code compile}.
 */
public class SGD implements Optimizer {

    /** Keras' default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private final List<INDArray> velocities = new ArrayList<>();

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
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("SGD learning rate must be a positive finite number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public void step(List<INDArray> parameters, List<INDArray> gradients) {
        if (momentum == 0) {
            for (int i = 0; i < parameters.size(); i++) {
                axpy(-learningRate, gradients.get(i), parameters.get(i)); // w -= lr * g
            }
            return;
        }
        if (velocities.size() != parameters.size()) {
            velocities.clear();
            for (INDArray parameter : parameters) {
                velocities.add(Nd4j.zeros(parameter.dataType(), parameter.shape()));
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            INDArray w = parameters.get(i);
            INDArray g = gradients.get(i);
            INDArray v = velocities.get(i);
            Kernels.forElements(v).scale(momentum, v); // v = momentum * v
            axpy(-learningRate, g, v);                 //     - lr * g
            if (nesterov) {
                axpy(momentum, v, w);              // w += momentum * v
                axpy(-learningRate, g, w);         //      - lr * g
            } else {
                axpy(1.0, v, w);                   // w += v
            }
        }
    }

    /** {@code y += alpha * x}, in place: a Java loop for tiny arrays, one BLAS call for the others. */
    private static void axpy(double alpha, INDArray x, INDArray y) {
        Kernels.forBlasLevel1(y, x).axpy(alpha, x, y);
    }

    @Override
    public void reset() {
        velocities.clear();
    }

    /** {@code {"learningRate": ..., "momentum": ..., "nesterov": ...}}, saved with the model. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("learningRate", learningRate);
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
        return config;
    }

    /** A new SGD with the settings of {@link #config()}. */
    @Override
    public Optimizer fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "SGD", "learningRate", "momentum", "nesterov");
        return new SGD(Config.number(config, "learningRate"), Config.number(config, "momentum"),
                Config.bool(config, "nesterov"));
    }

    /** The velocities, one per weight in weight order (empty for plain SGD or before the first step). */
    @Override
    public List<INDArray> state() {
        return List.copyOf(velocities);
    }

    /**
     * Restores velocities saved by {@link #state()}: none, or one per weight with the weight's shape
     * (copied, in the weight's data type).
     */
    @Override
    public void setState(List<INDArray> state, List<INDArray> parameters) {
        if (!state.isEmpty() && momentum == 0) {
            throw new IllegalArgumentException("Plain SGD (momentum 0) keeps no velocities, got " + state.size() + " arrays");
        }
        if (!state.isEmpty() && state.size() != parameters.size()) {
            throw new IllegalArgumentException("SGD needs one velocity per weight: " + parameters.size()
                    + " weights, got " + state.size() + " velocities");
        }
        List<INDArray> copies = new ArrayList<>();
        for (int i = 0; i < state.size(); i++) {
            INDArray parameter = parameters.get(i);
            if (!Arrays.equals(state.get(i).shape(), parameter.shape())) {
                throw new IllegalArgumentException("SGD velocity " + i + " has shape " + Arrays.toString(state.get(i).shape())
                        + ", its weight " + Arrays.toString(parameter.shape()));
            }
            copies.add(Nd4j.create(parameter.dataType(), parameter.shape(), 'c').assign(state.get(i).castTo(parameter.dataType())));
        }
        velocities.clear();
        velocities.addAll(copies);
    }

    /** The learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** The momentum, 0 for plain SGD. */
    public double momentum() {
        return momentum;
    }

    /** Whether the Nesterov rule is used. */
    public boolean nesterov() {
        return nesterov;
    }

    /** The live velocity arrays (empty before the first momentum step), in weight order. */
    public List<INDArray> velocities() {
        return velocities;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SGD(learningRate=%s, momentum=%s, nesterov=%s)", learningRate, momentum, nesterov);
    }
}
