package org.backprop4j.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The SIMD twin of an {@link org.backprop4j.core.activations.ElementwiseActivation}'s four scalar formulas: the
 * same operations, in the same order, on every lane of a vector ({@code jdk.incubator.vector}), so
 * the SIMD loops give the scalar loops' numbers bit for bit. Loads, stores, loop bounds and tails are
 * the kernels' business ({@link ElementwiseKernels}); an implementation only says what one vector of
 * {@code z} (and {@code a}, {@code g}) becomes. It is written as a small nested class beside the
 * scalar formulas, in the activation's own file, and created only when the JVM has the module.
 *
 * <p>For speed, keep every constant in a {@code static final} vector (broadcast once) and every helper
 * small: the kernels inline the whole lane function into their loop, and a loop that grows past C2's
 * inlining budget boxes its vectors (ten times slower, same numbers). {@link FastMath.Lanes} has the
 * {@code exp} and {@code tanh} twins.
 */
public interface ActivationLanes {

    /** {@code a = f(z)} on every lane, as the activation's {@code apply(float)}. */
    FloatVector apply(FloatVector z);

    /** {@code a = f(z)} on every lane, as the activation's {@code apply(double)}. */
    DoubleVector apply(DoubleVector z);

    /** {@code dL/dz = g * f'(z)} on every lane, as the activation's {@code backward(float, float, float)}. */
    FloatVector backward(FloatVector z, FloatVector a, FloatVector g);

    /** {@code dL/dz = g * f'(z)} on every lane, as the activation's {@code backward(double, double, double)}. */
    DoubleVector backward(DoubleVector z, DoubleVector a, DoubleVector g);
}
