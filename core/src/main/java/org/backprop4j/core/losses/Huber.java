package org.backprop4j.core.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code huber} loss: squared for small errors, linear for large ones. With {@code e = p - y}
 * and threshold {@code delta} (default 1.0), per element
 * <pre>
 *   h(e) = 0.5 e^2                       if |e| &lt;= delta
 *          delta |e| - 0.5 delta^2       otherwise
 * </pre>
 * and {@code L} is the mean of h over all B*K elements. The two pieces meet with equal value and
 * slope at {@code |e| = delta}.
 *
 * <p>Gradient: {@code dL/dp = e / (B K)} where {@code |e| <= delta}, else {@code delta sign(e) / (B K)}:
 * the error itself, clipped to {@code [-delta, delta]}.
 */
public final class Huber implements Loss {

    /** Keras' default threshold. */
    public static final double DEFAULT_DELTA = 1.0;

    private final double delta;

    /** {@code Huber()}: delta 1.0. */
    public Huber() {
        this(DEFAULT_DELTA);
    }

    /**
     * @throws IllegalArgumentException if delta is not a positive finite number
     */
    public Huber(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("Huber delta must be a positive finite number, got " + delta);
        }
        this.delta = delta;
    }

    /** From {@code {"delta": ...}} (missing: 1.0), as {@link #config()} writes it. */
    public static Huber fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Huber", List.of(), List.of("delta"));
        return new Huber(config.containsKey("delta") ? Config.number(config, "delta") : DEFAULT_DELTA);
    }

    /** {@code {"delta": delta}}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("delta", delta);
        return config;
    }

    /** The threshold between the squared and the linear piece. */
    public double delta() {
        return delta;
    }

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double error = Math.abs(p[i] - y[i]);
            sum += error <= delta ? 0.5 * error * error : delta * error - 0.5 * delta * delta;
        }
        return sum / p.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        Values out = Values.of(gradient);
        double scale = 1.0 / p.length;
        for (int i = 0; i < p.length; i++) {
            double error = p[i] - y[i];
            double clipped = Math.abs(error) <= delta ? error : Math.copySign(delta, error);
            out.set(i, clipped * scale);                                       // clip(e, -delta, delta) / (B K)
        }
    }

    @Override
    public String toString() {
        return "Huber(delta=" + delta + ")";
    }
}
