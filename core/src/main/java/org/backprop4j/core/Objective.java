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
     * @throws IllegalArgumentException for an unknown metric name
     */
    Objective(Network network, Loss loss, String... metricNames) {
        List<Metric> resolved = new ArrayList<>();
        for (String metric : metricNames == null ? new String[0] : metricNames) {
            resolved.add(Metrics.resolve(metric, network.output().outputSize(), loss));
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
        INDArray lossGradient = context.buffer(this, "dLoss", predictions.rows(), predictions.columns());
        if (mode == Backprop.EXPLICIT_JACOBIAN) {
            loss.gradient(predictions, targets, lossGradient); // dL/dp: no shortcut
            network.backwardExplicit(lossGradient, context);
        } else if (fused) {
            loss.gradientWrtPreActivation(predictions, targets, lossGradient); // dL/dz = (p - y) / n
            network.backward(lossGradient, true, context);
        } else {
            loss.gradient(predictions, targets, lossGradient); // dL/dp
            network.backward(lossGradient, false, context);
        }
    }

    /** The loss Keras reports: the loss function's mean over the batch plus every regularisation penalty. */
    double lossValue(INDArray predictions, INDArray targets) {
        return loss.value(predictions, targets) + network.penalty();
    }

    /** {@code {"loss": ..., metric: ...}} in compile order. */
    Map<String, Double> scores(INDArray predictions, INDArray targets) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("loss", lossValue(predictions, targets));
        for (Metric metric : metrics) {
            scores.put(metric.name(), metric.value(predictions, targets));
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
