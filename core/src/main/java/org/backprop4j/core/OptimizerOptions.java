package org.backprop4j.core;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The settings every optimizer has in Keras 3's {@code BaseOptimizer}, and what they do to one step,
 * in Keras' order ({@code _backend_apply_gradients}): first the gradients are clipped, then the
 * weights decay, then the optimizer's own rule runs on the clipped gradients. For the gradients
 * {@code g_k} of the trainable weights {@code w_k} (any shapes) and the step's learning rate
 * {@code lr}:
 * <pre>
 *   clipvalue c:       g_k = min(max(g_k, -c), c)                    element by element
 *   clipnorm c:        g_k = g_k * c / max(||g_k||, c)               each weight on its own
 *   globalClipnorm c:  n = sqrt(sum_k ||g_k||^2);  g_k = g_k * (c * min(1/n, 1/c) + (n - n))
 *   weightDecay d:     w_k = w_k - w_k * d * lr                       every trainable weight
 * </pre>
 * At most one clip option is set. The global norm's {@code (n - n)} term is Keras': it turns an
 * infinite or NaN norm into a NaN scale instead of silently zeroing the gradients. Only the weights
 * the optimizer is bound to (the trainable ones) are clipped and decayed; non-trainable weights and
 * frozen layers are never seen. Clipping rewrites the gradient arrays in place (they are recomputed
 * by the next backward pass). Arithmetic is in the arrays' own precision for the element-wise
 * parts (float for FLOAT, as Keras computes float32 variables), with norms summed in double.
 */
final class OptimizerOptions {

    /** The config keys, as {@link Optimizer#config()} writes them. */
    static final List<String> KEYS = List.of("weightDecay", "clipnorm", "clipvalue", "globalClipnorm");

    private Double weightDecay;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;

    Double weightDecay() {
        return weightDecay;
    }

    Double clipnorm() {
        return clipnorm;
    }

    Double clipvalue() {
        return clipvalue;
    }

    Double globalClipnorm() {
        return globalClipnorm;
    }

    void setWeightDecay(String owner, double decay) {
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException(owner + " weightDecay must be a finite number >= 0, got " + decay);
        }
        weightDecay = decay;
    }

    void setClip(String owner, String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + " " + option + " must be a positive finite number, got " + value);
        }
        String other = clipnorm != null ? "clipnorm" : clipvalue != null ? "clipvalue" : globalClipnorm != null ? "globalClipnorm" : null;
        if (other != null && !other.equals(option)) {
            throw new IllegalArgumentException(owner + ": only one of clipnorm, clipvalue and globalClipnorm can be set (as in"
                    + " Keras); " + other + " is already " + describeClip() + ", so " + option + "(" + value + ") is refused");
        }
        switch (option) {
            case "clipnorm" -> clipnorm = value;
            case "clipvalue" -> clipvalue = value;
            default -> globalClipnorm = value;
        }
    }

    private String describeClip() {
        return String.valueOf(clipnorm != null ? clipnorm : clipvalue != null ? clipvalue : globalClipnorm);
    }

    /**
     * Sets the options present in a config ({@link #KEYS}).
     *
     * @throws IllegalArgumentException if one is not a number or is out of its range
     */
    void readFrom(String owner, Map<String, Object> config) {
        for (String key : KEYS) {
            if (!config.containsKey(key)) {
                continue;
            }
            Object value = config.get(key);
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException(owner + " '" + key + "' must be a number, got " + ConfigChecks.describe(value));
            }
            if (key.equals("weightDecay")) {
                setWeightDecay(owner, number.doubleValue());
            } else {
                setClip(owner, key, number.doubleValue());
            }
        }
    }

    /** Adds the options that are set to an optimizer's config (nothing when none is). */
    void addTo(Map<String, Object> config) {
        if (weightDecay != null) {
            config.put("weightDecay", weightDecay);
        }
        if (clipnorm != null) {
            config.put("clipnorm", clipnorm);
        }
        if (clipvalue != null) {
            config.put("clipvalue", clipvalue);
        }
        if (globalClipnorm != null) {
            config.put("globalClipnorm", globalClipnorm);
        }
    }

    /** Clips the gradients of {@code parameters} in place, as the option that is set says (none: nothing). */
    void clip(List<Parameter> parameters) {
        if (clipnorm != null) {
            double c = clipnorm;
            for (Parameter parameter : parameters) {
                double norm = Math.sqrt(sumOfSquares(parameter.gradient()));
                double denominator = Math.max(norm, c);             // Keras: g * c / max(||g||, c)
                update(parameter.gradient(), g -> g * c / denominator, g -> g * (float) c / (float) denominator);
            }
        } else if (globalClipnorm != null) {
            double c = globalClipnorm;
            double sum = 0;
            for (Parameter parameter : parameters) {
                sum += sumOfSquares(parameter.gradient());
            }
            double norm = Math.sqrt(sum);
            double scale = c * Math.min(1.0 / norm, 1.0 / c) + (norm - norm);
            for (Parameter parameter : parameters) {
                update(parameter.gradient(), g -> g * scale, g -> g * (float) scale);
            }
        } else if (clipvalue != null) {
            double c = clipvalue;
            float cf = (float) c;
            for (Parameter parameter : parameters) {
                update(parameter.gradient(), g -> Math.min(Math.max(g, -c), c), g -> Math.min(Math.max(g, -cf), cf));
            }
        }
    }

    /** {@code w -= w * weightDecay * lr} for every parameter (none set: nothing). */
    void decay(List<Parameter> parameters, double learningRate) {
        if (weightDecay == null) {
            return;
        }
        double d = weightDecay;
        float df = (float) d;
        float lrf = (float) learningRate;
        for (Parameter parameter : parameters) {
            update(parameter.value(), w -> w - w * d * learningRate, w -> w - w * df * lrf);
        }
    }

    private static double sumOfSquares(INDArray array) {
        INDArray plain = Arrays2D.isPlain(array) ? array : array.dup('c');
        Values values = Values.of(plain);
        double sum = 0;
        for (long i = 0, n = plain.length(); i < n; i++) {
            double g = values.get(i);
            sum += g * g;
        }
        return sum;
    }

    private interface DoubleRule {
        double apply(double x);
    }

    private interface FloatRule {
        float apply(float x);
    }

    /** Replaces every element {@code x} of {@code array} by {@code rule(x)}, in the array's own precision. */
    private static void update(INDArray array, DoubleRule rule, FloatRule floatRule) {
        INDArray plain = Arrays2D.isPlain(array) ? array : array.dup('c');
        Values values = Values.of(plain);
        boolean inFloat = plain.dataType() != DataType.DOUBLE;
        for (long i = 0, n = plain.length(); i < n; i++) {
            double x = values.get(i);
            values.set(i, inFloat ? floatRule.apply((float) x) : rule.apply(x));
        }
        if (plain != array) {
            array.assign(plain);
        }
    }
}
