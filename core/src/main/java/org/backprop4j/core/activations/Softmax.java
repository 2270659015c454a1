package org.backprop4j.core.activations;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code s_i = exp(z_i) / sum_k exp(z_k)} over each row.
 *
 * <p>Stability: the row maximum is subtracted from {@code z} first. That leaves softmax unchanged
 * (the factor {@code exp(-max)} cancels) and keeps every {@code exp} at most 1, so logits of
 * &plusmn;1000 give exact probabilities instead of {@code Inf / Inf = NaN}.
 *
 * <p>Derivative, by the quotient rule: {@code ds_i/dz_j = s_i (delta_ij - s_j)}, i.e. the
 * symmetric Jacobian {@code J = diag(s) - s s^T}. The backward pass never builds it: for a row
 * {@code g = dL/ds}, {@code J^T g = s * g - s (s . g) = s * (g - rowsum(g * s))}.
 */
public final class Softmax implements ActivationFunction {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public void forwardInPlace(INDArray z) {
        forward(z, z);
    }

    /** Per row, {@code s = exp(z - max(z)) / sum(exp(z - max(z)))}: every exponent {@code <= 0}. */
    @Override
    public void forward(INDArray z, INDArray s) {
        Kernels.forElements(s, z).softmaxRows(z, s); // s = exp(z - max z) / rowsum(exp(z - max z))
    }

    /** {@code dLdz = s * (dLds - rowsum(dLds * s))}: the Jacobian-vector product, fused. */
    @Override
    public void backward(INDArray s, INDArray dLds, INDArray dLdz) {
        Kernels.forElements(dLdz, s, dLds).softmaxBackward(s, dLds, dLdz); // dLdz = s * (g - rowsum(g * s))
    }

    /** {@code diag(s) - s s^T}, an {@code (n, n)} matrix whose rows sum to 0. */
    @Override
    public INDArray jacobian(INDArray s) {
        INDArray column = s.reshape(s.length(), 1);
        return Nd4j.diag(s.reshape(s.length())).subi(column.mmul(column.transpose()));
    }
}
