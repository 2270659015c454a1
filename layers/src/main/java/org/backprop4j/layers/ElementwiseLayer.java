package org.backprop4j.layers;

import java.util.List;
import java.util.Random;

import org.backprop4j.core.Layer;

/**
 * A layer without weights that works element by element: a sample of any shape
 * {@code (d1, ..., dk)} comes out with the same shape, so its output size is its input size. The
 * common part of {@link Dropout}, {@link GaussianDropout}, {@link GaussianNoise} and {@link Rescaling};
 * a subclass writes its forward and backward passes and its config.
 */
public abstract class ElementwiseLayer extends Layer {

    /** For subclasses. */
    protected ElementwiseLayer() {
    }

    /** No weights to draw: the output size is {@code inputSize}. */
    @Override
    protected final long build(long inputSize, Random random) {
        return inputSize;
    }

    /** Element by element: samples of any shape, the same shape out. */
    @Override
    protected final long[] outputShape(long[] inputShape) {
        return inputShape;
    }

    /** No weights. */
    @Override
    public final List<long[]> parameterShapes(long inputSize) {
        return List.of();
    }
}
