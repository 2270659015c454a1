package org.backprop4j.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
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
public class GaussianDropout extends MaskLayer implements OnnxLayer {

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

    /** No noise at rate 0. */
    @Override
    protected boolean masksNothing() {
        return rate == 0;
    }

    /** Normal draws with mean 1 and standard deviation {@link #stddev()}. */
    @Override
    protected void drawMask(INDArray mask, Random random) {
        NormalDraws.fill(mask, 1.0, stddev(), random);
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
