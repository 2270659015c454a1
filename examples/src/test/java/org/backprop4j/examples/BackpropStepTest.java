package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The numbers of the backprop-step example (docs/backprop-by-hand.md) are backprop4j's own: the
 * hand-computed gradients equal {@code model.gradients}, the hand-computed update equals what
 * {@code trainOnBatch} does, and the first epoch of the xor example starts from the same loss.
 */
class BackpropStepTest {

    private static final INDArray X = Nd4j.create(Xor.X);
    private static final INDArray Y = Nd4j.create(Xor.Y);

    private static BackpropStep.Step step;
    private static String printed;

    @BeforeAll
    static void runTheExample() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            step = BackpropStep.run(Xor.SEED, Xor.LEARNING_RATE, out);
        }
        printed = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHandComputedGradientsAreTheLibrarysInBothBackpropModes() {
        for (Backprop mode : Backprop.values()) {
            Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE).setBackprop(mode);
            List<INDArray> gradients = model.gradients(X, Y);
            assertClose(step.dLdW1(), gradients.get(0), mode + " dL/dW1");
            assertClose(new double[][] {step.dLdb1()}, gradients.get(1), mode + " dL/db1");
            assertClose(step.dLdW2(), gradients.get(2), mode + " dL/dW2");
            assertClose(new double[][] {step.dLdb2()}, gradients.get(3), mode + " dL/db2");
        }
    }

    @Test
    void theHandComputedUpdateIsWhatTrainOnBatchDoes() {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        assertClose(step.w1(), model.getWeights().get(0), "initial W1");
        assertClose(step.w2(), model.getWeights().get(2), "initial W2");

        Map<String, Double> before = model.trainOnBatch(X, Y);

        assertEquals(step.loss(), before.get("loss"), 1e-15);
        List<INDArray> after = model.getWeights();
        assertClose(step.newW1(), after.get(0), "updated W1");
        assertClose(new double[][] {step.newB1()}, after.get(1), "updated b1");
        assertClose(step.newW2(), after.get(2), "updated W2");
        assertClose(new double[][] {step.newB2()}, after.get(3), "updated b2");
        assertEquals(step.newLoss(), model.evaluate(X, Y).get("loss"), 1e-15);
        assertTrue(step.newLoss() < step.loss(), "one step downhill lowers the loss");

        BackpropStep.Check check = BackpropStep.check(step);
        assertTrue(check.worst() < 1e-12, check.toString());
    }

    @Test
    void itIsTheFirstStepOfTheXorExample() {
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        History history = model.fit(X, Y, new FitOptions().epochs(2).batchSize(4).verbose(0));

        assertEquals(step.loss(), history.get("loss").get(0), 1e-15, "epoch 1 reports the loss before its step");
        assertEquals(step.newLoss(), history.get("loss").get(1), 1e-15, "epoch 2 the loss after it");
    }

    @Test
    void theScalarChainRuleAndTheCentralDifferenceGiveTheMatrixEntry() {
        double sum = 0;
        for (int b = 0; b < 4; b++) {
            sum += step.dLdP()[b][0] * step.p()[b][0] * (1 - step.p()[b][0]) * step.a1()[b][0];
        }
        assertEquals(step.dLdW2()[0][0], sum, 1e-15);
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "sum: dL/dw = %.8f", step.dLdW2()[0][0])), printed);
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "= %.6f (6 decimals", step.dLdW2()[0][0])), printed);
    }

    @Test
    void printsEveryQuantityWithTheLabelsThePageUses() {
        for (String label : List.of("Z1 = X W1 + b1", "A1 = sigmoid(Z1)", "P = sigmoid(Z2), the predictions",
                "loss L = ", "delta2 = dL/dZ2", "dL/dW2 = A1^T delta2", "dL/db2 = ", "dL/dA1 = delta2 W2^T",
                "delta1 = dL/dZ1", "dL/dW1 = X^T delta1", "dL/db1 = ", "updated W1 =", "updated b1 =", "updated W2 =",
                "updated b2 =", "new loss on the same 4 samples = ")) {
            assertTrue(printed.contains(label), label + " missing from:\n" + printed);
        }
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "loss L = mean of (P - Y)^2 over the 4 x 1 elements = %.8f",
                step.loss())), printed);
        assertEquals(3, count(printed, ": true"), printed);
        assertEquals(0, count(printed, ": false"), printed);
        assertTrue(printed.contains("9 weights ->        18 forward passes"), printed);
        assertTrue(printed.contains("203,530 weights ->   407,060 forward passes"), printed);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static void assertClose(double[][] byHand, INDArray library, String what) {
        double[] flat = library.reshape(library.length()).toDoubleVector();
        int index = 0;
        for (double[] row : byHand) {
            for (double value : row) {
                assertEquals(flat[index++], value, 1e-15, what);
            }
        }
        assertEquals(flat.length, index, what + ": number of entries");
    }
}
