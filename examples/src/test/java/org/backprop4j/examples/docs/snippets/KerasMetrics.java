package org.backprop4j.examples.docs.snippets;

import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.metrics.AUC;
import org.backprop4j.core.metrics.F1Score;
import org.backprop4j.core.metrics.Metrics;
import org.backprop4j.core.metrics.R2Score;
import org.backprop4j.core.metrics.RootMeanSquaredError;
import org.backprop4j.core.metrics.SparseTopKCategoricalAccuracy;
import org.backprop4j.core.metrics.TopKCategoricalAccuracy;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/keras-to-backprop4j.md, "Metrics and sample weights": metric objects in compile, weighted and
// unweighted metrics, sample weights in fit and evaluate, and a metric used on its own.
public class KerasMetrics {
    public static void main(String[] args) {
        // snippet-start
        java.util.Random random = new java.util.Random(5);
        double[][] rows = new double[200][2];
        double[][] labels = new double[200][1];
        double[] weights = new double[200];
        for (int i = 0; i < 200; i++) {
            rows[i][0] = random.nextGaussian();
            rows[i][1] = random.nextGaussian();
            labels[i][0] = rows[i][0] + rows[i][1] + 0.5 * random.nextGaussian() > 1 ? 1 : 0;  // a rare positive class
            weights[i] = labels[i][0] == 1 ? 3.0 : 1.0;                                        // counted three times
        }
        INDArray x = Nd4j.create(rows);
        INDArray y = Nd4j.create(labels);
        INDArray w = Nd4j.createFromArray(weights);

        Sequential model = new Sequential(7L);
        model.add(new Dense(8, 2, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("binary_crossentropy", new Adam(0.01), "accuracy", new AUC(), F1Score.macro(0.5),
                Metrics.weighted("accuracy"));
        History history = model.fit(x, y, new FitOptions().epochs(20).batchSize(32).verbose(0)
                .validationSplit(0.25).sampleWeight(w));
        System.out.printf(Locale.ROOT, "epoch 20: auc %.4f, accuracy %.4f, weighted_accuracy %.4f, val_auc %.4f%n",
                history.get("auc").get(19), history.get("accuracy").get(19),
                history.get("weighted_accuracy").get(19), history.get("val_auc").get(19));
        Map<String, Double> scores = model.evaluate(x, y, w);
        System.out.printf(Locale.ROOT, "evaluate with weights: loss %.4f, weighted_accuracy %.4f%n",
                scores.get("loss"), scores.get("weighted_accuracy"));

        AUC auc = new AUC();                              // on its own, as Keras' update_state / result / reset_state
        auc.update(model.predict(x), y, w);
        System.out.printf(Locale.ROOT, "weighted AUC of the whole data: %.4f%n", auc.result());
        auc.reset();
        // snippet-end
    }

    /** The page's table cells, compiled here. */
    static void cells(Sequential model, INDArray x, INDArray y, INDArray w, INDArray xVal, INDArray yVal, INDArray wVal,
                      INDArray p) {
        AUC auc = new AUC();
        new AUC(50, AUC.Curve.PR, AUC.Summation.MAJORING, true, "pr_auc");
        new TopKCategoricalAccuracy(3);
        new SparseTopKCategoricalAccuracy(3);
        new RootMeanSquaredError();
        new R2Score();
        F1Score.macro();
        model.compile("binary_crossentropy", new Adam(), "accuracy", new AUC());
        model.compile("binary_crossentropy", new Adam(), "accuracy", Metrics.weighted("accuracy"));
        model.fit(x, y, new FitOptions().sampleWeight(w));
        new FitOptions().validationData(xVal, yVal, wVal);
        model.evaluate(x, y, w);
        auc.update(p, y, w); auc.result(); auc.reset();
    }
}
