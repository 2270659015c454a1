package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.internal.Elementwise;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code a = max(0, z)}, element-wise. Derivative: 1 where {@code a > 0}, else 0 (also at
 * {@code z = 0}, as Keras and PyTorch); the Jacobian of a sample is diagonal.
 *
 * <p>Plain FLOAT and DOUBLE arrays of any size go through {@link FastElementwise}'s loop for this
 * formula (in the arrays' own precision, SIMD when the JVM has {@code jdk.incubator.vector});
 * anything else (views, other types) through the generic Java loop below on small arrays and
 * ND4J's op on large ones. All compute the same formula.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Relu implements ActivationFunction, OnnxActivation {

    /** {@code a = max(0, z)}. */
    @Override
    public void forward(INDArray z, INDArray a) {
        if (FastElementwise.accepts(z, a)) {
            FastElementwise.instance().relu(z, a);
        } else if (Elementwise.inJava(a, z)) {
            Elementwise.map(z, a, zi -> Math.max(0, zi));
        } else {
            if (a != z) {
                a.assign(z);
            }
            Transforms.relu(a, false);
        }
    }

    /** {@code dLdz = dLda * (a > 0 ? 1 : 0)}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        if (FastElementwise.accepts(a, dLda, dLdz)) {
            FastElementwise.instance().reluBackward(a, dLda, dLdz);
        } else if (Elementwise.inJava(dLdz, a, dLda)) {
            Elementwise.zip(a, dLda, dLdz, (ai, gi) -> ai > 0 ? gi : 0);
        } else {
            Transforms.step(dLdz.assign(a), false).muli(dLda); // step(a) * g
        }
    }

    /** {@code diag(a > 0 ? 1 : 0)}. */
    @Override
    public INDArray jacobian(INDArray a) {
        return Nd4j.diag(Transforms.step(a.reshape(a.length()), true));
    }

    /** ONNX's {@code Relu}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Relu", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Relu";
    }
}
