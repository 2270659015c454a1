package org.backprop4j.core.losses;

import org.backprop4j.core.Loss;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code kl_divergence} ({@code "kld"}): the Kullback-Leibler divergence of the predicted
 * distribution from the target one, with both clipped to {@code [1e-7, 1]} (Keras' {@code epsilon()}):
 * <pre>
 *   yc = clip(y, 1e-7, 1),   pc = clip(p, 1e-7, 1)
 *   L  = (1/B) sum_b sum_k yc[b, k] log(yc[b, k] / pc[b, k])
 * </pre>
 * a sum over the K classes of each sample, then the mean over the B samples (as categorical
 * cross-entropy). A zero target still contributes its clipped {@code 1e-7 log(1e-7 / pc)}, as in Keras.
 *
 * <p>Gradient: {@code dL/dp = -yc / pc / B} where {@code 1e-7 <= p <= 1}, else 0 (the clip holds the
 * prediction constant there).
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class KLDivergence implements Loss {

    /** Keras' {@code epsilon()}: the lower clipping bound of both arguments. */
    public static final double EPSILON = 1e-7;

    @Override
    public double value(INDArray predictions, INDArray targets) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double target = clip(y[i]);
            sum += target * Math.log(target / clip(p[i]));
        }
        return sum / predictions.rows();
    }

    @Override
    public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        Values out = Values.of(gradient);
        double scale = 1.0 / predictions.rows();
        for (int i = 0; i < p.length; i++) {
            boolean inside = p[i] >= EPSILON && p[i] <= 1;
            out.set(i, inside ? -clip(y[i]) / p[i] * scale : 0);               // -yc / p / B
        }
    }

    private static double clip(double value) {
        return Math.min(Math.max(value, EPSILON), 1);
    }

    @Override
    public String toString() {
        return "KLDivergence";
    }
}
