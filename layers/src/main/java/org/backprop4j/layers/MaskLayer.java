package org.backprop4j.layers;

import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that multiplies its input by a random mask while training and passes it through
 * unchanged in inference: {@code y = x * mask} element by element, {@code dL/dx = dL/dy * mask} with
 * the forward pass's mask. The common part of {@link Dropout} (a mask of 0 and {@code 1 / (1 - rate)})
 * and {@link GaussianDropout} (normal draws around 1); a subclass says how its mask is drawn.
 */
public abstract class MaskLayer extends ElementwiseLayer {

    /** For subclasses. */
    protected MaskLayer() {
    }

    /** Whether the mask would be all ones (rate 0): then the layer is the identity in training too. */
    protected abstract boolean masksNothing();

    /** Fills {@code mask}, of the batch's shape, with this step's draws from {@code random}. */
    protected abstract void drawMask(INDArray mask, Random random);

    /** Training: {@code x * mask} with a fresh mask; inference (or a mask of ones): {@code x} itself. */
    @Override
    public final INDArray forward(INDArray x, CallContext context) {
        if (!context.training() || masksNothing()) {
            return x;
        }
        INDArray mask = context.buffer(this, "mask", x.rows(), x.columns());
        drawMask(mask, context.random());
        INDArray output = context.buffer(this, "output", x.rows(), x.columns());
        multiply(x, mask, output);
        context.keep(this, "mask", mask);
        return output;
    }

    /** {@code dL/dx = dL/dy * mask} (the forward pass's mask), or {@code dL/dy} for a mask of ones. */
    @Override
    public final INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        if (!needInputGradient) {
            return null;
        }
        if (masksNothing()) {
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
}
