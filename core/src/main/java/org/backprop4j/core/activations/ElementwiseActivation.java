package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.ElementwiseKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An activation applied to each element on its own, {@code a_i = f(z_i)}, declared by its formulas
 * only: {@link #apply(float)} for the forward pass and {@link #backward(float, float, float)} for the
 * backward product {@code g * da/dz} (each also in double), and, for SIMD, the same four as lane
 * functions in a small nested class returned by {@link #lanes()}. Loops, bias add, threads, SIMD and
 * the Jacobian are not its business: {@link ElementwiseKernels} runs these formulas over whole
 * arrays, fused with the bias add of a {@code Dense} layer, for built-in and user-defined
 * activations alike. {@link Sigmoid} is the model to copy.
 *
 * <p>The float formulas compute in float (do not widen to double: the SIMD twin cannot), and the lane
 * functions must perform the very same operations in the same order, so both loops give the same
 * bits (the kernels check this once and fall back to the scalar loops if not). {@code exp} and
 * {@code tanh} for both are in {@link org.backprop4j.core.kernels.FastMath}.
 *
 * <p>Threads: implementations must be immutable (the loops compiled for one are shared by every
 * instance of its class with the same {@code config()}).
 */
public abstract class ElementwiseActivation implements ActivationFunction {

    private volatile ElementwiseKernels.Compiled loops;

    /** {@code a = f(z)} in float. */
    public abstract float apply(float z);

    /** {@code a = f(z)} in double. */
    public abstract double apply(double z);

    /** {@code dL/dz = g * da/dz} in float, from z, its output {@code a = f(z)} and {@code g = dL/da}. */
    public abstract float backward(float z, float a, float g);

    /** {@code dL/dz = g * da/dz} in double, from z, {@code a = f(z)} and {@code g = dL/da}. */
    public abstract double backward(double z, double a, double g);

    /**
     * The SIMD twin of the four formulas, or null for none (the scalar loops then run). Called only
     * when the JVM has {@code jdk.incubator.vector}, so the nested class that implements it (and the
     * vector classes it names) is loaded only then.
     */
    public ActivationLanes lanes() {
        return null;
    }

    private ElementwiseKernels.Compiled loops() {
        ElementwiseKernels.Compiled compiled = loops;
        if (compiled == null) {
            compiled = ElementwiseKernels.compile(this);
            loops = compiled;
        }
        return compiled;
    }

    /** {@code a = f(z)}, element by element; a may be z. */
    @Override
    public void forward(INDArray z, INDArray a) {
        ElementwiseKernels.forward(loops(), z, null, a);
    }

    /** {@code z += bias} on every row, then {@code a = f(z)}: one call of the fused kernel. */
    @Override
    public void forward(INDArray z, INDArray bias, INDArray a) {
        ElementwiseKernels.forward(loops(), z, bias, a);
    }

    /** {@code dLdz = dLda * f'(z)}, element by element, through {@link #backward(double, double, double)}'s formula. */
    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        ElementwiseKernels.backward(loops(), z, a, dLda, dLdz);
    }

    /** {@code diag(f'(z))}: the backward formula with {@code g = 1}. */
    @Override
    public INDArray jacobian(INDArray z, INDArray a) {
        INDArray zRow = (z == null ? a : z).reshape(1, a.length()).dup('c');
        INDArray aRow = a.reshape(1, a.length()).dup('c');
        INDArray derivative = Nd4j.onesLike(zRow);
        backward(zRow, aRow, derivative.dup(), derivative);
        return Nd4j.diag(derivative.reshape(a.length()));
    }
}
