package org.backprop4j.core.activations;

import java.util.Map;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.internal.Elementwise;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.Values;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code s_i = exp(z_i) / sum_k exp(z_k)} over each row.
 *
 * <p>Stability: the row maximum is subtracted from {@code z} first. That leaves softmax unchanged
 * (the factor {@code exp(-max)} cancels) and keeps every {@code exp} at most 1, so logits of
 * &plusmn;1000 give exact probabilities instead of {@code Inf / Inf = NaN}. (ND4J's own SoftMax op
 * gives NaN there, so the large-array path spells out the same three steps.)
 *
 * <p>Derivative, by the quotient rule: {@code ds_i/dz_j = s_i (delta_ij - s_j)}, i.e. the
 * symmetric Jacobian {@code J = diag(s) - s s^T}. The backward pass never builds it: for a row
 * {@code g = dL/ds}, {@code J^T g = s * g - s (s . g) = s * (g - rowsum(g * s))}.
 *
 * <p>Plain FLOAT and DOUBLE matrices go through {@link FastElementwise}'s loops for these two
 * formulas (in the arrays' own precision, SIMD when the JVM has {@code jdk.incubator.vector});
 * anything else through the Java loops below (small arrays) or ND4J ops (large ones).
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Softmax implements ActivationFunction, OnnxActivation {

    /** Per row, {@code s = exp(z - max(z)) / sum(exp(z - max(z)))}: every exponent {@code <= 0}. */
    @Override
    public void forward(INDArray z, INDArray s) {
        if (z.rank() == 2 && FastElementwise.accepts(z, s)) {
            FastElementwise.instance().softmaxRows(z, s); // the same three steps, in the arrays' precision
            return;
        }
        if (!Elementwise.inJava(s, z)) {
            if (s != z) {
                s.assign(z);
            }
            s.subiColumnVector(s.max(true, 1)); // z - max(z)
            Transforms.exp(s, false);
            s.diviColumnVector(s.sum(true, 1)); // / rowsum
            return;
        }
        long rows = z.rows();
        long n = z.columns();
        Values zv = Values.of(z);
        Values sv = Values.of(s);
        for (long i = 0; i < rows; i++) {
            long row = i * n;
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < n; j++) {
                max = Math.max(max, zv.get(row + j));
            }
            double sum = 0;
            for (long j = 0; j < n; j++) {
                double e = Math.exp(zv.get(row + j) - max); // every exponent <= 0
                sv.set(row + j, e);
                sum += e;
            }
            for (long j = 0; j < n; j++) {
                sv.set(row + j, sv.get(row + j) / sum);
            }
        }
    }

    /** {@code dLdz = s * (dLds - rowsum(dLds * s))}: the Jacobian-vector product, fused. */
    @Override
    public void backward(INDArray s, INDArray dLds, INDArray dLdz) {
        if (s.rank() == 2 && FastElementwise.accepts(s, dLds, dLdz)) {
            FastElementwise.instance().softmaxBackward(s, dLds, dLdz); // the same fused product
            return;
        }
        if (!Elementwise.inJava(dLdz, s, dLds)) {
            INDArray dot = dLdz.assign(dLds).muli(s).sum(true, 1); // (rows, 1): s . g per row
            dLdz.assign(dLds).subiColumnVector(dot).muli(s);       // s * (g - s . g)
            return;
        }
        long rows = s.rows();
        long n = s.columns();
        Values sv = Values.of(s);
        Values gv = Values.of(dLds);
        Values dv = Values.of(dLdz);
        for (long i = 0; i < rows; i++) {
            long row = i * n;
            double dot = 0; // s . g for this row
            for (long j = 0; j < n; j++) {
                dot += sv.get(row + j) * gv.get(row + j);
            }
            for (long j = 0; j < n; j++) {
                dv.set(row + j, sv.get(row + j) * (gv.get(row + j) - dot));
            }
        }
    }

    /** {@code diag(s) - s s^T}, an {@code (n, n)} matrix whose rows sum to 0. */
    @Override
    public INDArray jacobian(INDArray s) {
        INDArray column = s.reshape(s.length(), 1);
        return Nd4j.diag(s.reshape(s.length())).subi(column.mmul(column.transpose()));
    }

    /** ONNX's {@code Softmax} over the last axis ({@code axis = -1}): each row, as here. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Softmax", name, input).attribute("axis", -1L).output();
    }

    @Override
    public String onnxOp() {
        return "Softmax";
    }

    /** Softmax over each row of {@code (batch, n)}: {@code axis} -1 or 1 (or unset: opset 13's -1, older 1). */
    @Override
    public ActivationFunction fromOnnx(Map<String, Object> attributes) {
        Object axis = attributes.getOrDefault("axis", -1L);
        if (attributes.size() > (attributes.containsKey("axis") ? 1 : 0) || !(axis.equals(-1L) || axis.equals(1L))) {
            throw new IllegalArgumentException("Softmax is read over the last axis of (batch, n) only (axis -1 or 1), got "
                    + attributes);
        }
        return new Softmax();
    }
}
