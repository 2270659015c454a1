package org.backprop4j.core;

import org.backprop4j.core.regularizers.L1;
import org.backprop4j.core.regularizers.L1L2;
import org.backprop4j.core.regularizers.L2;

/**
 * Keras' {@code keras.regularizers}: {@code Dense(64).kernelRegularizer(Regularizers.l2(0.01))}.
 * Each penalty ({@code l1 * sum|w| + l2 * sum w^2}) is added to the loss that fit and evaluate
 * report, and its gradient to the weight's gradient.
 */
public final class Regularizers {

    private Regularizers() {
    }

    /**
     * {@code l1 * sum |w|}.
     *
     * @throws IllegalArgumentException if the factor is negative or not finite
     */
    public static Regularizer l1(double l1) {
        return new L1(l1);
    }

    /**
     * {@code l2 * sum w^2}.
     *
     * @throws IllegalArgumentException if the factor is negative or not finite
     */
    public static Regularizer l2(double l2) {
        return new L2(l2);
    }

    /**
     * {@code l1 * sum |w| + l2 * sum w^2}.
     *
     * @throws IllegalArgumentException if a factor is negative or not finite
     */
    public static Regularizer l1l2(double l1, double l2) {
        return new L1L2(l1, l2);
    }
}
