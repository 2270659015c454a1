package org.backprop4j.core;

import java.util.Map;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss with Keras' {@code class_weight} applied ({@link FitOptions#classWeight}): each sample's
 * loss is multiplied by the weight of its class, and the batch's value stays a sum divided by the
 * batch size (Keras' {@code sum_over_batch_size}):
 * <pre>
 *   L = (1/B) sum_b w[class_b] * l_b        l_b = the wrapped loss of sample b alone
 *   dL/dp[b, :] = w[class_b] * (row b of the wrapped loss's gradient)
 * </pre>
 * The class of a sample is its label for one-column targets (rounded, as Keras) and the argmax of
 * its target row otherwise; a class missing from the map weighs 1. Every loss here is a mean over
 * samples whose row b of the gradient depends on sample b only, so scaling rows is exact, on the
 * fused path too. Package-private: fit uses it for the training steps only (not for validation).
 */
final class ClassWeightedLoss implements Loss {

    private final Loss loss;
    private final Map<Integer, Double> classWeight;

    ClassWeightedLoss(Loss loss, Map<Integer, Double> classWeight) {
        this.loss = loss;
        this.classWeight = Map.copyOf(classWeight);
    }

    /** The weight of each row's class. */
    private double[] weights(INDArray targets) {
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) targets.columns();
        double[] weights = new double[(int) targets.rows()];
        for (int row = 0; row < weights.length; row++) {
            int label;
            if (columns == 1) {
                label = (int) Math.rint(y[row]);
            } else {
                label = 0;
                for (int k = 1; k < columns; k++) {
                    if (y[row * columns + k] > y[row * columns + label]) {
                        label = k;
                    }
                }
            }
            weights[row] = classWeight.getOrDefault(label, 1.0);
        }
        return weights;
    }

    @Override
    public String name() {
        return loss.name();
    }

    @Override
    public long targetColumns(long outputColumns) {
        return loss.targetColumns(outputColumns);
    }

    @Override
    public void validateTargets(INDArray targets, long outputColumns) {
        loss.validateTargets(targets, outputColumns);
    }

    /** {@code (1/B) sum_b w_b l_b}, each {@code l_b} the wrapped loss of row b alone. */
    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] weights = weights(targets);
        double sum = 0;
        for (int row = 0; row < weights.length; row++) {
            if (weights[row] != 0) {
                sum += weights[row] * loss.value(predictions.getRow(row, true).dup(), targets.getRow(row, true).dup());
            }
        }
        return sum / weights.length;
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        loss.gradient(predictions, targets, gradient);
        scaleRows(gradient, weights(targets));
    }

    @Override
    public boolean fusesWith(ActivationFunction activation) {
        return loss.fusesWith(activation);
    }

    @Override
    public void gradientWrtPreActivation(INDArray predictions, INDArray targets, INDArray dLdz) {
        loss.gradientWrtPreActivation(predictions, targets, dLdz);
        scaleRows(dLdz, weights(targets));
    }

    private static void scaleRows(INDArray gradient, double[] weights) {
        INDArray plain = Arrays2D.isPlain(gradient) ? gradient : gradient.dup('c');
        Values values = Values.of(plain);
        long columns = gradient.columns();
        for (int row = 0; row < weights.length; row++) {
            for (long k = 0; k < columns; k++) {
                values.set(row * columns + k, values.get(row * columns + k) * weights[row]);
            }
        }
        if (plain != gradient) {
            gradient.assign(plain);
        }
    }

    @Override
    public String toString() {
        return loss + " with class weights " + classWeight;
    }
}
