package org.backprop4j.core.metrics;

import java.util.Map;

import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code recall} with its default threshold 0.5: of the positive elements ({@code y != 0}),
 * the fraction predicted positive ({@code p > 0.5}), from weighted counts accumulated over every
 * batch since the last reset:
 * <pre>
 *   TP += w_i [p &gt; 0.5][y != 0]      FN += w_i [p &lt;= 0.5][y != 0]      result = TP / (TP + FN)  (0 if 0/0)
 * </pre>
 */
public final class Recall extends AccumulatingMetric {

    private double truePositives;
    private double falseNegatives;

    /** Reported as {@code "recall"}. */
    public Recall() {
        this("recall");
    }

    /** Reported under {@code name} (the History key). */
    public Recall(String name) {
        super(name);
    }

    /** Reads {@link #config()}: an optional "name". */
    public static Recall fromConfig(Map<String, Object> config) {
        return new Recall(AccumulatingMetric.nameOnly(config, "Recall", "recall"));
    }

    @Override
    public void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        requireShapes(predictions, targets, predictions.columns());
        double[] weights = weights(sampleWeights, predictions.rows());
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) predictions.columns();
        for (int i = 0; i < p.length; i++) {
            if (y[i] != 0) {
                double weight = weights == null ? 1 : weights[i / columns];
                if (p[i] > Precision.THRESHOLD) {
                    truePositives += weight;
                } else {
                    falseNegatives += weight;
                }
            }
        }
    }

    @Override
    public double result() {
        double positives = truePositives + falseNegatives;
        return positives == 0 ? 0 : truePositives / positives;
    }

    @Override
    public void reset() {
        truePositives = 0;
        falseNegatives = 0;
    }
}
