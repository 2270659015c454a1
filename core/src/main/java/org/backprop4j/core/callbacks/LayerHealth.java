package org.backprop4j.core.callbacks;

/**
 * One layer's health at the end of one epoch, as {@link TrainingHealth} measures it on its probe
 * data. A quantity that does not apply to the layer is {@code NaN}: the weight quantities for a
 * layer without weights, the saturated fraction for anything but a sigmoid or tanh hidden layer, the
 * dead fraction for anything but a relu hidden layer.
 *
 * @param epoch the epoch, counted from 1 over every {@code fit} the callback was given to
 * @param layer the layer's name, e.g. {@code "dense"}
 * @param activation the name of the activation its output ends with ({@code "relu"}), or null
 * @param updateRatio {@code ||W_end - W_start|| / ||W_start||} over the epoch, W the layer's
 *        weights (kernel and bias together, Frobenius norm); NaN when {@code ||W_start|| = 0}
 * @param gradientNorm {@code ||dL/dW||} on the probe data at the end of the epoch
 * @param weightNorm {@code ||W||} at the end of the epoch
 * @param saturatedFraction the fraction of the layer's outputs on the probe data where a sigmoid is
 *        below {@value TrainingHealth#SATURATION_MARGIN} or above 1 minus it, or a tanh beyond
 *        {@code +-(1 - margin)}: where the activation's slope almost vanishes
 * @param deadFraction the fraction of the layer's relu units whose output is 0 for every probe sample
 * @param units the layer's output size
 */
public record LayerHealth(int epoch, String layer, String activation, double updateRatio, double gradientNorm,
                          double weightNorm, double saturatedFraction, double deadFraction, long units) {

    /** Whether the layer has weights (the update and gradient quantities apply). */
    public boolean hasWeights() {
        return !Double.isNaN(weightNorm);
    }
}
