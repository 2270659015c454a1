package org.backprop4j.core.metrics;

import java.util.Map;

import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code precision} with its default threshold 0.5: of the elements predicted positive
 * ({@code p > 0.5}), the fraction that are positive ({@code y != 0}), from counts accumulated over
 * every element of every batch since the last reset, each element counting its sample's weight:
 * <pre>
 *   TP += w_i [p > 0.5][y != 0]      FP += w_i [p > 0.5][y == 0]      result = TP / (TP + FP)  (0 if 0/0)
 * </pre>
 * An epoch's value is therefore the precision of the whole epoch, as Keras reports it. Meant for
 * sigmoid outputs (binary or multi-label); on one-hot softmax outputs it counts each column as a
 * yes/no decision, as Keras does.
 */
public final class Precision extends AccumulatingMetric {

    /** Predictions above this count as positive. */
    public static final double THRESHOLD = 0.5;

    private double truePositives;
    private double falsePositives;

    /** Reported as {@code "precision"}. */
    public Precision() {
        this("precision");
    }

    /** Reported under {@code name} (the History key). */
    public Precision(String name) {
        super(name);
    }

    /** Reads {@link #config()}: an optional "name". */
    public static Precision fromConfig(Map<String, Object> config) {
        return new Precision(AccumulatingMetric.nameOnly(config, "Precision", "precision"));
    }

    @Override
    public void update(INDArray predictions, INDArray targets, INDArray sampleWeights) {
        requireShapes(predictions, targets, predictions.columns());
        double[] weights = weights(sampleWeights, predictions.rows());
        double[] p = Arrays2D.rowMajor(predictions);
        double[] y = Arrays2D.rowMajor(targets);
        int columns = (int) predictions.columns();
        for (int i = 0; i < p.length; i++) {
            if (p[i] > THRESHOLD) {
                double weight = weights == null ? 1 : weights[i / columns];
                if (y[i] != 0) {
                    truePositives += weight;
                } else {
                    falsePositives += weight;
                }
            }
        }
    }

    @Override
    public double result() {
        double predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : truePositives / predicted;
    }

    @Override
    public void reset() {
        truePositives = 0;
        falsePositives = 0;
    }
}
