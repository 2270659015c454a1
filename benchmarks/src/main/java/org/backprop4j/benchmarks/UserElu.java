package org.backprop4j.benchmarks;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.backprop4j.core.Registry;
import org.backprop4j.core.activations.ElementwiseActivation;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;

/**
 * ELU written by a user outside the library, exactly as docs/architecture.md's recipe says: one class
 * with its formulas (and their SIMD twin beside them), plus one registration ({@link #register}).
 * {@code a = z} for {@code z > 0}, {@code alpha (e^z - 1)} otherwise; {@code da/dz = 1} for
 * {@code z > 0}, {@code a + alpha} otherwise. {@link EluVsRelu} times it against relu.
 */
public final class UserElu extends ElementwiseActivation {

    private static final float ALPHA_F = 1f;
    private static final double ALPHA = 1.0;

    /** Registers it as {@code "user_elu"} (once). */
    public static void register() {
        if (!Registry.ACTIVATIONS.contains("user_elu")) {
            Registry.ACTIVATIONS.register("user_elu", UserElu.class, config -> new UserElu());
        }
    }

    @Override
    public float apply(float z) {
        return z > 0 ? z : ALPHA_F * (FastMath.exp(z) - 1f);
    }

    @Override
    public double apply(double z) {
        return z > 0 ? z : ALPHA * (FastMath.exp(z) - 1.0);
    }

    @Override
    public float backward(float z, float a, float g) {
        return z > 0 ? g : g * (a + ALPHA_F);
    }

    @Override
    public double backward(double z, double a, double g) {
        return z > 0 ? g : g * (a + ALPHA);
    }

    @Override
    public ActivationLanes lanes() {
        return new Lanes();
    }

    /** The same formulas on every lane. */
    private static final class Lanes implements ActivationLanes {
        private static final FloatVector ONE_F = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
        private static final FloatVector ALPHA_VF = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, ALPHA_F);
        private static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 1.0);
        private static final DoubleVector ALPHA_V = DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, ALPHA);

        @Override
        public FloatVector apply(FloatVector z) {
            FloatVector negative = ALPHA_VF.mul(FastMath.Lanes.exp(z).sub(ONE_F));
            return negative.blend(z, z.compare(VectorOperators.GT, 0f));
        }

        @Override
        public DoubleVector apply(DoubleVector z) {
            DoubleVector negative = ALPHA_V.mul(FastMath.Lanes.exp(z).sub(ONE));
            return negative.blend(z, z.compare(VectorOperators.GT, 0.0));
        }

        @Override
        public FloatVector backward(FloatVector z, FloatVector a, FloatVector g) {
            return g.mul(a.add(ALPHA_VF)).blend(g, z.compare(VectorOperators.GT, 0f));
        }

        @Override
        public DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g) {
            return g.mul(a.add(ALPHA_V)).blend(g, z.compare(VectorOperators.GT, 0.0));
        }
    }
}
