package org.backprop4j.layers;

import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link BatchNormalization}'s loops over columns: each column's mean and biased variance over the
 * batch, the normalisation in TensorFlow's order of operations, and its backward pass.
 * <pre>
 *   rstd = 1 / sqrt(var + epsilon),  inv = gamma rstd,  y = x inv + (beta - mean inv)
 *   xhat = (x - mean) rstd
 *   through the statistics, over the B rows that share them:
 *     dL/dx = gamma rstd / B (B g - sum(g) - xhat sum(g xhat))
 *   with constant statistics (inference):  dL/dx = g gamma rstd
 * </pre>
 * Sums run in double; a FLOAT array rounds once per stored value. All arrays plain ('c', no view
 * offsets), as {@link Values} reads them. Package-private: no API.
 */
final class Moments {

    private Moments() {
    }

    /** Per column of {@code x (B, n)}: {@code mean (n)} and the biased {@code variance (n)}, two passes. */
    static void ofColumns(INDArray x, INDArray mean, INDArray variance) {
        int rows = (int) x.rows();
        int n = (int) x.columns();
        Values in = Values.of(x);
        double[] sums = new double[n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                sums[j] += in.get((long) i * n + j);
            }
        }
        for (int j = 0; j < n; j++) {
            sums[j] /= rows;
        }
        double[] squares = new double[n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double d = in.get((long) i * n + j) - sums[j];
                squares[j] += d * d;
            }
        }
        Values means = Values.of(mean);
        Values variances = Values.of(variance);
        for (int j = 0; j < n; j++) {
            means.set(j, sums[j]);
            variances.set(j, squares[j] / rows);
        }
    }

    /** {@code y = x inv + (beta - mean inv)} per column, {@code inv = gamma / sqrt(var + epsilon)}; null gamma 1, null beta 0. */
    static void normalizeColumns(INDArray x, INDArray mean, INDArray variance, double epsilon, INDArray gamma,
                                 INDArray beta, INDArray output) {
        int rows = (int) x.rows();
        int n = (int) x.columns();
        Values means = Values.of(mean);
        Values variances = Values.of(variance);
        double[] inv = new double[n];
        double[] shift = new double[n];
        double[] gammas = gamma == null ? null : gamma.toDoubleVector();
        double[] betas = beta == null ? null : beta.toDoubleVector();
        for (int j = 0; j < n; j++) {
            inv[j] = (1 / Math.sqrt(variances.get(j) + epsilon)) * (gammas == null ? 1 : gammas[j]);
            shift[j] = (betas == null ? 0 : betas[j]) - means.get(j) * inv[j];
        }
        Values in = Values.of(x);
        Values out = Values.of(output);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                long k = (long) i * n + j;
                out.set(k, in.get(k) * inv[j] + shift[j]);
            }
        }
    }

    /**
     * Backward of {@link #normalizeColumns}: {@code dgamma (n)} and {@code dbeta (n)} always; {@code dLdx (B, n)}
     * when not null, through the batch statistics when {@code throughStatistics}, else with them constant.
     */
    static void columnsBackward(INDArray x, INDArray g, INDArray mean, INDArray variance, double epsilon, INDArray gamma,
                                boolean throughStatistics, INDArray dgamma, INDArray dbeta, INDArray dLdx) {
        int rows = (int) x.rows();
        int n = (int) x.columns();
        Values in = Values.of(x);
        Values grad = Values.of(g);
        Values means = Values.of(mean);
        Values variances = Values.of(variance);
        double[] rstd = new double[n];
        for (int j = 0; j < n; j++) {
            rstd[j] = 1 / Math.sqrt(variances.get(j) + epsilon);
        }
        double[] sumG = new double[n];
        double[] sumGXhat = new double[n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                long k = (long) i * n + j;
                double xhat = (in.get(k) - means.get(j)) * rstd[j];
                sumG[j] += grad.get(k);
                sumGXhat[j] += grad.get(k) * xhat;
            }
        }
        Values dgammas = Values.of(dgamma);
        Values dbetas = Values.of(dbeta);
        for (int j = 0; j < n; j++) {
            dgammas.set(j, sumGXhat[j]);
            dbetas.set(j, sumG[j]);
        }
        if (dLdx == null) {
            return;
        }
        Values out = Values.of(dLdx);
        double[] gammas = gamma == null ? null : gamma.toDoubleVector();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                long k = (long) i * n + j;
                double scale = (gammas == null ? 1 : gammas[j]) * rstd[j];
                if (throughStatistics) {
                    double xhat = (in.get(k) - means.get(j)) * rstd[j];
                    out.set(k, scale / rows * (rows * grad.get(k) - sumG[j] - xhat * sumGXhat[j]));
                } else {
                    out.set(k, grad.get(k) * scale);
                }
            }
        }
    }
}
