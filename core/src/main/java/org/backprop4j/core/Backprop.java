package org.backprop4j.core;

/**
 * How a {@link Sequential} model computes its gradients; choose with
 * {@link Sequential#setBackprop(Backprop)}. Both modes compute the same numbers (in DOUBLE, the
 * trained weights agree to about 1e-12); they differ in how much of the derivation they show.
 *
 * <p>Notation for one layer and one sample: input x (length n), output a (length m), upstream
 * gradient {@code g = dL/da}. The chain rule asks for {@code dL/dx = J^T g} with
 * {@code J = da/dx} the layer's {@code (m, n)} Jacobian, and for every weight w,
 * {@code dL/dw = sum over outputs t of (da_t/dw) g_t}, then summed over the samples of the batch.
 *
 * <p>Threads: an enum: immutable and safe to share between threads.
 */
public enum Backprop {

    /**
     * The fast path (the default). No Jacobian is ever built: each layer applies the closed form of
     * {@code J^T g} to the whole batch at once, e.g. a Dense layer's {@code dkernel = x^T delta} and
     * {@code dx = delta kernel^T} as two matrix products, softmax's {@code s * (g - rowsum(g * s))},
     * and, for softmax with categorical cross-entropy (or sigmoid with binary cross-entropy), the
     * loss's gradient with respect to the logits, {@code (p - y) / B}, directly.
     */
    FUSED,

    /**
     * The teaching path: every layer materialises its Jacobians for every sample and multiplies by
     * them, exactly as the hand derivation does, with {@link Jacobians} supplying the matrices.
     * <ul>
     *   <li>activation: {@code dL/dz = J^T g} with J the {@code (m, m)} Jacobian of
     *       {@link ActivationFunction#jacobian} (diagonal for sigmoid, tanh, relu, linear;
     *       {@code diag(s) - s s^T} for softmax);</li>
     *   <li>Dense {@code z = x . kernel + bias}: {@code dL/dx = (dZ/dx)^T g} with
     *       {@code dZ/dx = kernel^T}, {@code (units, inputDim)}; {@code dL/dkernel} from
     *       {@code (dZ/dW) g} with dZ/dW the {@code (inputDim*units, units)} matrix of
     *       {@link Jacobians#denseWrtKernel}; {@code dL/dbias = I g};</li>
     *   <li>each weight's per-sample adjustments are then summed over the batch;</li>
     *   <li>the loss never takes the fused {@code p - y} shortcut: it supplies {@code dL/dp} and the
     *       output activation's Jacobian carries it back.</li>
     * </ul>
     * It is slow (per sample, a Dense layer's dZ/dW has {@code inputDim * units^2} entries) and meant
     * for small models. With categorical cross-entropy, {@code dL/dp = -y / p} uses p clipped to
     * {@code [1e-7, 1 - 1e-7]} (as Keras), so the two modes agree only while no probability reaches
     * the clipping bounds.
     */
    EXPLICIT_JACOBIAN
}
