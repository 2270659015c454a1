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
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The leaky rectifier, Keras' {@code "leaky_relu"}: {@code a = z} for {@code z > 0}, else
 * {@code negativeSlope z}, element-wise; the activation's default slope is 0.2 (Keras 3's
 * {@code keras.activations.leaky_relu}; the {@code LeakyReLU} layer's is 0.3). Derivative: 1 for
 * {@code z > 0}, else the slope (also at 0, as TensorFlow), read off the output since the slope is
 * not negative. Shapes: a and z alike; the Jacobian of a sample is diagonal.
 *
 * <p>The {@code LeakyReLU} layer ({@code org.backprop4j.layers.LeakyReLU}) applies this same formula.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class LeakyRelu extends ElementwiseActivation implements OnnxActivation {

    /** Keras 3's default slope of the activation function. */
    public static final double DEFAULT_SLOPE = 0.2;

    private final double negativeSlope;
    private final float negativeSlopeF;

    /** {@code leaky_relu} with slope 0.2. */
    public LeakyRelu() {
        this(DEFAULT_SLOPE);
    }

    /**
     * @param negativeSlope the factor of z below 0
     * @throws IllegalArgumentException if the slope is negative, NaN or infinite (as Keras' layer refuses a
     *         negative one)
     */
    public LeakyRelu(double negativeSlope) {
        if (!(negativeSlope >= 0) || Double.isInfinite(negativeSlope)) {
            throw new IllegalArgumentException("leaky_relu's negative slope must be a finite number >= 0, got "
                    + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
        this.negativeSlopeF = (float) negativeSlope;
    }

    /** From {@code {"negative_slope": ...}} (missing: 0.2), as {@link #config()} writes it. */
    public static LeakyRelu fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "leaky_relu", List.of(), List.of("negative_slope"));
        return new LeakyRelu(config.containsKey("negative_slope") ? Config.number(config, "negative_slope") : DEFAULT_SLOPE);
    }

    /** {@code {"negative_slope": negativeSlope}}, Keras' key. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("negative_slope", negativeSlope);
        return config;
    }

    /** The factor of z below 0. */
    public double negativeSlope() {
        return negativeSlope;
    }

    /** {@code a = z > 0 ? z : negativeSlope z}. */
    @Override
    public float apply(float z) {
        return z > 0f ? z : negativeSlopeF * z;
    }

    @Override
    public double apply(double z) {
        return z > 0.0 ? z : negativeSlope * z;
    }

    /** {@code dL/dz = a > 0 ? g : g negativeSlope}. */
    @Override
    public float backward(float z, float a, float g) {
        return a > 0f ? g : g * negativeSlopeF;
    }

    @Override
    public double backward(double z, double a, double g) {
        return a > 0.0 ? g : g * negativeSlope;
    }

    /** The derivative is read off the output: z is not needed. */
    @Override
    public boolean needsPreActivation() {
        return false;
    }

    @Override
    public ActivationLanes lanes() {
        return new Lanes(negativeSlopeF, negativeSlope);
    }

    /** The same formulas on every lane. */
    private static final class Lanes implements ActivationLanes {
        private static final FloatVector ZERO_F = FloatVector.zero(FloatVector.SPECIES_PREFERRED);
        private static final DoubleVector ZERO = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED);
        private final FloatVector slopeF;
        private final DoubleVector slope;

        Lanes(float slopeF, double slope) {
            this.slopeF = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, slopeF);
            this.slope = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, slope);
        }

        @Override
        public FloatVector apply(FloatVector z) {
            return slopeF.mul(z).blend(z, z.compare(VectorOperators.GT, ZERO_F));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            return slope.mul(z).blend(z, z.compare(VectorOperators.GT, ZERO));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g.mul(slopeF).blend(g, a.compare(VectorOperators.GT, ZERO_F));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g.mul(slope).blend(g, a.compare(VectorOperators.GT, ZERO));
        }
    }

    /**
     * ONNX's {@code LeakyRelu}, its alpha the slope. ONNX stores alpha as a float: in a DOUBLE graph whose
     * slope is no float (0.2) and at most 1, {@code Max(z, slope z)} instead (the same numbers, exactly).
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        if (graph.dataType() == DataType.DOUBLE && negativeSlopeF != negativeSlope && negativeSlope <= 1) {
            String scaled = graph.add("Mul", name + "/times_slope", input, graph.scalar(name + "/slope", negativeSlope))
                    .output();
            return graph.add("Max", name, input, scaled).output();
        }
        return graph.add("LeakyRelu", name, input).attribute("alpha", negativeSlopeF).output();
    }

    @Override
    public String onnxOp() {
        return "LeakyRelu";
    }

    /** A {@code LeakyRelu} node: its alpha as the slope (ONNX's default 0.01). */
    @Override
    public ActivationFunction fromOnnx(Map<String, Object> attributes) {
        OnnxAttributes.only(attributes, "LeakyRelu", "alpha");
        return new LeakyRelu(OnnxAttributes.number(attributes, "alpha", 0.01));
    }
}
