package org.backprop4j.layers;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.backprop4j.onnx.OnnxGraph;
import org.backprop4j.onnx.OnnxLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code GaussianNoise(stddev)}: while training, zero-centred normal noise is added to every
 * input value (a regulariser, and a way to augment data); in {@code predict} and {@code evaluate} the
 * layer is the identity. Shapes: samples of any shape, the same shape out; no weights.
 * <pre>
 *   training:   noise[b, i] ~ N(0, stddev^2)     (independent)
 *               y = x + noise,    dL/dx = dL/dy      (the noise does not depend on x)
 *   inference:  y = x,            dL/dx = dL/dy
 * </pre>
 * The noise is drawn from the model's seeded random stream ({@link CallContext#random()}), in
 * row-major order, two uniform numbers per pair of values (Box-Muller, {@code NormalDraws}), so the
 * same seed gives bit-identical training.
 *
 * <p>A whole-model {@code GradientCheck} compares training-mode gradients (with noise) against
 * differences of the inference-mode loss (no noise): as the noise only shifts the input of the next
 * layer, check a model with stddev 0, or the layer itself with a fixed seed.
 */
public class GaussianNoise extends ElementwiseLayer implements OnnxLayer {

    private final double stddev;

    /**
     * @param stddev the standard deviation of the noise, in [0, 1] as Keras checks it
     * @throws IllegalArgumentException for a stddev outside [0, 1] (or NaN)
     */
    public GaussianNoise(double stddev) {
        if (!(stddev >= 0 && stddev <= 1)) {
            throw new IllegalArgumentException("GaussianNoise stddev must be in [0, 1] (the noise's standard deviation,"
                    + " as Keras checks it), got " + stddev);
        }
        this.stddev = stddev;
    }

    /** From {@code {"stddev": s}}, as {@link #config()} writes it. */
    public static GaussianNoise fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "GaussianNoise", "stddev");
        return new GaussianNoise(Config.number(config, "stddev"));
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("stddev", stddev);
    }

    /** Training: {@code x + noise} with fresh noise; inference (or stddev 0): {@code x} itself. */
    @Override
    public INDArray forward(INDArray x, CallContext context) {
        if (!context.training() || stddev == 0) {
            return x;
        }
        INDArray output = context.buffer(this, "output", x.rows(), x.columns());
        NormalDraws.fill(output, 0.0, stddev, context.random());   // the noise, then x added to it
        Values in = Values.of(Arrays2D.isPlain(x) ? x : x.dup('c'));
        Values out = Values.of(output);
        for (long i = 0, length = output.length(); i < length; i++) {
            out.set(i, in.get(i) + out.get(i));
        }
        return output;
    }

    /** {@code dL/dx = dL/dy}. */
    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        return needInputGradient ? dLdOutput : null;
    }

    /** The standard deviation of the noise added while training. */
    public double stddev() {
        return stddev;
    }

    /** ONNX: an {@code Identity} node (a model for inference adds no noise). */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        return graph.add("Identity", name(), input).doc("GaussianNoise(stddev=" + stddev + ")").output();
    }
}
