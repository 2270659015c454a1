package org.backprop4j.layers;

import java.util.List;
import java.util.Map;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.backprop4j.onnx.OnnxGraph;
import org.backprop4j.onnx.OnnxLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code Rescaling(scale, offset=0.0)}: every input value scaled and shifted, e.g.
 * {@code new Rescaling(1.0 / 255)} for pixels 0..255 to [0, 1]. No weights; the same in training and
 * inference. Shapes: samples of any shape, the same shape out ({@code (batchSize, n)} as rows).
 * <pre>
 *   y = x * scale + offset          (element-wise; in FLOAT each operation rounds to float, as Keras)
 *   dL/dx = dL/dy * scale           (the Jacobian is scale * I)
 * </pre>
 */
public class Rescaling extends ElementwiseLayer implements OnnxLayer {

    private final double scale;
    private final double offset;

    /**
     * {@code x * scale}.
     *
     * @throws IllegalArgumentException for a scale that is not finite
     */
    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    /**
     * {@code x * scale + offset}.
     *
     * @throws IllegalArgumentException for a scale or an offset that is not finite
     */
    public Rescaling(double scale, double offset) {
        if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("Rescaling needs a finite scale and offset, got scale=" + scale
                    + ", offset=" + offset);
        }
        this.scale = scale;
        this.offset = offset;
    }

    /** From {@code {"scale": s, "offset": o}}, as {@link #config()} writes it. */
    public static Rescaling fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Rescaling", "scale", "offset");
        return new Rescaling(Config.number(config, "scale"), Config.number(config, "offset"));
    }

    /** {@code {"scale": s, "offset": o}}, in that order (Keras' argument order, also in messages and files). */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("scale", scale);
        config.put("offset", offset);
        return config;
    }

    /** {@code x * scale + offset}, a work array of the context's. */
    @Override
    public INDArray forward(INDArray x, CallContext context) {
        INDArray output = context.buffer(this, "output", x.rows(), x.columns());
        Values in = Values.of(Arrays2D.isPlain(x) ? x : x.dup('c'));
        Values out = Values.of(output);
        long length = output.length();
        if (output.dataType() == DataType.FLOAT) {
            float s = (float) scale;
            float o = (float) offset;
            for (long i = 0; i < length; i++) {
                float scaled = (float) in.get(i) * s;
                out.set(i, scaled + o);
            }
        } else {
            for (long i = 0; i < length; i++) {
                out.set(i, in.get(i) * scale + offset);
            }
        }
        return output;
    }

    /** {@code dL/dx = dL/dy * scale}. */
    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        if (!needInputGradient) {
            return null;
        }
        INDArray dLdx = context.buffer(this, "dLdx", dLdOutput.rows(), dLdOutput.columns());
        Values g = Values.of(Arrays2D.isPlain(dLdOutput) ? dLdOutput : dLdOutput.dup('c'));
        Values out = Values.of(dLdx);
        boolean single = dLdx.dataType() == DataType.FLOAT;
        float s = (float) scale;
        for (long i = 0, length = dLdx.length(); i < length; i++) {
            out.set(i, single ? (float) g.get(i) * s : g.get(i) * scale);
        }
        return dLdx;
    }

    /** The factor every value is multiplied by. */
    public double scale() {
        return scale;
    }

    /** What is added after scaling. */
    public double offset() {
        return offset;
    }

    /** ONNX: {@code Mul} by the scale, then {@code Add} of the offset (left out when it is 0). */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        String scaled = graph.add("Mul", name() + "_scale", input, graph.scalar(name() + "/scale", scale)).output();
        if (offset == 0) {
            return scaled;
        }
        return graph.add("Add", name() + "_offset", scaled, graph.scalar(name() + "/offset", offset)).output();
    }
}
