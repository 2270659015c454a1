package org.backprop4j.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.backprop4j.onnx.OnnxGraph;
import org.backprop4j.onnx.OnnxLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's {@code LayerNormalization(axis=-1)}: normalises each sample (row) over its features,
 * then scales and shifts every feature by trained {@code gamma} and {@code beta}. The same in
 * training and inference (no moving statistics).
 * <pre>
 *   mean_i = sum_j x_ij / n,   var_i = sum_j (x_ij - mean_i)^2 / n                 (the row's, biased)
 *   rstd_i = 1 / sqrt(var_i + epsilon),   inv_ij = rstd_i gamma_j
 *   y_ij   = x_ij inv_ij + (beta_j - mean_i inv_ij)                             (Keras' order of operations)
 * </pre>
 * Backward, through the row statistics, with {@code xhat_ij = (x_ij - mean_i) rstd_i},
 * {@code g = dL/dy} and {@code h_ij = g_ij gamma_j}:
 * <pre>
 *   dL/dgamma_j = sum_i g_ij xhat_ij,   dL/dbeta_j = sum_i g_ij
 *   dL/dx_ij    = rstd_i / n (n h_ij - sum_k h_ik - xhat_ij sum_k h_ik xhat_ik)
 * </pre>
 * Shapes: {@code (B, n)} in and out; {@code gamma}, {@code beta}: {@code (n)}, trainable, starting at
 * 1 and 0 (Keras' order: gamma, beta; only those of {@code scale} and {@code center}).
 */
public class LayerNormalization extends Layer implements OnnxLayer {

    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private INDArray gamma;
    private INDArray beta;
    private INDArray gammaGradient;
    private INDArray betaGradient;

    /** Keras' defaults: epsilon 0.001, center and scale. */
    public LayerNormalization() {
        this(1e-3);
    }

    /** With {@code epsilon} (Keras' default 0.001), center and scale. */
    public LayerNormalization(double epsilon) {
        this(epsilon, true, true);
    }

    /**
     * @param epsilon added to each row's variance, positive and finite
     * @param center whether the layer has {@code beta} (else 0)
     * @param scale whether the layer has {@code gamma} (else 1)
     * @throws IllegalArgumentException for an epsilon that is not positive and finite
     */
    public LayerNormalization(double epsilon, boolean center, boolean scale) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("LayerNormalization epsilon must be positive and finite, got " + epsilon);
        }
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    /** From {@code {"epsilon", "center", "scale"}}, as {@link #config()} writes it. */
    public static LayerNormalization fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "LayerNormalization", "epsilon", "center", "scale");
        return new LayerNormalization(Config.number(config, "epsilon"), Config.bool(config, "center"),
                Config.bool(config, "scale"));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        return config;
    }

    @Override
    protected long build(long inputSize, Random random) {
        gamma = Nd4j.ones(dataType(), inputSize);
        beta = Nd4j.zeros(dataType(), inputSize);
        gammaGradient = Nd4j.zeros(dataType(), inputSize);
        betaGradient = Nd4j.zeros(dataType(), inputSize);
        return inputSize;
    }

    @Override
    public List<long[]> parameterShapes(long inputSize) {
        List<long[]> shapes = new ArrayList<>();
        for (int i = (scale ? 1 : 0) + (center ? 1 : 0); i > 0; i--) {
            shapes.add(new long[] {inputSize});
        }
        return shapes;
    }

    /** gamma, beta: those the layer has, in Keras' order. */
    @Override
    public List<Parameter> parameters() {
        if (gamma == null) {
            return List.of();
        }
        List<Parameter> parameters = new ArrayList<>();
        if (scale) {
            parameters.add(new Parameter("gamma", gamma, gammaGradient));
        }
        if (center) {
            parameters.add(new Parameter("beta", beta, betaGradient));
        }
        return parameters;
    }

    @Override
    public INDArray forward(INDArray input, CallContext context) {
        INDArray x = Arrays2D.isPlain(input) ? input : input.dup('c');
        int rows = (int) x.rows();
        int n = (int) x.columns();
        double[] gammas = scale ? gamma.toDoubleVector() : null;
        double[] betas = center ? beta.toDoubleVector() : null;
        Values in = Values.of(x);
        INDArray output = context.buffer(this, "output", rows, n);
        Values out = Values.of(output);
        for (int i = 0; i < rows; i++) {
            long row = (long) i * n;
            double mean = rowMean(in, row, n);
            double rstd = 1 / Math.sqrt(rowVariance(in, row, n, mean) + epsilon);
            for (int j = 0; j < n; j++) {
                double inv = gammas == null ? rstd : rstd * gammas[j];
                double shift = -mean * inv + (betas == null ? 0 : betas[j]);
                out.set(row + j, in.get(row + j) * inv + shift);
            }
        }
        if (context.training()) {
            context.keep(this, "input", x);
        }
        return output;
    }

    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        INDArray x = context.kept(this, "input");
        INDArray g = Arrays2D.isPlain(dLdOutput) ? dLdOutput : dLdOutput.dup('c');
        int rows = (int) x.rows();
        int n = (int) x.columns();
        double[] gammas = scale ? gamma.toDoubleVector() : null;
        Values in = Values.of(x);
        Values grad = Values.of(g);
        INDArray dLdx = needInputGradient ? context.buffer(this, "dLdx", rows, n) : null;
        Values out = dLdx == null ? null : Values.of(dLdx);
        double[] dgamma = new double[n];
        double[] dbeta = new double[n];
        double[] xhat = new double[n];
        for (int i = 0; i < rows; i++) {
            long row = (long) i * n;
            double mean = rowMean(in, row, n);
            double rstd = 1 / Math.sqrt(rowVariance(in, row, n, mean) + epsilon);
            double sumH = 0;
            double sumHXhat = 0;
            for (int j = 0; j < n; j++) {
                xhat[j] = (in.get(row + j) - mean) * rstd;
                double gij = grad.get(row + j);
                dgamma[j] += gij * xhat[j];
                dbeta[j] += gij;
                double h = gammas == null ? gij : gij * gammas[j];
                sumH += h;
                sumHXhat += h * xhat[j];
            }
            if (out != null) {
                for (int j = 0; j < n; j++) {
                    double h = gammas == null ? grad.get(row + j) : grad.get(row + j) * gammas[j];
                    out.set(row + j, rstd / n * (n * h - sumH - xhat[j] * sumHXhat));
                }
            }
        }
        Values gammaGradients = Values.of(gammaGradient);
        Values betaGradients = Values.of(betaGradient);
        for (int j = 0; j < n; j++) {
            gammaGradients.set(j, dgamma[j]);
            betaGradients.set(j, dbeta[j]);
        }
        return dLdx;
    }

    private static double rowMean(Values in, long row, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += in.get(row + j);
        }
        return sum / n;
    }

    private static double rowVariance(Values in, long row, int n, double mean) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double d = in.get(row + j) - mean;
            sum += d * d;
        }
        return sum / n;
    }

    /** The variance's epsilon. */
    public double epsilon() {
        return epsilon;
    }

    /** ONNX (opset 17): one {@code LayerNormalization} node over the last axis, gamma 1 and beta 0 written out when absent. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        int k = 0;
        INDArray ones = Nd4j.ones(graph.dataType(), inputSize());
        String scaleName = graph.initializer(name() + "/gamma", scale ? weights.get(k++) : ones);
        String shiftName = graph.initializer(name() + "/beta", center ? weights.get(k) : ones.mul(0));
        return graph.add("LayerNormalization", name(), input, scaleName, shiftName)
                .attribute("axis", -1L).attribute("epsilon", (float) epsilon).output();
    }
}
