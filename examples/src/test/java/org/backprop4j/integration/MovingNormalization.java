package org.backprop4j.integration;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A test layer shaped like Keras' BatchNormalization (not a public layer): per column,
 * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}, with the batch's mean and variance in
 * training and the moving ones in inference. gamma and beta are trainable; moving_mean and
 * moving_variance are non-trainable state, updated in {@link #updateState} (inside the model's write
 * lock, after the optimizer) as {@code moving = momentum * moving + (1 - momentum) * batch}.
 *
 * <p>Backward, with {@code xhat = (x - mean) / sqrt(var + eps)} and {@code dxhat = dy * gamma}:
 * {@code dgamma = sum(dy * xhat)}, {@code dbeta = sum(dy)},
 * {@code dx = (B dxhat - sum(dxhat) - xhat sum(dxhat * xhat)) / (B sqrt(var + eps))}.
 */
class MovingNormalization extends Layer {

    static final double EPSILON = 1e-3;
    final double momentum;
    INDArray gamma;
    INDArray beta;
    INDArray movingMean;
    INDArray movingVariance;
    private INDArray gammaGradient;
    private INDArray betaGradient;

    MovingNormalization(double momentum) {
        this.momentum = momentum;
    }

    static MovingNormalization fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "MovingNormalization", "momentum");
        return new MovingNormalization(Config.number(config, "momentum"));
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("momentum", momentum);
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
    public List<Parameter> parameters() {
        return List.of(new Parameter("gamma", gamma, gammaGradient), new Parameter("beta", beta, betaGradient),
                Parameter.nonTrainable("moving_mean", movingMean), Parameter.nonTrainable("moving_variance", movingVariance));
    }

    @Override
    public INDArray forward(INDArray x, CallContext context) {
        INDArray mean = context.training() ? x.mean(0) : movingMean;
        INDArray variance = context.training() ? x.var(false, 0) : movingVariance;
        INDArray inverseStd = Transforms.pow(variance.add(EPSILON), -0.5, false);
        INDArray xhat = x.subRowVector(mean).muliRowVector(inverseStd);
        if (context.training()) {
            context.keep(this, "xhat", xhat);
            context.keep(this, "inverseStd", inverseStd);
            context.keep(this, "mean", mean);
            context.keep(this, "variance", variance);
        }
        return xhat.mulRowVector(gamma).addiRowVector(beta);
    }

    @Override
    public INDArray backward(INDArray dy, boolean needInputGradient, CallContext context) {
        INDArray xhat = context.kept(this, "xhat");
        gammaGradient.assign(dy.mul(xhat).sum(0));
        betaGradient.assign(dy.sum(0));
        if (!needInputGradient) {
            return null;
        }
        long batch = dy.rows();
        INDArray dxhat = dy.mulRowVector(gamma);
        INDArray dx = dxhat.mul(batch).subiRowVector(dxhat.sum(0))
                .subi(xhat.mulRowVector(dxhat.mul(xhat).sum(0)));
        return dx.muliRowVector(context.kept(this, "inverseStd").div(batch));
    }

    /** The moving statistics, from this step's batch statistics. */
    @Override
    public void updateState(CallContext context) {
        commit(context.kept(this, "mean"), context.kept(this, "variance"));
    }

    void commit(INDArray batchMean, INDArray batchVariance) {
        movingMean.muli(momentum).addi(batchMean.mul(1 - momentum));
        movingVariance.muli(momentum).addi(batchVariance.mul(1 - momentum));
    }
}
