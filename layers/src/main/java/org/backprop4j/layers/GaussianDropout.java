package org.backprop4j.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.backprop4j.onnx.OnnxGraph;
import org.backprop4j.onnx.OnnxLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code GaussianDropout(rate)}: while training, every input value is multiplied by normal
 * noise centred on 1, whose variance {@code rate / (1 - rate)} is that of {@code Dropout(rate)}'s
 * mask; in {@code predict} and {@code evaluate} the layer is the identity. Shapes: samples of any
 * shape, the same shape out; no weights.
 * <pre>
 *   training:   mask[b, i] ~ N(1, rate / (1 - rate))      (standard deviation sqrt(rate / (1 - rate)))
 *               y = x * mask,     dL/dx = dL/dy * mask      (the Jacobian is diag(mask))
 *   inference:  y = x,            dL/dx = dL/dy
 * </pre>
 * The mask is drawn from the model's seeded random stream ({@link CallContext#random()}), in
 * row-major order (Box-Muller, {@code NormalDraws}), so the same seed gives bit-identical training.
 * Keras accepts a rate of 1 and then divides by zero when it trains; here the rate is in [0, 1).
 *
 * <p>As for {@link Dropout}, a whole-model {@code GradientCheck} does not apply with a rate above 0
 * (the training pass has a random mask, the loss differences have none).
 */
public class GaussianDropout extends Layer implements OnnxLayer {

    private final double rate;

    /**
     * @param rate the drop probability of the {@link Dropout} whose variance the noise has, in [0, 1)
     * @throws IllegalArgumentException for a rate outside [0, 1) (or NaN)
     */
    public GaussianDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("GaussianDropout rate must be in [0, 1) (the noise's standard deviation"
                    + " is sqrt(rate / (1 - rate))), got " + rate);
        }
        this.rate = rate;
    }

    /** From {@code {"rate": r}}, as {@link #config()} writes it. */
    public static GaussianDropout fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "GaussianDropout", "rate");
        return new GaussianDropout(Config.number(config, "rate"));
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("rate", rate);
    }

    /** Element by element: samples of any shape, the same shape out. */
    @Override
    protected long[] outputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    protected long build(long inputSize, Random random) {
        return inputSize;
    }

    /** No weights. */
    @Override
    public List<long[]> parameterShapes(long inputSize) {
        return List.of();
    }

    /** Training: {@code x * mask} with a fresh mask; inference (or rate 0): {@code x} itself. */
    @Override
    public INDArray forward(INDArray x, CallContext context) {
        if (!context.training() || rate == 0) {
            return x;
        }
        INDArray mask = context.buffer(this, "mask", x.rows(), x.columns());
        NormalDraws.fill(mask, 1.0, stddev(), context.random());
        INDArray output = context.buffer(this, "output", x.rows(), x.columns());
        multiply(x, mask, output);
        context.keep(this, "mask", mask);
        return output;
    }

    /** {@code dL/dx = dL/dy * mask} (the forward pass's mask), or {@code dL/dy} for rate 0. */
    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        if (!needInputGradient) {
            return null;
        }
        if (rate == 0) {
            return dLdOutput;
        }
        INDArray dLdx = context.buffer(this, "dLdx", dLdOutput.rows(), dLdOutput.columns());
        multiply(dLdOutput, context.kept(this, "mask"), dLdx);
        return dLdx;
    }

    /** {@code out = a * mask}, element by element. */
    private static void multiply(INDArray a, INDArray mask, INDArray out) {
        Values av = Values.of(Arrays2D.isPlain(a) ? a : a.dup('c'));
        Values mv = Values.of(mask);
        Values ov = Values.of(out);
        for (long i = 0, length = out.length(); i < length; i++) {
            ov.set(i, av.get(i) * mv.get(i));
        }
    }

    /** The rate whose Dropout variance the noise has. */
    public double rate() {
        return rate;
    }

    /** The noise's standard deviation, {@code sqrt(rate / (1 - rate))}. */
    public double stddev() {
        return Math.sqrt(rate / (1.0 - rate));
    }

    /** ONNX: an {@code Identity} node (a model for inference multiplies by nothing). */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        return graph.add("Identity", name(), input).doc("GaussianDropout(rate=" + rate + ")").output();
    }
}
