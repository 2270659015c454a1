package org.backprop4j.examples.docs.snippets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.Split;
import org.backprop4j.core.Utils;
import org.backprop4j.core.callbacks.LambdaCallback;
import org.backprop4j.core.callbacks.TerminateOnNaN;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.losses.BinaryFocalCrossentropy;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.CategoricalFocalCrossentropy;
import org.backprop4j.core.losses.CategoricalHinge;
import org.backprop4j.core.losses.CosineSimilarity;
import org.backprop4j.core.losses.Hinge;
import org.backprop4j.core.losses.KLDivergence;
import org.backprop4j.core.losses.LogCosh;
import org.backprop4j.core.losses.MeanAbsolutePercentageError;
import org.backprop4j.core.losses.MeanSquaredLogarithmicError;
import org.backprop4j.core.losses.Poisson;
import org.backprop4j.core.losses.SquaredHinge;
import org.backprop4j.examples.data.Datasets;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/keras-to-backprop4j.md, "More losses, callbacks and data helpers": the data helpers, label
// smoothing and the two callbacks on the iris data, then every other new loss on one small batch.
public class KerasRingTwo {
    public static void main(String[] args) throws IOException {
        // snippet-start
        Split iris = Datasets.iris();                    // load_iris() + train_test_split(test_size=0.2, stratify=y)
        Split part = Utils.trainTestSplit(iris.xTrain(), iris.yTrain(), 0.2, 42L, true);  // a validation part
        INDArray yTrain = Utils.toCategorical(part.yTrain(), 3);
        INDArray yVal = Utils.toCategorical(part.yTest(), 3);
        System.out.println("iris: " + part.trainSize() + " training, " + part.testSize() + " validation, "
                + iris.testSize() + " test flowers");

        Sequential model = new Sequential(3L);
        model.add(new Dense(16, 4, "relu"));
        model.add(new Dense(3, "softmax"));
        model.compile(new CategoricalCrossentropy(false, 0.1), new Adam(0.01), "accuracy");
        List<Double> losses = new ArrayList<>();
        model.fit(part.xTrain(), yTrain, new FitOptions().epochs(60).batchSize(16).verbose(0)
                .validationData(part.xTest(), yVal)
                .callbacks(new TerminateOnNaN(),
                        LambdaCallback.onEpochEnd((epoch, logs) -> losses.add(logs.get("loss")))));
        System.out.printf(Locale.ROOT, "loss %.4f after epoch 1, %.4f after epoch 60 (smoothed targets: never 0)%n",
                losses.get(0), losses.get(59));
        System.out.printf(Locale.ROOT, "test accuracy %.4f%n",
                model.evaluate(iris.xTest(), Utils.toCategorical(iris.yTest(), 3)).get("accuracy"));

        // the other losses on one batch of three samples (all of them also by name, e.g. compile("poisson", ...))
        INDArray p = Nd4j.create(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}, {0.2, 0.2, 0.6}});
        INDArray y = Nd4j.create(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}});
        for (Loss loss : List.of(new KLDivergence(), new Poisson(), new LogCosh(), new Hinge(), new SquaredHinge(),
                new CategoricalHinge(), new MeanSquaredLogarithmicError(), new MeanAbsolutePercentageError(),
                new CosineSimilarity(), new BinaryFocalCrossentropy(false, 0.25, 2.0, false),
                new CategoricalFocalCrossentropy(0.25, 2.0, false), new BinaryCrossentropy(false, 0.1))) {
            System.out.printf(Locale.ROOT, "%-31s %.6f%n", loss.name(), loss.value(p, y));
        }
        System.out.println("aliases: kld -> " + Registry.LOSSES.create("kld").name() + ", msle -> "
                + Registry.LOSSES.create("msle").name() + ", mape -> " + Registry.LOSSES.create("mape").name());
        // snippet-end
    }

    /**
     * The page's other cells, compiled here but not run by the docs tests: the full Fashion-MNIST is
     * an {@code apt-get install dataset-fashion-mnist} away, and the digits would only repeat the iris.
     */
    static void otherHelpers(INDArray labels) throws IOException {
        Split data = Datasets.fashionMnist();
        Split digits = Datasets.digits();
        Split diabetes = Datasets.diabetes();
        Split cancer = Datasets.breastCancer();
        INDArray oneHot = Utils.toCategorical(labels, 3, DataType.FLOAT);
        System.out.println(data + " " + digits + " " + diabetes + " " + cancer + " " + oneHot.dataType() + " " + new TerminateOnNaN(true).raiseError());
    }
}
