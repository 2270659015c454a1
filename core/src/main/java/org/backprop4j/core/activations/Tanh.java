package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.internal.Elementwise;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code a = tanh(z)}, element-wise. Derivative: {@code da/dz = 1 - a^2}; the Jacobian of a sample
 * is diagonal.
 *
 * <p>Plain FLOAT and DOUBLE arrays of any size go through {@link FastElementwise}'s loop for this
 * formula (in the arrays' own precision, SIMD when the JVM has {@code jdk.incubator.vector});
 * anything else (views, other types) through the generic Java loop below on small arrays and
 * ND4J's op on large ones. All compute the same formula.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Tanh implements ActivationFunction, OnnxActivation {

    /** {@code a = tanh(z)}. */
    @Override
    public void forward(INDArray z, INDArray a) {
        if (FastElementwise.accepts(z, a)) {
            FastElementwise.instance().tanh(z, a);
        } else if (Elementwise.inJava(a, z)) {
            Elementwise.map(z, a, Math::tanh);
        } else {
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(z, a));
        }
    }

    /** {@code dLdz = dLda * (1 - a^2)}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        if (FastElementwise.accepts(a, dLda, dLdz)) {
            FastElementwise.instance().tanhBackward(a, dLda, dLdz);
        } else if (Elementwise.inJava(dLdz, a, dLda)) {
            Elementwise.zip(a, dLda, dLdz, (ai, gi) -> gi * (1 - ai * ai));
        } else {
            dLdz.assign(a).muli(a).rsubi(1.0).muli(dLda); // (1 - a * a) * g
        }
    }

    /** {@code diag(1 - a^2)}. */
    @Override
    public INDArray jacobian(INDArray a) {
        INDArray row = a.reshape(a.length());
        return Nd4j.diag(row.mul(row).rsubi(1.0));
    }

    /** ONNX's {@code Tanh}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Tanh", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Tanh";
    }
}
