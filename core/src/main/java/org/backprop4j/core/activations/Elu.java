package org.backprop4j.core.activations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Config;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;

/**
 * The exponential linear unit, Keras' {@code "elu"}: {@code a = z} for {@code z > 0}, else
 * {@code alpha (exp(z) - 1)}, element-wise (alpha 1 by default). Derivative: 1 for {@code z > 0}, else
 * {@code alpha exp(z) = a + alpha}, so it is read off the output (alpha {@code >= 0} keeps the sign of
 * {@code a} that of {@code z}); at {@code z = 0} it is alpha, as TensorFlow's. Shapes: a and z alike;
 * the Jacobian of a sample is diagonal.
 *
 * <p>The {@code ELU} layer ({@code org.backprop4j.layers.ELU}) applies this same formula.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Elu extends ElementwiseActivation implements OnnxActivation {

    private final double alpha;
    private final float alphaF;

    /** {@code elu} with alpha 1. */
    public Elu() {
        this(1.0);
    }

    /**
     * @param alpha the value {@code a} tends to as {@code z -> -inf} is {@code -alpha}
     * @throws IllegalArgumentException if alpha is negative, NaN or infinite
     */
    public Elu(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("ELU's alpha must be a finite number >= 0, got " + alpha);
        }
        this.alpha = alpha;
        this.alphaF = (float) alpha;
    }

    /** From {@code {"alpha": ...}} (missing: 1.0), as {@link #config()} writes it. */
    public static Elu fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "elu", List.of(), List.of("alpha"));
        return new Elu(config.containsKey("alpha") ? Config.number(config, "alpha") : 1.0);
    }

    /** {@code {"alpha": alpha}}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("alpha", alpha);
        return config;
    }

    /** The scale of the negative part. */
    public double alpha() {
        return alpha;
    }

    /** {@code a = z > 0 ? z : alpha (exp(z) - 1)}. */
    @Override
    public float apply(float z) {
        return z > 0f ? z : alphaF * (FastMath.exp(z) - 1f);
    }

    @Override
    public double apply(double z) {
        return z > 0.0 ? z : alpha * (FastMath.exp(z) - 1.0);
    }

    /** {@code dL/dz = a > 0 ? g : g (a + alpha)}. */
    @Override
    public float backward(float z, float a, float g) {
        return a > 0f ? g : g * (a + alphaF);
    }

    @Override
    public double backward(double z, double a, double g) {
        return a > 0.0 ? g : g * (a + alpha);
    }

    /** The derivative is read off the output: z is not needed. */
    @Override
    public boolean needsPreActivation() {
        return false;
    }

    @Override
    public ActivationLanes lanes() {
        return new Lanes(alphaF, alpha);
    }

    /** The same formulas on every lane. */
    private static final class Lanes implements ActivationLanes {
        private static final FloatVector ZERO_F = FloatVector.zero(FloatVector.SPECIES_PREFERRED);
        private static final FloatVector ONE_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
        private static final DoubleVector ZERO = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED);
        private static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 1.0);
        private final FloatVector alphaF;
        private final DoubleVector alpha;

        Lanes(float alphaF, double alpha) {
            this.alphaF = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, alphaF);
            this.alpha = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, alpha);
        }

        @Override
        public FloatVector apply(FloatVector z) {
            return alphaF.mul(FastMath.Lanes.exp(z).sub(ONE_F)).blend(z, z.compare(VectorOperators.GT, ZERO_F));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return alpha.mul(FastMath.Lanes.exp(z).sub(ONE)).blend(z, z.compare(VectorOperators.GT, ZERO));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g.mul(a.add(alphaF)).blend(g, a.compare(VectorOperators.GT, ZERO_F));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g.mul(a.add(alpha)).blend(g, a.compare(VectorOperators.GT, ZERO));
        }
    }

    /** ONNX's {@code Elu} with its {@code alpha} (stored as a float). */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Elu", name, input).attribute("alpha", alphaF).output();
    }

    @Override
    public String onnxOp() {
        return "Elu";
    }

    /** An {@code Elu} node: its {@code alpha} (ONNX's default 1.0). */
    @Override
    public ActivationFunction fromOnnx(Map<String, Object> attributes) {
        OnnxAttributes.only(attributes, "Elu", "alpha");
        return new Elu(OnnxAttributes.number(attributes, "alpha", 1.0));
    }
}
