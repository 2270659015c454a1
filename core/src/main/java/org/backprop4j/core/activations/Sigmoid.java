package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.internal.Elementwise;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code a = 1 / (1 + exp(-z))}, element-wise. Derivative: {@code da/dz = a (1 - a)}, so the
 * Jacobian of a sample is diagonal.
 *
 * <p>Plain FLOAT and DOUBLE arrays of any size go through {@link FastElementwise}'s loop for this
 * formula (in the arrays' own precision, SIMD when the JVM has {@code jdk.incubator.vector});
 * anything else (views, other types) through the generic Java loop below on small arrays and
 * ND4J's op on large ones. All compute the same formula.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Sigmoid implements ActivationFunction, OnnxActivation {

    /** {@code a = 1 / (1 + exp(-z))}. */
    @Override
    public void forward(INDArray z, INDArray a) {
        if (FastElementwise.accepts(z, a)) {
            FastElementwise.instance().sigmoid(z, a);
        } else if (Elementwise.inJava(a, z)) {
            Elementwise.map(z, a, zi -> 1 / (1 + Math.exp(-zi)));
        } else {
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(z, a));
        }
    }

    /** {@code dLdz = dLda * a * (1 - a)}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        if (FastElementwise.accepts(a, dLda, dLdz)) {
            FastElementwise.instance().sigmoidBackward(a, dLda, dLdz);
        } else if (Elementwise.inJava(dLdz, a, dLda)) {
            Elementwise.zip(a, dLda, dLdz, (ai, gi) -> gi * ai * (1 - ai));
        } else {
            dLdz.assign(a).rsubi(1.0).muli(a).muli(dLda); // (1 - a) * a * g
        }
    }

    /** {@code diag(a * (1 - a))}. */
    @Override
    public INDArray jacobian(INDArray a) {
        INDArray row = a.reshape(a.length());
        return Nd4j.diag(row.rsub(1.0).muli(row));
    }

    /** ONNX's {@code Sigmoid}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Sigmoid", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Sigmoid";
    }
}
