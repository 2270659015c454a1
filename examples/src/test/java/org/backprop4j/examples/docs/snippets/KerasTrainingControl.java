package org.backprop4j.examples.docs.snippets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.EarlyStopping;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

// docs/keras-to-backprop4j.md: validation_split, validation_data, EarlyStopping, save and
// load_model, on 80 noisy points of a two-class problem.
public class KerasTrainingControl {
    public static void main(String[] args) throws IOException {
        // 80 points of [-1, 1]^2, labelled 1 above the line x1 + x2 = 0, every tenth label flipped
        Random random = new Random(1);
        double[][] points = new double[80][2];
        double[][] labels = new double[80][1];
        for (int i = 0; i < points.length; i++) {
            points[i][0] = 2 * random.nextDouble() - 1;
            points[i][1] = 2 * random.nextDouble() - 1;
            boolean above = points[i][0] + points[i][1] > 0;
            labels[i][0] = (above ^ i % 10 == 9) ? 1 : 0;
        }
        Path directory = Files.createTempDirectory("backprop4j-docs");
        try {
            run(Nd4j.create(points), Nd4j.create(labels), directory);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    static void run(INDArray x, INDArray y, Path directory) throws IOException {
        // snippet-start
        Sequential model = new Sequential(5L);
        model.add(new Dense(8, 2, "tanh"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("binary_crossentropy", new SGD(0.5), "accuracy");

        // fit(x, y, epochs=500, batch_size=8, validation_split=0.25, callbacks=[EarlyStopping(...)])
        EarlyStopping stopping = new EarlyStopping("val_loss", 5).minDelta(1e-4).restoreBestWeights(true);
        History history = model.fit(x, y, new FitOptions().epochs(500).batchSize(8).verbose(0)
                .validationSplit(0.25).callbacks(stopping));
        List<Double> valLoss = history.get("val_loss");             // history.history['val_loss']
        System.out.printf(Locale.ROOT, "recorded %s%n", history.history().keySet());
        System.out.printf(Locale.ROOT, "ran %d of 500 epochs (%s); val_loss %.4f -> best %.4f at epoch %d%n",
                history.epochs(), history.stopReason(), valLoss.get(0), stopping.best(), stopping.bestEpoch());

        // fit(x_train, y_train, epochs=20, validation_data=(x_val, y_val)): the same 60/20 split, by hand
        INDArray xTrain = x.get(NDArrayIndex.interval(0, 60), NDArrayIndex.all());
        INDArray yTrain = y.get(NDArrayIndex.interval(0, 60), NDArrayIndex.all());
        INDArray xVal = x.get(NDArrayIndex.interval(60, 80), NDArrayIndex.all());
        INDArray yVal = y.get(NDArrayIndex.interval(60, 80), NDArrayIndex.all());
        History more = model.fit(xTrain, yTrain, new FitOptions().epochs(20).batchSize(8).verbose(0)
                .validationData(xVal, yVal));
        System.out.printf(Locale.ROOT, "20 more epochs: val_accuracy %.4f%n", more.get("val_accuracy").get(19));

        // model.save('model.keras'); keras.models.load_model('model.keras')
        Path file = directory.resolve("model.bp4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        System.out.println("the loaded model predicts the same: " + loaded.predict(x).equals(model.predict(x)));
        // snippet-end
    }
}
