package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.internal.Elementwise;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code a = z}: the identity, Keras' {@code "linear"}. Derivative 1; the Jacobian is the identity.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Linear implements ActivationFunction, OnnxActivation {

    /** {@code a = z}. */
    @Override
    public void forward(INDArray z, INDArray a) {
        if (a == z) {
            return;
        }
        if (FastElementwise.accepts(z, a)) {
            Nd4j.getMemoryManager().memcpy(a.data(), z.data()); // plain arrays: a copy of the buffer
        } else if (Elementwise.inJava(a, z)) {
            Elementwise.map(z, a, zi -> zi);
        } else {
            a.assign(z);
        }
    }

    /** {@code dLdz = dLda}. */
    @Override
    public void backward(INDArray a, INDArray dLda, INDArray dLdz) {
        if (dLdz == dLda) {
            return;
        }
        if (FastElementwise.accepts(dLda, dLdz)) {
            Nd4j.getMemoryManager().memcpy(dLdz.data(), dLda.data());
        } else if (Elementwise.inJava(dLdz, dLda)) {
            Elementwise.map(dLda, dLdz, gi -> gi);
        } else {
            dLdz.assign(dLda);
        }
    }

    /** The {@code (n, n)} identity. */
    @Override
    public INDArray jacobian(INDArray a) {
        return Nd4j.eye(a.length()).castTo(a.dataType());
    }

    /** ONNX's {@code Identity}: a node of its own, so the layer's name stays in the graph. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Identity", name, input).output();
    }

    @Override
    public String onnxOp() {
        return "Identity";
    }
}
