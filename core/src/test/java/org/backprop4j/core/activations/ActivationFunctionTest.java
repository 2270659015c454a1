package org.backprop4j.core.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Registry;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.internal.Arrays2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every activation: forward against its formula, {@code jacobian()} against central differences
 * of the forward pass, and {@code backward()} against {@code J^T g} built from {@code jacobian()}.
 */
class ActivationFunctionTest {

    static Stream<Arguments> elementWise() {
        return Stream.of(
                Arguments.of("sigmoid", (DoubleUnaryOperator) z -> 1 / (1 + Math.exp(-z))),
                Arguments.of("tanh", (DoubleUnaryOperator) Math::tanh),
                Arguments.of("relu", (DoubleUnaryOperator) z -> Math.max(0, z)),
                Arguments.of("linear", (DoubleUnaryOperator) z -> z));
    }

    @ParameterizedTest
    @MethodSource("elementWise")
    void forwardMatchesTheFormula(String name, DoubleUnaryOperator formula) {
        INDArray z = TestArrays.uniform(new Random(3), 4, 3, -4, 4);
        double[] before = Arrays2D.rowMajor(z);
        ActivationFunction function = Registry.ACTIVATIONS.create(name);
        assertEquals(name, function.name());
        function.forward(z, z);
        double[] after = Arrays2D.rowMajor(z);
        for (int i = 0; i < before.length; i++) {
            assertEquals(formula.applyAsDouble(before[i]), after[i], 1e-15, name + " at " + before[i]);
        }
    }

    /** J[i][k] = da_i/dz_k, checked column by column with central differences of the forward pass. */
    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "softmax", "tanh", "relu", "linear"})
    void jacobianMatchesCentralDifferences(String name) {
        ActivationFunction function = Registry.ACTIVATIONS.create(name);
        double[] z = {-1.3, 0.4, 2.1, -0.7};   // away from relu's kink at 0
        double epsilon = 1e-6;
        INDArray zs = Nd4j.create(new double[][] {z});
        INDArray a = zs.dup();
        function.forward(zs, a);
        INDArray jacobian = function.jacobian(zs.reshape(z.length), a.reshape(z.length));
        assertArrayEquals(new long[] {z.length, z.length}, jacobian.shape());
        for (int k = 0; k < z.length; k++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[k] += epsilon;
            minus[k] -= epsilon;
            INDArray aPlus = Nd4j.create(new double[][] {plus});
            INDArray aMinus = Nd4j.create(new double[][] {minus});
            function.forward(aPlus, aPlus);
            function.forward(aMinus, aMinus);
            for (int i = 0; i < z.length; i++) {
                double numeric = (aPlus.getDouble(0, i) - aMinus.getDouble(0, i)) / (2 * epsilon);
                assertEquals(numeric, jacobian.getDouble(i, k), 1e-8, name + " J[" + i + "][" + k + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "softmax", "tanh", "relu", "linear"})
    void backwardIsJacobianTransposeTimesGradient(String name) {
        ActivationFunction function = Registry.ACTIVATIONS.create(name);
        Random random = new Random(11);
        INDArray zs = TestArrays.uniform(random, 3, 4, -2, 2);
        INDArray a = zs.dup();
        function.forward(zs, a);
        INDArray g = TestArrays.uniform(random, 3, 4, -1, 1);
        INDArray dLdz = Nd4j.zeros(a.dataType(), 3, 4);
        function.backward(zs, a, g, dLdz);
        for (int row = 0; row < 3; row++) {
            INDArray expected = function.jacobian(zs.getRow(row).dup(), a.getRow(row).dup()).transpose()
                    .mmul(g.getRow(row).dup().reshape(4, 1));
            assertArrayEquals(Arrays2D.rowMajor(expected), Arrays2D.rowMajor(dLdz.getRow(row)), 1e-15,
                    name + " row " + row);
        }
    }

    @Test
    void reluDerivativeAtZeroIsZero() {
        ActivationFunction relu = Registry.ACTIVATIONS.create("relu");
        INDArray a = Nd4j.create(new double[][] {{0.0, 2.0}});
        INDArray dLdz = Nd4j.zeros(a.dataType(), 1, 2);
        relu.backward(a, a, Nd4j.create(new double[][] {{5.0, 5.0}}), dLdz);
        assertArrayEquals(new double[] {0.0, 5.0}, Arrays2D.rowMajor(dLdz), 0);
    }

    @Test
    void namesAreCaseInsensitiveAndUnknownNamesListTheValidOnes() {
        assertEquals("softmax", Registry.ACTIVATIONS.create(" SoftMax ").name());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Registry.ACTIVATIONS.create("swoosh"));
        assertTrue(error.getMessage().contains("'swoosh'"), error.getMessage());
        for (String valid : List.of("sigmoid", "softmax", "tanh", "relu", "linear")) {
            assertTrue(error.getMessage().contains(valid), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Registry.ACTIVATIONS.create(null));
    }
}
