package org.backprop4j.examples.docs.snippets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Regularizers;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.Utils;
import org.backprop4j.core.callbacks.CSVLogger;
import org.backprop4j.core.callbacks.LearningRateScheduler;
import org.backprop4j.core.callbacks.ModelCheckpoint;
import org.backprop4j.core.callbacks.ReduceLROnPlateau;
import org.backprop4j.core.initializers.HeNormal;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.Huber;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.Adagrad;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.CosineDecay;
import org.backprop4j.optim.ExponentialDecay;
import org.backprop4j.optim.InverseTimeDecay;
import org.backprop4j.optim.PiecewiseConstantDecay;
import org.backprop4j.optim.RMSprop;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/keras-to-backprop4j.md: every name of the Keras MLP parity table, compiled, and one model
// that uses the layers, the initialiser, the regulariser, the loss, the metrics, the callbacks and
// class weights together.
public class KerasParity {
    public static void main(String[] args) throws Exception {
        // the table's Java column: each form compiles here
        List<Optimizer> optimizers = List.of(new Adam(), new Adam(0.001, 0.9, 0.999, 1e-7, true),
                new RMSprop(), new RMSprop(0.001, 0.9, 0.0, 1e-7, false), new Adagrad(),
                new Adam(new ExponentialDecay(0.01, 1000, 0.9, false)),
                new RMSprop(new PiecewiseConstantDecay(new long[] {1000}, new double[] {0.01, 0.001})),
                new Adagrad(new InverseTimeDecay(0.01, 1000, 0.5, false)),
                new Adam(new CosineDecay(0.01, 10000)));
        List<Loss> losses = List.of(new SparseCategoricalCrossentropy(true), new CategoricalCrossentropy(true),
                new BinaryCrossentropy(true), new Huber(1.0));
        Dense dense = new Dense(64, "relu").kernelInitializer("he_normal").biasInitializer("zeros");
        Dense penalised = new Dense(64, "relu").kernelRegularizer(Regularizers.l2(0.01))
                .biasRegularizer(Regularizers.l1(0.01));
        Dense both = new Dense(64, "relu").kernelRegularizer(Regularizers.l1l2(0.01, 0.01))
                .kernelInitializer(new HeNormal());
        new Sequential(1L).add(new Dense(3, 2, "softmax")).compile("sparse_categorical_crossentropy", "adam");
        new Sequential(1L).add(new Dense(1, 2)).compile("mean_absolute_error", "adam", "mae", "mse");
        new Sequential(1L).add(new Dense(1, 2)).compile("huber", "adagrad");
        Optimizer adam = optimizers.get(0);
        adam.setLearningRate(0.0005);
        double rate = adam.learningRate();

        // snippet-start
        Random random = new Random(4);
        double[][] rows = new double[200][8];
        double[] classes = new double[200];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 8; j++) {
                rows[i][j] = random.nextGaussian();
            }
            classes[i] = rows[i][0] + rows[i][1] > 1 ? 2 : rows[i][0] > 0 ? 1 : 0;  // class 2 is rare
        }
        INDArray x = Nd4j.create(rows);
        INDArray labels = Nd4j.create(classes, new long[] {200, 1});             // class indices, (200, 1)
        INDArray y = Utils.toCategorical(labels, 3);                             // one-hot, (200, 3)
        Path directory = Files.createTempDirectory("parity");

        Sequential model = new Sequential(9L);
        model.add(new Input(8));
        model.add(new Dense(32, "relu").kernelInitializer("he_normal")
                .kernelRegularizer(Regularizers.l2(1e-4)));
        model.add(new Dropout(0.2));
        model.add(new Dense(3, "softmax"));
        model.compile("categorical_crossentropy", new RMSprop(0.01), "accuracy", "precision", "recall");

        History history = model.fit(x, y, new FitOptions().epochs(12).batchSize(32).verbose(0)
                .validationSplit(0.2)
                .classWeight(Map.of(0, 1.0, 1, 1.0, 2, 3.0))
                .callbacks(new LearningRateScheduler((epoch, lr) -> epoch < 6 ? lr : lr * 0.9),
                        new ReduceLROnPlateau("val_loss", 0.5, 2),
                        new ModelCheckpoint(directory.resolve("best.bp4j"), "val_loss", true),
                        new CSVLogger(directory.resolve("log.csv"))));
        System.out.println("history: " + history.history().keySet());
        System.out.printf(Locale.ROOT, "val_accuracy %.4f; learning rate now %.6f%n",
                history.get("val_accuracy").get(11), model.optimizer().learningRate());
        System.out.println("log.csv starts: " + Files.readAllLines(directory.resolve("log.csv")).get(0));
        System.out.println("best model saved: " + Files.exists(directory.resolve("best.bp4j")));
        // snippet-end
        if (rate != 0.0005 || losses.size() != 4 || dense == null || penalised == null || both == null) {
            throw new IllegalStateException("unreachable");
        }
    }
}
