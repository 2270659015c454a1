package org.backprop4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of the loss with respect to every layer's output, for {@link Sequential#layerGradients}:
 * the upstream gradients a backward pass hands from layer to layer, kept instead of thrown away.
 * <pre>
 *   forward:   a_0 = x;  a_l = layer_l(a_(l-1))                      (training mode, as fit)
 *   g_L = dL/da_L = loss.gradient(a_L, y)                            (dL/dpredictions, never fused)
 *   g_(l-1) = dL/da_(l-1) = layer_l.backward(g_l)                    for l = L .. 2
 * </pre>
 * {@code L} is the mean loss over the rows of {@code x} (the regularisation penalty does not depend
 * on the outputs, so it adds nothing here). Entry {@code l} has the shape of {@code layerOutputs(x)}'s
 * entry {@code l}, {@code (samples, outputSize_l)}. The first layer's backward pass runs too, with no
 * input gradient, so afterwards every parameter holds the gradient of the same loss, as after
 * {@link Sequential#gradients}.
 */
final class LayerGradients {

    private LayerGradients() {
    }

    /**
     * @param inputs checked {@code (samples, inputSize)}
     * @param targets checked targets for {@code inputs}
     * @return copies, in layer order: entry {@code l} is {@code dL/d(output of layer l)}
     */
    static List<INDArray> of(Network network, Objective objective, Backprop mode, CallContext context,
                             INDArray inputs, INDArray targets) {
        List<Layer> layers = network.layers();
        INDArray predictions = network.forward(inputs, context);
        INDArray gradient = context.buffer(LayerGradients.class, "dLdp", predictions.rows(), predictions.columns());
        objective.loss().gradient(predictions, targets, gradient);                   // dL/dpredictions
        INDArray[] perLayer = new INDArray[layers.size()];
        for (int l = layers.size() - 1; l >= 0; l--) {
            Layer layer = layers.get(l);
            perLayer[l] = InputShapes.samples(gradient.dup(), layer.outputShape());
            gradient = mode == Backprop.EXPLICIT_JACOBIAN ? layer.backwardExplicit(gradient, l > 0, context)
                    : layer.backward(gradient, l > 0, context);                         // dL/d(input of l)
        }
        context.releaseKept();
        return new ArrayList<>(Arrays.asList(perLayer));
    }
}
