package org.backprop4j.core.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.Config;
import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code AUC}: the area under the ROC curve (or the precision-recall curve), from weighted
 * confusion counts at {@code T} thresholds accumulated over every batch since the last reset, so an
 * epoch's value is the AUC of all its predictions. Every element of the batch is one yes/no
 * decision (Keras' default {@code multi_label=False}: a multi-column output is flattened), with its
 * sample's weight, its label positive when {@code y != 0}, and its prediction clipped to [0, 1]
 * (after a sigmoid when {@code fromLogits}).
 *
 * <p>Thresholds {@code t_0 = -1e-7, t_j = j / (T - 1) for 0 < j < T - 1, t_(T-1) = 1 + 1e-7}; a
 * prediction p counts as positive at {@code t_j} when {@code p > t_j}, computed as Keras' evenly
 * spaced bucketing does: p falls in bucket {@code b = max(ceil(p (T - 1)) - 1, 0)} and is positive
 * at every {@code t_j} with {@code j <= b}. Then
 * <pre>
 *   TP_j, FP_j = weight of positive / negative labels predicted positive at t_j;  FN_j, TN_j the rest
 *   ROC:  x_j = FP_j / (FP_j + TN_j),  y_j = TP_j / (TP_j + FN_j)      (0 where 0/0)
 *   "interpolation" (trapezoid):  AUC = sum_j (x_j - x_(j+1)) (y_j + y_(j+1)) / 2
 *   "minoring" / "majoring": the height min / max(y_j, y_(j+1)) in place of the mean
 *   PR with "interpolation": Davis and Goadrich's interpolation, as Keras' interpolate_pr_auc
 * </pre>
 * Defaults as Keras: 200 thresholds, ROC, interpolation, probabilities (not logits).
 *
 * <p>Shapes: predictions and targets {@code (batchSize, k)}, weights per row.
 */
public final class AUC extends AccumulatingMetric {

    /** Which curve's area. */
    public enum Curve { ROC, PR }

    /** How the area between two thresholds is summed. */
    public enum Summation { INTERPOLATION, MINORING, MAJORING }

    /** Keras' epsilon, by which the end thresholds lie outside [0, 1]. */
    private static final double EPSILON = 1e-7;

    private final int numThresholds;
    private final Curve curve;
    private final Summation summation;
    private final boolean fromLogits;
    private double[] truePositives;
    private double[] falsePositives;
    private double positives;
    private double negatives;

    /** ROC, 200 thresholds, interpolation, reported as {@code "auc"}. */
    public AUC() {
        this(200);
    }

    /**
     * @throws IllegalArgumentException if {@code numThresholds < 2}
     */
    public AUC(int numThresholds) {
        this(numThresholds, Curve.ROC, Summation.INTERPOLATION, false, "auc");
    }

    /**
     * Keras' {@code AUC(num_thresholds, curve, summation_method, name, from_logits=...)}.
     *
     * @throws IllegalArgumentException if {@code numThresholds < 2} or a setting is null
     */
    public AUC(int numThresholds, Curve curve, Summation summation, boolean fromLogits, String name) {
        super(name);
        if (numThresholds < 2 || numThresholds > 1_000_000) {
            throw new IllegalArgumentException("AUC needs numThresholds in [2, 1000000], got " + numThresholds);
        }
        if (curve == null || summation == null) {
            throw new IllegalArgumentException("AUC needs a curve (ROC or PR) and a summation method, got " + curve
                    + " and " + summation);
        }
        this.numThresholds = numThresholds;
        this.curve = curve;
        this.summation = summation;
        this.fromLogits = fromLogits;
        reset();
    }

    /** Reads {@link #config()}: numThresholds, curve, summationMethod, fromLogits and name, each optional. */
    public static AUC fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "AUC", List.of(), List.of("numThresholds", "curve", "summationMethod", "fromLogits", "name"));
        int thresholds = config.containsKey("numThresholds")
                ? (int) Config.integer(config, "numThresholds", 2, 1_000_000) : 200;
        Curve curve = config.containsKey("curve") ? Curve.valueOf(upper(config, "curve", "ROC, PR")) : Curve.ROC;
        Summation summation = config.containsKey("summationMethod")
                ? Summation.valueOf(upper(config, "summationMethod", "interpolation, minoring, majoring"))
                : Summation.INTERPOLATION;
        boolean logits = config.containsKey("fromLogits") && Config.bool(config, "fromLogits");
        return new AUC(thresholds, curve, summation, logits, AccumulatingMetric.name(config, "AUC", "auc"));
    }

    private static String upper(Map<String, Object> config, String key, String valid) {
        String value = Config.string(config, key, false).toUpperCase(Locale.ROOT);
        for (String option : valid.toUpperCase(Locale.ROOT).split(", ")) {
            if (option.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("AUC's " + key + " must be one of " + valid + ", got '" + config.get(key) + "'");
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("numThresholds", numThresholds);
        settings.put("curve", curve.name());
        settings.put("summationMethod", summation.name().toLowerCase(Locale.ROOT));
        settings.put("fromLogits", fromLogits);
        return settings;
    }

    /** The thresholds, as Keras' {@code thresholds} property. */
    public double[] thresholds() {
        double[] thresholds = new double[numThresholds];
        for (int j = 1; j < numThresholds - 1; j++) {
            thresholds[j] = j * 1.0 / (numThresholds - 1);
        }
        thresholds[0] = -EPSILON;
        thresholds[numThresholds - 1] = 1 + EPSILON;
        return thresholds;
    }

    @Override
    public void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        requireShapes(predictions, targets, predictions.columns());
        double[] weights = weights(sampleWeights, predictions.rows());
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) predictions.columns();
        double[] positiveBuckets = new double[numThresholds];
        double[] negativeBuckets = new double[numThresholds];
        for (int i = 0; i < p.length; i++) {
            double weight = weights == null ? 1 : weights[i / columns];
            double prediction = fromLogits ? 1 / (1 + Math.exp(-p[i])) : p[i];
            prediction = Math.min(Math.max(prediction, 0), 1);
            int bucket = (int) Math.max(Math.ceil(prediction * (numThresholds - 1)) - 1, 0);
            if (y[i] != 0) {
                positiveBuckets[bucket] += weight;
                positives += weight;
            } else {
                negativeBuckets[bucket] += weight;
                negatives += weight;
            }
        }
        double tp = 0;
        double fp = 0;
        for (int j = numThresholds - 1; j >= 0; j--) { // positive at t_j: every bucket from j up
            tp += positiveBuckets[j];
            fp += negativeBuckets[j];
            truePositives[j] += tp;
            falsePositives[j] += fp;
        }
    }

    @Override
    public double result() {
        if (curve == Curve.PR && summation == Summation.INTERPOLATION) {
            return interpolatedPrAuc();
        }
        double[] x = new double[numThresholds];
        double[] h = new double[numThresholds];
        for (int j = 0; j < numThresholds; j++) {
            double tp = truePositives[j];
            double fp = falsePositives[j];
            double recall = divideNoNan(tp, positives);   // tp + fn = all positives
            if (curve == Curve.ROC) {
                x[j] = divideNoNan(fp, negatives);         // fp + tn = all negatives
                h[j] = recall;
            } else {
                x[j] = recall;
                h[j] = divideNoNan(tp, tp + fp);
            }
        }
        double area = 0;
        for (int j = 0; j < numThresholds - 1; j++) {
            double height = switch (summation) {
                case INTERPOLATION -> (h[j] + h[j + 1]) / 2;
                case MINORING -> Math.min(h[j], h[j + 1]);
                case MAJORING -> Math.max(h[j], h[j + 1]);
            };
            area += (x[j] - x[j + 1]) * height;
        }
        return area;
    }

    /** Keras' {@code interpolate_pr_auc}: precision interpolated linearly in TP over each interval of P = TP + FP. */
    private double interpolatedPrAuc() {
        double area = 0;
        for (int j = 0; j < numThresholds - 1; j++) {
            double dtp = truePositives[j] - truePositives[j + 1];
            double p0 = truePositives[j] + falsePositives[j];
            double p1 = truePositives[j + 1] + falsePositives[j + 1];
            double slope = divideNoNan(dtp, Math.max(p0 - p1, 0));
            double intercept = truePositives[j + 1] - slope * p1;
            double ratio = p0 > 0 && p1 > 0 ? divideNoNan(p0, Math.max(p1, 0)) : 1;
            double falseNegatives = positives - truePositives[j + 1];
            area += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(truePositives[j + 1] + falseNegatives, 0));
        }
        return area;
    }

    private static double divideNoNan(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    @Override
    public void reset() {
        truePositives = new double[numThresholds];
        falsePositives = new double[numThresholds];
        positives = 0;
        negatives = 0;
    }
}
