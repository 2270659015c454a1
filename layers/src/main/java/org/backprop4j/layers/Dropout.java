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
 * Keras' {@code Dropout(rate)}, inverted dropout. While training, each input element is dropped
 * (set to 0) with probability {@code rate} and every kept one is scaled by {@code 1 / (1 - rate)},
 * so the expected value of each output equals its input; in {@code predict} and {@code evaluate}
 * the layer is the identity. Shapes: {@code (batchSize, n)} in and out; no weights.
 * <pre>
 *   training:   mask[b, i] = (u[b, i] &gt;= rate) ? 1 / (1 - rate) : 0,   u uniform in [0, 1)
 *               y = x * mask                     (element-wise)
 *               dL/dx = dL/dy * mask             (the Jacobian is diag(mask))
 *   inference:  y = x,  dL/dx = dL/dy
 * </pre>
 * The numbers u are drawn, in row-major order, from the model's seeded random stream
 * ({@link CallContext#random()}), one {@code nextFloat()} per element, so the same seed gives the
 * same masks and bit-identical training.
 *
 * <p>{@code GradientCheck} on a whole model compares training-mode gradients (a random mask) with
 * differences of the inference-mode loss (no mask), so it does not apply to a model with a rate
 * above 0; check the layer itself with a fixed mask instead (the same seed twice gives the same mask).
 */
public class Dropout extends Layer implements OnnxLayer {

    private final double rate;

    /**
     * @param rate the fraction of inputs to drop while training, in [0, 1)
     * @throws IllegalArgumentException for a rate outside [0, 1)
     */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1) (the fraction of inputs to drop), got " + rate);
        }
        this.rate = rate;
    }

    /** From {@code {"rate": r}}, as {@link #config()} writes it. */
    public static Dropout fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Dropout", "rate");
        return new Dropout(Config.number(config, "rate"));
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("rate", rate);
    }

    @Override
    protected long build(long inputSize, Random random) {
        return inputSize;
    }

    /** Element by element: samples of any shape, the same shape out. */
    @Override
    protected long[] outputShape(long[] inputShape) {
        return inputShape;
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
        Random random = context.random();
        double scale = 1.0 / (1.0 - rate);
        Values maskValues = Values.of(mask);
        for (long i = 0, length = mask.length(); i < length; i++) {
            maskValues.set(i, random.nextFloat() >= rate ? scale : 0.0);
        }
        INDArray output = context.buffer(this, "output", x.rows(), x.columns());
        multiply(x, mask, output);
        context.keep(this, "mask", mask);
        return output;
    }

    /** {@code dL/dx = dL/dy * mask} (the same mask as the forward pass), or {@code dL/dy} when nothing was dropped. */
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

    /** The fraction of inputs dropped while training. */
    public double rate() {
        return rate;
    }

    /**
     * ONNX: an {@code Identity} node (a model for inference drops nothing), described as
     * {@code Dropout(rate=r)} so that an import gives the Dropout layer back.
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        return graph.add("Identity", name(), input).doc("Dropout(rate=" + rate + ")").output();
    }
}
