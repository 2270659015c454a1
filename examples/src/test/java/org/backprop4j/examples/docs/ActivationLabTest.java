package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Sequential;
import org.backprop4j.examples.docs.snippets.ActivationLab;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lab of docs/activation-lab.md does what the page says: the user-defined LeakyReLU passes the
 * gradient check in both modes and agrees with its own Jacobian, and the broken one is caught by the
 * check (in FUSED mode, which uses the broken backward) and by the disagreement of the two modes.
 */
class ActivationLabTest {

    private static final INDArray X = Nd4j.create(new double[][] {{0.2, -0.4, 0.9}, {1.0, 0.3, -0.5}, {-0.7, 0.8, 0.1}});
    private static final INDArray Y = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 0}});

    @Test
    void theLeakyReluComputesItsFunctionAndSlopes() {
        ActivationLab.MyLeakyRelu leaky = new ActivationLab.MyLeakyRelu(0.3);
        INDArray input = Nd4j.create(new double[][] {{-2, 0, 3}});
        INDArray z = input.dup();
        leaky.forward(z, z);
        assertEquals(List.of(-0.6, 0.0, 3.0), List.of(z.getDouble(0, 0), z.getDouble(0, 1), z.getDouble(0, 2)));
        INDArray dLdz = Nd4j.zeros(1, 3);
        leaky.backward(input, z, Nd4j.create(new double[][] {{10, 10, 10}}), dLdz);
        assertEquals(3.0, dLdz.getDouble(0, 0), 1e-15);
        assertEquals(3.0, dLdz.getDouble(0, 1), 1e-15, "at z = 0 the output is 0, and the slope taken is alpha");
        assertEquals(10.0, dLdz.getDouble(0, 2), 1e-15);
        assertEquals(Nd4j.diag(Nd4j.create(new double[] {0.3, 0.3, 1.0})), leaky.jacobian(input, z));
    }

    @Test
    void theCorrectActivationPassesTheCheckInBothModesAndTheModesAgree() {
        Sequential fused = ActivationLab.model(new ActivationLab.MyLeakyRelu(0.3));
        Sequential explicit = ActivationLab.model(new ActivationLab.MyLeakyRelu(0.3)).setBackprop(Backprop.EXPLICIT_JACOBIAN);

        GradientCheck.Result check = GradientCheck.check(fused, X, Y);

        assertTrue(check.maxRelativeError() < 1e-6, check.toString());
        assertTrue(GradientCheck.check(explicit, X, Y).maxRelativeError() < 1e-6);
        assertTrue(ActivationLab.maxDifference(fused.gradients(X, Y), explicit.gradients(X, Y)) < 1e-14);
    }

    @Test
    void theSwappedSlopesAreCaughtByTheCheckAndByTheModesDisagreeing() {
        Sequential fused = ActivationLab.model(new ActivationLab.SwappedSlopes(0.3));
        Sequential explicit = ActivationLab.model(new ActivationLab.SwappedSlopes(0.3)).setBackprop(Backprop.EXPLICIT_JACOBIAN);

        GradientCheck.Result check = GradientCheck.check(fused, X, Y);

        // the layers before the broken activation get wrong gradients, the one after it does not
        assertTrue(check.worstRelativeErrors().get("dense/kernel") > 0.1, check.toString());
        assertTrue(check.worstRelativeErrors().get("dense/bias") > 0.1, check.toString());
        assertTrue(check.worstRelativeErrors().get("dense_1/kernel") < 1e-6, check.toString());
        assertTrue(ActivationLab.maxDifference(fused.gradients(X, Y), explicit.gradients(X, Y)) > 0.01);
        // EXPLICIT_JACOBIAN mode uses jacobian(), which the bug did not touch
        assertTrue(GradientCheck.check(explicit, X, Y).maxRelativeError() < 1e-6);
    }

    @Test
    void aBrokenJacobianIsCaughtOnlyWhereItIsUsedAsExerciseThreeSays() {
        ActivationLab.MyLeakyRelu identityJacobian = new ActivationLab.MyLeakyRelu(0.3) {
            @Override
            public INDArray jacobian(INDArray z, INDArray a) {
                return Nd4j.eye(a.length());
            }
        };
        Sequential fused = ActivationLab.model(identityJacobian);
        Sequential explicit = ActivationLab.model(identityJacobian).setBackprop(Backprop.EXPLICIT_JACOBIAN);

        assertTrue(GradientCheck.check(fused, X, Y).maxRelativeError() < 1e-6);
        assertTrue(ActivationLab.maxDifference(fused.gradients(X, Y), explicit.gradients(X, Y)) > 0.01);
        GradientCheck.Result check = GradientCheck.check(explicit, X, Y);
        assertTrue(check.worstRelativeErrors().get("dense/kernel") > 0.1, check.toString());
        assertTrue(check.worstRelativeErrors().get("dense_1/kernel") < 1e-6, check.toString());
    }

    @Test
    void thePageShowsWhatTheLabPrints() {
        String printed = DocExamples.output("activation-lab");
        assertTrue(printed.contains("gradient check passes (every error below 1e-6): true"), printed);
        assertTrue(printed.contains("gradient check passes (every error below 1e-6): false"), printed);
    }
}
