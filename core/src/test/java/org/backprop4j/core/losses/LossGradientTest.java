package org.backprop4j.core.losses;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Registry;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.activations.Softmax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Loss.gradient} against central differences of {@code Loss.value} (the non-fused path),
 * and the fused {@code gradientWrtPreActivation} against central differences of
 * {@code value(f(z))} with respect to the logits z.
 */
class LossGradientTest {

    private static final double EPSILON = 1e-6;
    private static final double TOLERANCE = 1e-6;
    private static final double FLOOR = 1e-10;

    static Stream<Arguments> losses() {
        Random random = new Random(5);
        return Stream.of(
                Arguments.of(new MeanSquaredError(), TestArrays.uniform(random, 4, 3, 0.05, 0.95),
                        TestArrays.uniform(random, 4, 3, 0, 1)),
                Arguments.of(new BinaryCrossentropy(), TestArrays.uniform(random, 4, 3, 0.05, 0.95),
                        TestArrays.uniform(random, 4, 3, 0, 1)),
                Arguments.of(new CategoricalCrossentropy(), TestArrays.uniform(random, 4, 3, 0.05, 0.95),
                        TestArrays.oneHot(random, 4, 3)));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void gradientMatchesCentralDifferencesOfTheValue(Loss loss, INDArray p, INDArray y) {
        INDArray analytic = Nd4j.zeros(p.dataType(), p.shape());
        loss.gradient(p, y, analytic);
        INDArray numeric = numericGradient(z -> loss.value(z, y), p);
        double error = TestArrays.maxRelativeError(numeric, analytic, FLOOR);
        assertTrue(error <= TOLERANCE, loss.name() + " relative error " + error);
    }

    @Test
    void softmaxCategoricalCrossentropyFusedGradientMatchesCentralDifferences() {
        Random random = new Random(9);
        checkFused(new CategoricalCrossentropy(), new Softmax(), TestArrays.uniform(random, 5, 4, -3, 3),
                TestArrays.oneHot(random, 5, 4));
    }

    @Test
    void sigmoidBinaryCrossentropyFusedGradientMatchesCentralDifferences() {
        Random random = new Random(10);
        // 0/1 targets keep every |p - y| (and so every gradient) well above central-difference round-off
        checkFused(new BinaryCrossentropy(), new Sigmoid(), TestArrays.uniform(random, 5, 3, -3, 3),
                TestArrays.oneHot(random, 5, 3));
    }

    @Test
    void onlyTheKerasPairsFuse() {
        assertTrue(new CategoricalCrossentropy().fusesWith(new Softmax()));
        assertTrue(new BinaryCrossentropy().fusesWith(new Sigmoid()));
        for (String name : List.of("sigmoid", "softmax", "tanh", "relu", "linear")) {
            assertFalse(new MeanSquaredError().fusesWith(Registry.ACTIVATIONS.create(name)), name);
        }
        assertFalse(new CategoricalCrossentropy().fusesWith(new Sigmoid()));
        assertFalse(new BinaryCrossentropy().fusesWith(new Softmax()));
        INDArray p = Nd4j.create(new double[][] {{0.5}});
        assertThrows(UnsupportedOperationException.class,
                () -> new MeanSquaredError().gradientWrtPreActivation(p, p, p.dup()));
    }

    /** dL/dz from the fused path against central differences of value(f(z)). */
    private static void checkFused(Loss loss, ActivationFunction activation, INDArray z, INDArray y) {
        INDArray p = z.dup();
        activation.forward(p, p);
        INDArray fused = Nd4j.zeros(p.dataType(), p.shape());
        loss.gradientWrtPreActivation(p, y, fused);
        INDArray numeric = numericGradient(logits -> {
            INDArray probabilities = logits.dup();
            activation.forward(probabilities, probabilities);
            return loss.value(probabilities, y);
        }, z);
        double error = TestArrays.maxRelativeError(numeric, fused, FLOOR);
        assertTrue(error <= TOLERANCE, loss.name() + " after " + activation.name() + " relative error " + error);

        // and the same numbers as the unfused chain: dL/dp through the activation's backward pass
        INDArray dLdp = Nd4j.zeros(p.dataType(), p.shape());
        loss.gradient(p, y, dLdp);
        INDArray chained = Nd4j.zeros(p.dataType(), p.shape());
        activation.backward(z, p, dLdp, chained);
        double chainError = TestArrays.maxRelativeError(chained, fused, 1e-15);
        assertTrue(chainError <= 1e-9, "fused vs chained relative error " + chainError);
    }

    private interface Function {
        double apply(INDArray input);
    }

    private static INDArray numericGradient(Function f, INDArray at) {
        INDArray gradient = Nd4j.zeros(at.dataType(), at.shape());
        for (int i = 0; i < at.rows(); i++) {
            for (int j = 0; j < at.columns(); j++) {
                double original = at.getDouble(i, j);
                INDArray plus = at.dup();
                plus.putScalar(i, j, original + EPSILON);
                INDArray minus = at.dup();
                minus.putScalar(i, j, original - EPSILON);
                gradient.putScalar(i, j, (f.apply(plus) - f.apply(minus)) / (2 * EPSILON));
            }
        }
        return gradient;
    }
}
