package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.backprop4j.core.Sequential;
import org.backprop4j.examples.autograd.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scalar autograd of docs/computational-graph.md: gate patterns, forks, and the XOR step against the library. */
class AutogradTest {

    @Test
    void theGatesHaveTheirLocalDerivatives() {
        Value a = new Value(2, "a");
        Value b = new Value(-3, "b");
        Value out = a.times(b).plus(a.max(b)).plus(a.exp()).plus(b.tanh()).plus(a.sigmoid());
        out.backward();
        double s = 1 / (1 + Math.exp(-2));
        assertEquals(-3 + 1 + Math.exp(2) + s * (1 - s), a.grad(), 1e-15);     // mul swaps, max routes to a
        double t = Math.tanh(-3);
        assertEquals(2 + 0 + (1 - t * t), b.grad(), 1e-15);                       // max routes nothing to b
        assertEquals(-6 + 2 + Math.exp(2) + t + s, out.data(), 1e-15);
    }

    @Test
    void aForkAddsItsGradientsAndOverwritingLosesOne() {
        Value a = new Value(3, "a");
        Value square = a.times(a);
        square.backward();
        assertEquals(6, a.grad(), 0);
        square.backwardOverwriting();
        assertEquals(3, a.grad(), 0);
    }

    @Test
    void backwardMatchesACentralDifferenceOnAGraphWithForks() {
        double[] h = {1e-6};
        java.util.function.DoubleUnaryOperator f = x -> {
            Value v = new Value(x, "x");
            Value u = v.tanh().times(v).plus(v.exp().times(v.sigmoid()));
            return u.times(u).data();
        };
        Value x = new Value(0.7, "x");
        Value u = x.tanh().times(x).plus(x.exp().times(x.sigmoid()));
        Value out = u.times(u);
        out.backward();
        assertEquals((f.applyAsDouble(0.7 + h[0]) - f.applyAsDouble(0.7 - h[0])) / (2 * h[0]), x.grad(), 1e-8);
        assertEquals(List.of(x), x.topologicalOrder());
        assertTrue(out.topologicalOrder().indexOf(u) > out.topologicalOrder().indexOf(x));
    }

    @Test
    void theXorStepsGradientsEqualTheLibrarysTo1e15() {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        double[] autograd = XorGraph.gradients(model, true);
        double[] library = XorGraph.libraryGradients(model);
        assertEquals(9, autograd.length);
        for (int k = 0; k < library.length; k++) {
            assertEquals(library[k], autograd[k], 1e-15, "weight " + k);
        }
        BackpropStep.Step step = BackpropStep.compute(Xor.SEED, Xor.LEARNING_RATE);
        assertEquals(step.dLdW2()[0][0], autograd[6], 1e-15);
        assertEquals(step.loss(), XorGraph.batchLoss(XorGraph.Weights.of(model)).data(), 1e-15);
    }

    @Test
    void overwritingAtForksGivesWrongGradients() {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        double[] right = XorGraph.gradients(model, true);
        double[] wrong = XorGraph.gradients(model, false);
        for (int k = 0; k < right.length; k++) {
            assertTrue(Math.abs(right[k] - wrong[k]) > 1e-3, "weight " + k + ": " + right[k] + " vs " + wrong[k]);
        }
    }

    @Test
    void theSamplesGraphHasItsWeightsSharesAndIsDrawn(@TempDir Path dir) throws Exception {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        XorGraph.Weights w = XorGraph.Weights.of(model);
        Value loss = XorGraph.sampleLoss(w, XorGraph.SAMPLE);
        loss.backward();
        BackpropStep.Step step = BackpropStep.compute(Xor.SEED, Xor.LEARNING_RATE);
        int b = XorGraph.SAMPLE;
        // sample 2's share of dL/dW2[0][0] is its delta2 times its a1_0, as backprop-by-hand.md prints
        assertEquals(step.delta2()[b][0] * step.a1()[b][0], w.w2()[0].grad(), 1e-15);
        assertEquals(31, loss.topologicalOrder().size());
        Path file = XorGraph.writePlot(loss, Xor.SEED, dir);
        BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertTrue(Files.size(file) > 10_000 && image.getWidth() > 1000, "the picture is drawn");
    }
}
