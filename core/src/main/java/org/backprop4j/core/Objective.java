package org.backprop4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.internal.Checks;
import org.backprop4j.core.metrics.Metrics;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@code compile} fixes: the loss a network is trained on, the metrics reported beside it, and
 * how the loss's gradient enters the backward pass. This is the one place that decides to fuse the
 * loss with the output layer's activation (softmax with categorical cross-entropy, sigmoid with
 * binary cross-entropy: {@code dL/dz = (p - y) / n} directly) instead of going through
 * {@code dL/dp} and the activation's Jacobian.
 */
final class Objective {

    private final Network network;
    private final Loss loss;
    private final List<Metric> metrics;
    private final boolean fused;

    /**
     * @param metrics names and {@link Metric} objects, as {@code compile} takes them
     * @throws IllegalArgumentException for an unknown metric name, a value that is no metric, or two
     *         metrics reported under one name
     */
    Objective(Network network, Loss loss, Object... metrics) {
        List<Metric> resolved = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>(List.of("loss"));
        Object[] given = metrics == null ? new Object[0] : metrics;
        for (int i = 0; i < given.length; i++) {
            Metric metric = Metrics.resolve(given[i], i, network.output().outputSize(), loss);
            if (!names.add(metric.name())) {
                throw new IllegalArgumentException("Two metrics would be reported as '" + metric.name()
                        + "' (metric " + i + " of compile): give one of them another name");
            }
            resolved.add(metric);
        }
        ActivationFunction outputActivation = network.output().outputActivation();
        this.network = network;
        this.loss = loss;
        this.metrics = List.copyOf(resolved);
        this.fused = outputActivation != null && loss.fusesWith(outputActivation);
    }

    private Objective(Network network, Loss loss, List<Metric> metrics, boolean fused) {
        this.network = network;
        this.loss = loss;
        this.metrics = metrics;
        this.fused = fused;
    }

    /**
     * This objective with Keras' {@code class_weight} on the loss (value and gradient; the metrics
     * stay unweighted), for the training steps of fit. The classes are the output's columns, or 0
     * and 1 for a single output column (as Keras counts them).
     *
     * @throws IllegalArgumentException if a weight names a class the model does not output
     */
    Objective withClassWeights(Map<Integer, Double> classWeight) {
        long columns = network.output().outputSize();
        long classes = columns == 1 ? 2 : columns;
        for (int label : new java.util.TreeSet<>(classWeight.keySet())) {
            if (label >= classes) {
                throw new IllegalArgumentException("classWeight names class " + label + ", but the model outputs "
                        + classes + " classes (0 to " + (classes - 1) + ")");
            }
        }
        return new Objective(network, new ClassWeightedLoss(loss, classWeight), metrics, fused);
    }

    /**
     * The backward pass from the predictions of a forward pass in {@code context}: fills every
     * parameter's gradient with {@code dL/dw} of the mean loss over the batch.
     */
    void backward(INDArray predictions, INDArray targets, CallContext context, Backprop mode) {
        backward(predictions, targets, context, mode, null);
    }

    /**
     * {@link #backward(INDArray, INDArray, CallContext, Backprop)} of the loss weighted per sample
     * ({@link SampleWeights}): the loss's gradient rows scaled by {@code weights}, or as is for null.
     */
    void backward(INDArray predictions, INDArray targets, CallContext context, Backprop mode, double[] weights) {
        INDArray lossGradient = context.buffer(this, "dLoss", predictions.rows(), predictions.columns());
        if (mode == Backprop.EXPLICIT_JACOBIAN) {
            loss.gradient(predictions, targets, lossGradient); // dL/dp: no shortcut
            weigh(lossGradient, weights);
            network.backwardExplicit(lossGradient, context);
        } else if (fused) {
            loss.gradientWrtPreActivation(predictions, targets, lossGradient); // dL/dz = (p - y) / n
            weigh(lossGradient, weights);
            network.backward(lossGradient, true, context);
        } else {
            loss.gradient(predictions, targets, lossGradient); // dL/dp
            weigh(lossGradient, weights);
            network.backward(lossGradient, false, context);
        }
    }

    private static void weigh(INDArray lossGradient, double[] weights) {
        if (weights != null) {
            SampleWeights.scaleRows(lossGradient, weights); // row b times w_b
        }
    }

    /** The loss Keras reports: the loss function's mean over the batch plus every regularisation penalty. */
    double lossValue(INDArray predictions, INDArray targets) {
        return loss.value(predictions, targets) + network.penalty();
    }

    /** {@link #lossValue(INDArray, INDArray)} with the loss weighted per sample ({@link SampleWeights}); null: unweighted. */
    double lossValue(INDArray predictions, INDArray targets, double[] weights) {
        return weights == null ? lossValue(predictions, targets)
                : SampleWeights.loss(loss, predictions, targets, weights) + network.penalty();
    }

    /** {@code {"loss": ..., metric: ...}} in compile order. */
    Map<String, Double> scores(INDArray predictions, INDArray targets) {
        return scores(predictions, targets, null);
    }

    /**
     * {@code {"loss": ..., metric: ...}} in compile order, with per-sample {@code weights} (or null) on
     * the loss and on the weighted metrics ({@link Metric#usesSampleWeights()}); each metric accumulates this
     * one batch in a fresh copy.
     */
    Map<String, Double> scores(INDArray predictions, INDArray targets, double[] weights) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("loss", lossValue(predictions, targets, weights));
        INDArray weightArray = SampleWeights.array(weights);
        for (Metric metric : metrics) {
            Metric pass = metric.fresh();
            pass.update(predictions, targets, metric.usesSampleWeights() ? weightArray : null);
            scores.put(metric.name(), pass.result());
        }
        return scores;
    }

    /**
     * {@code y} checked against the checked {@code inputs} and the loss, and converted to the
     * model's type; {@code what} names it in messages ("y", "validation y").
     */
    INDArray checkTargets(INDArray y, INDArray inputs, String what) {
        y = InputShapes.targetRows(y, network.output()); // (samples, 28, 28) targets of a shaped output, as rows
        if (y != null && y.rank() == 1 && loss.targetColumns(network.output().outputSize()) == 1) {
            y = y.reshape(y.length(), 1); // class indices given as a vector (n), as Keras accepts
        }
        INDArray targets = Checks.matrix(what, y, network.dataType());
        if (targets.rows() != inputs.rows()) {
            throw new IllegalArgumentException("x and y must have one row per sample: " + what.replace('y', 'x') // "x" or "validation x"
                    + " has " + inputs.rows() + " rows, " + what + " has " + targets.rows());
        }
        Layer output = network.output();
        long expected = loss.targetColumns(output.outputSize());
        if (targets.columns() != expected) {
            throw new IllegalArgumentException(output.describe() + " outputs " + output.outputSize() + " columns, "
                    + (expected == output.outputSize() ? "but " + what + " has " + targets.columns()
                            : "so " + loss.name() + " needs " + what + " with " + expected + " column"
                            + (expected == 1 ? "" : "s") + ", got " + targets.columns())
                    + " (shape " + Arrays.toString(y.shape()) + ")");
        }
        loss.validateTargets(targets, output.outputSize());
        return targets;
    }

    Loss loss() {
        return loss;
    }

    List<Metric> metrics() {
        return metrics;
    }

    /** Whether the loss's gradient is taken with respect to the output activation's input. */
    boolean fused() {
        return fused;
    }
}
