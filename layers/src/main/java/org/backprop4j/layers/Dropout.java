package org.backprop4j.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
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
public class Dropout extends MaskLayer implements OnnxLayer {

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

    /** Nothing is dropped at rate 0. */
    @Override
    protected boolean masksNothing() {
        return rate == 0;
    }

    /** Each element kept with probability {@code 1 - rate} and scaled by {@code 1 / (1 - rate)}, else 0. */
    @Override
    protected void drawMask(INDArray mask, Random random) {
        double scale = 1.0 / (1.0 - rate);
        Values maskValues = Values.of(mask);
        for (long i = 0, length = mask.length(); i < length; i++) {
            maskValues.set(i, random.nextFloat() >= rate ? scale : 0.0);
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
