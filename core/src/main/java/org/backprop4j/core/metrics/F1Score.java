package org.backprop4j.core.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code F1Score}, reduced to one number: the harmonic mean of precision and recall from
 * weighted counts accumulated over every batch since the last reset. A prediction counts as
 * positive when it is above {@code threshold}, or, without a threshold (Keras' default), when it
 * is the largest of its row (ties all count) and not 0 ({@code |p| > 1e-9}); targets are 0/1
 * (one-hot for single-label data). With eps = 1e-7, as Keras:
 * <pre>
 *   per column k (micro: over all columns at once):  TP_k, FP_k, FN_k  (each element adds its sample's weight)
 *   precision = TP / (TP + FP + eps)    recall = TP / (TP + FN + eps)    F1 = 2 precision recall / (precision + recall + eps)
 *   macro:    mean over k of F1_k                      (the default here, and "f1_score" by name)
 *   weighted: sum_k F1_k Y_k / (sum_k Y_k + eps), Y_k = weighted count of y_k = 1
 *   micro:    F1 of the counts summed over every column
 * </pre>
 * Keras' default {@code average=None} gives one F1 per class, which a map of scalar scores cannot
 * hold; the three averages above are what Keras offers as one number.
 *
 * <p>Shapes: predictions and targets {@code (batchSize, k)}, k fixed by the first batch.
 */
public final class F1Score extends AccumulatingMetric {

    /** How the per-class scores are reduced to one. */
    public enum Average { MACRO, MICRO, WEIGHTED }

    private static final double EPSILON = 1e-7;

    private final Average average;
    private final Double threshold;
    private double[] truePositives;
    private double[] falsePositives;
    private double[] falseNegatives;
    private double[] positives;

    /** The macro average, argmax decisions, reported as {@code "f1_score"}. */
    public F1Score() {
        this(Average.MACRO, null, "f1_score");
    }

    /**
     * @param threshold predictions above it are positive; null for the largest of each row
     * @param name the History key
     * @throws IllegalArgumentException if {@code average} is null or {@code threshold} is outside (0, 1]
     */
    public F1Score(Average average, Double threshold, String name) {
        super(name);
        if (average == null) {
            throw new IllegalArgumentException("F1Score needs an average: MACRO, MICRO or WEIGHTED");
        }
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("F1Score's threshold must verify 0 < threshold <= 1, got " + threshold);
        }
        this.average = average;
        this.threshold = threshold;
    }

    /** Keras' {@code F1Score(average="macro")}: the mean of the per-class F1 scores. */
    public static F1Score macro() {
        return new F1Score(Average.MACRO, null, "f1_score");
    }

    /** Keras' {@code F1Score(average="macro", threshold=threshold)}. */
    public static F1Score macro(double threshold) {
        return new F1Score(Average.MACRO, threshold, "f1_score");
    }

    /** Keras' {@code F1Score(average="micro")}: F1 of the counts over all classes. */
    public static F1Score micro() {
        return new F1Score(Average.MICRO, null, "f1_score");
    }

    /** Keras' {@code F1Score(average="weighted")}: per-class F1 weighted by each class's count of positives. */
    public static F1Score weighted() {
        return new F1Score(Average.WEIGHTED, null, "f1_score");
    }

    /** Reads {@link #config()}: average ("macro", "micro", "weighted"), threshold (or null) and name, each optional. */
    public static F1Score fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "F1Score", List.of(), List.of("average", "threshold", "name"));
        Average average = Average.MACRO;
        if (config.containsKey("average")) {
            String value = Config.string(config, "average", false);
            average = switch (value) {
                case "macro" -> Average.MACRO;
                case "micro" -> Average.MICRO;
                case "weighted" -> Average.WEIGHTED;
                default -> throw new IllegalArgumentException("F1Score's average must be macro, micro or weighted"
                        + " (one number per class cannot be reported), got '" + value + "'");
            };
        }
        Double threshold = config.get("threshold") == null ? null : Config.number(config, "threshold");
        return new F1Score(average, threshold, AccumulatingMetric.name(config, "F1Score", "f1_score"));
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("average", average.name().toLowerCase(java.util.Locale.ROOT));
        settings.put("threshold", threshold);
        return settings;
    }

    @Override
    public void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        requireShapes(predictions, targets, predictions.columns());
        int columns = (int) predictions.columns();
        int slots = average == Average.MICRO ? 1 : columns;
        if (truePositives == null) {
            truePositives = new double[slots];
            falsePositives = new double[slots];
            falseNegatives = new double[slots];
            positives = new double[slots];
        } else if (average != Average.MICRO && truePositives.length != columns) {
            throw new IllegalArgumentException("Metric '" + name() + "' accumulates " + truePositives.length
                    + " classes, got a batch with " + columns);
        }
        double[] weights = weights(sampleWeights, predictions.rows());
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        for (int row = 0; row < predictions.rows(); row++) {
            int start = row * columns;
            double rowMax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < columns; k++) {
                rowMax = Math.max(rowMax, p[start + k]);
            }
            double weight = weights == null ? 1 : weights[row];
            for (int k = 0; k < columns; k++) {
                double prediction = p[start + k];
                double predicted = (threshold == null ? prediction >= rowMax && Math.abs(prediction) > 1e-9
                        : prediction > threshold) ? 1 : 0;
                double target = y[start + k];
                int slot = average == Average.MICRO ? 0 : k;
                truePositives[slot] += predicted * target * weight;
                falsePositives[slot] += predicted * (1 - target) * weight;
                falseNegatives[slot] += (1 - predicted) * target * weight;
                positives[slot] += target * weight;
            }
        }
    }

    @Override
    public double result() {
        if (truePositives == null) {
            return 0;
        }
        double[] scores = new double[truePositives.length];
        for (int k = 0; k < scores.length; k++) {
            double precision = truePositives[k] / (truePositives[k] + falsePositives[k] + EPSILON);
            double recall = truePositives[k] / (truePositives[k] + falseNegatives[k] + EPSILON);
            scores[k] = precision * recall / (precision + recall + EPSILON) * 2;
        }
        double result = 0;
        if (average == Average.WEIGHTED) {
            double total = 0;
            for (double count : positives) {
                total += count;
            }
            for (int k = 0; k < scores.length; k++) {
                result += scores[k] * (positives[k] / (total + EPSILON));
            }
            return result;
        }
        for (double score : scores) {
            result += score;
        }
        return result / scores.length;
    }

    @Override
    public void reset() {
        truePositives = null;
        falsePositives = null;
        falseNegatives = null;
        positives = null;
    }
}
