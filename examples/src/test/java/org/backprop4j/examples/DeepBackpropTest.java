package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loop of docs/deep-backprop.md matches the library, and the 10-layer gradients behave as the page says. */
class DeepBackpropTest {

    /** gradientNorms(k) for each initialiser, computed once for the whole class. */
    private static final java.util.Map<Integer, double[][]> NORMS = new java.util.concurrent.ConcurrentHashMap<>();

    private static double[][] norms(int k) {
        return NORMS.computeIfAbsent(k, DeepBackprop::gradientNorms);
    }

    @Test
    void theLoopOverLayersEqualsModelGradients() {
        assertTrue(DeepBackprop.checkAgainstLibrary() <= 1e-15, "worst " + DeepBackprop.checkAgainstLibrary());
    }

    @Test
    void errorSignalsShrinkGrowOrStayAsThePerLayerFactorPredicts() {
        // factor per layer going backwards: sqrt(n sigma^2 / 2) with n = 256
        double[] factor = {Math.sqrt(256 * 1e-4 / 2), Math.sqrt(256 * 0.04 / 2), Math.sqrt(0.5), 1};
        for (int k = 0; k < 4; k++) {
            double[] bias = norms(k)[0];
            double predicted = Math.pow(factor[k], 9);                  // from layer 10 to layer 1
            double ratio = bias[0] / predicted;
            assertTrue(ratio > 1.0 / 3 && ratio < 3, DeepBackprop.INITIALISERS.get(k) + ": layer 1 at " + bias[0]
                    + ", predicted " + predicted);
            assertEquals(1.0, bias[DeepBackprop.DEPTH - 1], 0);
        }
    }

    @Test
    void kernelGradientsOfReluLayersStayWithinAFactorOfTwoOfEachOtherAboveLayerOne() {
        for (int k = 0; k < 4; k++) {
            double[] kernel = norms(k)[1];
            for (int l = 1; l < DeepBackprop.DEPTH; l++) {
                assertTrue(kernel[l] > 0.5 && kernel[l] < 2, DeepBackprop.INITIALISERS.get(k) + " layer " + (l + 1)
                        + ": " + kernel[l]);
            }
        }
    }
}
