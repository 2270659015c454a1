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
 * Keras 3's {@code BatchNormalization(axis=-1)}: normalises each column (feature) over the batch,
 * then scales and shifts it by trained {@code gamma} and {@code beta}.
 * <pre>
 *   training (fit, and the layer trainable):
 *     mean_j = sum_i x_ij / B,   var_j = sum_i (x_ij - mean_j)^2 / B          (the batch's, biased)
 *     moving_j = moving_j * momentum + batch_j * (1 - momentum)              (mean and variance, after the step)
 *   inference (predict, evaluate; and during fit when set non-trainable, as Keras' training and trainable):
 *     mean_j = moving_mean_j,   var_j = moving_variance_j
 *   both:
 *     inv_j = gamma_j / sqrt(var_j + epsilon)
 *     y_ij  = x_ij inv_j + (beta_j - mean_j inv_j)                             (TensorFlow's order of operations)
 * </pre>
 * Backward in training, the gradient flowing through the batch statistics, with
 * {@code xhat_ij = (x_ij - mean_j) / sqrt(var_j + epsilon)} and {@code g = dL/dy}:
 * <pre>
 *   dL/dgamma_j = sum_i g_ij xhat_ij,   dL/dbeta_j = sum_i g_ij
 *   dL/dx_ij    = gamma_j / (B sqrt(var_j + epsilon)) (B g_ij - dL/dbeta_j - xhat_ij dL/dgamma_j)
 * </pre>
 * and in inference mode, the statistics being constants, {@code dL/dx_ij = g_ij inv_j}.
 *
 * <p>Shapes: {@code (B, n)} in and out; every weight {@code (n)}. Weights in Keras' order:
 * {@code gamma} (if {@code scale}), {@code beta} (if {@code center}), trainable;
 * {@code moving_mean}, {@code moving_variance}, non-trainable, starting at 0 and 1. The moving
 * statistics change in {@link #updateState}, which the training step calls after the optimizer,
 * inside the model's write lock: a concurrent {@code predict} sees them before or after a step.
 *
 * <p>{@code GradientCheck} on a whole model differentiates the inference-mode loss (moving
 * statistics) while {@code gradients} follows the training pass (batch statistics), so it does not
 * apply to a model with a trainable BatchNormalization; the layer's own tests compare its backward
 * pass with central differences of a training-mode loss instead. A frozen one passes it.
 */
public class BatchNormalization extends Layer implements OnnxLayer {

    private final double momentum;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private INDArray gamma;
    private INDArray beta;
    private INDArray movingMean;
    private INDArray movingVariance;
    private INDArray gammaGradient;
    private INDArray betaGradient;

    /** Keras' defaults: momentum 0.99, epsilon 0.001, center and scale. */
    public BatchNormalization() {
        this(0.99, 1e-3);
    }

    /** (momentum, epsilon), with center and scale. */
    public BatchNormalization(double momentum, double epsilon) {
        this(momentum, epsilon, true, true);
    }

    /**
     * @param momentum the moving statistics' decay per step, in [0, 1)
     * @param epsilon added to the variance, positive and finite
     * @param center whether the layer has {@code beta} (else 0)
     * @param scale whether the layer has {@code gamma} (else 1)
     * @throws IllegalArgumentException for a momentum outside [0, 1) or an epsilon that is not positive
     */
    public BatchNormalization(double momentum, double epsilon, boolean center, boolean scale) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1) (the moving statistics' decay"
                    + " per step), got " + momentum);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be positive and finite, got " + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    /** From {@code {"momentum", "epsilon", "center", "scale"}}, as {@link #config()} writes it. */
    public static BatchNormalization fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "BatchNormalization", "momentum", "epsilon", "center", "scale");
        return new BatchNormalization(Config.number(config, "momentum"), Config.number(config, "epsilon"),
                Config.bool(config, "center"), Config.bool(config, "scale"));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        return config;
    }

    @Override
    protected long build(long inputSize, Random random) {
        gamma = Nd4j.ones(dataType(), inputSize);
        beta = Nd4j.zeros(dataType(), inputSize);
        movingMean = Nd4j.zeros(dataType(), inputSize);
        movingVariance = Nd4j.ones(dataType(), inputSize);
        gammaGradient = Nd4j.zeros(dataType(), inputSize);
        betaGradient = Nd4j.zeros(dataType(), inputSize);
        return inputSize;
    }

    @Override
    public List<long[]> parameterShapes(long inputSize) {
        List<long[]> shapes = new ArrayList<>();
        for (int i = (scale ? 1 : 0) + (center ? 1 : 0) + 2; i > 0; i--) {
            shapes.add(new long[] {inputSize});
        }
        return shapes;
    }

    /** gamma, beta (those the layer has), moving_mean, moving_variance: Keras' order. */
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
        parameters.add(Parameter.nonTrainable("moving_mean", movingMean));
        parameters.add(Parameter.nonTrainable("moving_variance", movingVariance));
        return parameters;
    }

    /** Keras' {@code training and self.trainable}: whether this pass uses (and updates) the batch statistics. */
    private boolean batchStatistics(CallContext context) {
        return context.training() && isTrainable();
    }

    @Override
    public INDArray forward(INDArray input, CallContext context) {
        INDArray x = Arrays2D.isPlain(input) ? input : input.dup('c');
        int rows = (int) x.rows();
        int n = (int) x.columns();
        INDArray mean;
        INDArray variance;
        if (batchStatistics(context)) {
            mean = context.buffer(this, "mean", 1, n);
            variance = context.buffer(this, "variance", 1, n);
            Moments.ofColumns(x, mean, variance);
            context.keep(this, "input", x);
            context.keep(this, "mean", mean);
            context.keep(this, "variance", variance);
        } else {
            mean = movingMean;
            variance = movingVariance;
            if (context.training()) {
                context.keep(this, "input", x);
            }
        }
        INDArray output = context.buffer(this, "output", rows, n);
        Moments.normalizeColumns(x, mean, variance, epsilon, scale ? gamma : null, center ? beta : null, output);
        return output;
    }

    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        boolean batch = batchStatistics(context);
        INDArray x = context.kept(this, "input");
        INDArray g = Arrays2D.isPlain(dLdOutput) ? dLdOutput : dLdOutput.dup('c');
        INDArray mean = batch ? context.kept(this, "mean") : movingMean;
        INDArray variance = batch ? context.kept(this, "variance") : movingVariance;
        INDArray dLdx = needInputGradient ? context.buffer(this, "dLdx", g.rows(), g.columns()) : null;
        Moments.columnsBackward(x, g, mean, variance, epsilon, scale ? gamma : null, batch, gammaGradient, betaGradient, dLdx);
        return dLdx;
    }

    /** The moving statistics from this step's batch statistics (nothing in inference mode or when frozen). */
    @Override
    public void updateState(CallContext context) {
        if (!batchStatistics(context)) {
            return;
        }
        Values batchMean = Values.of(context.kept(this, "mean"));
        Values batchVariance = Values.of(context.kept(this, "variance"));
        Values mean = Values.of(movingMean);
        Values variance = Values.of(movingVariance);
        for (long j = 0, n = movingMean.length(); j < n; j++) {
            mean.set(j, mean.get(j) * momentum + batchMean.get(j) * (1 - momentum));
            variance.set(j, variance.get(j) * momentum + batchVariance.get(j) * (1 - momentum));
        }
    }

    /** The moving statistics' decay per step. */
    public double momentum() {
        return momentum;
    }

    /** The variance's epsilon. */
    public double epsilon() {
        return epsilon;
    }

    /**
     * ONNX: one {@code BatchNormalization} node in inference mode (the moving statistics), with
     * gamma 1 and beta 0 written out when the layer has none.
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        int k = 0;
        INDArray scaleValues = scale ? weights.get(k++) : Nd4j.onesLike(movingMean);
        INDArray shiftValues = center ? weights.get(k++) : Nd4j.zerosLike(movingMean);
        String scaleName = graph.initializer(name() + "/gamma", scaleValues);
        String shiftName = graph.initializer(name() + "/beta", shiftValues);
        String meanName = graph.initializer(name() + "/moving_mean", weights.get(k++));
        String varianceName = graph.initializer(name() + "/moving_variance", weights.get(k));
        return graph.add("BatchNormalization", name(), input, scaleName, shiftName, meanName, varianceName)
                .attribute("epsilon", (float) epsilon).doc(typeName() + "(momentum=" + momentum + ")").output();
    }
}
