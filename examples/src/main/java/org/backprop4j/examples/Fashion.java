package org.backprop4j.examples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.Utils;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.backprop4j.examples.data.FashionMnist;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Flatten;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.RMSprop;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * TensorFlow's beginner tutorial ("Basic classification: classify images of clothing"), ported line
 * by line to backprop4j, on Zalando's Fashion-MNIST:
 * <pre>
 * model = tf.keras.Sequential([
 *     tf.keras.layers.Flatten(input_shape=(28, 28)),             new Flatten(28, 28)
 *     tf.keras.layers.Dense(128, activation='relu'),             new Dense(128, "relu")
 *     tf.keras.layers.Dense(10)])                                new Dense(10)            (logits)
 * model.compile(optimizer='adam',                                new Adam()
 *     loss=SparseCategoricalCrossentropy(from_logits=True),      new SparseCategoricalCrossentropy(true)
 *     metrics=['accuracy'])                                      "accuracy"
 * model.fit(train_images, train_labels, epochs=10)               epochs 10, batch size 32 (Keras' default)
 * </pre>
 * on the pictures {@code (samples, 28, 28)}, with the pixels divided by 255 and FLOAT arithmetic, as
 * Keras. The {@link Recipe#MLP} variant is keras-team's {@code mnist_mlp.py}, which flattens the pictures
 * itself ({@code x_train.reshape(60000, 784)}) and starts with {@code Input(784)}: Dense 512 relu, Dropout 0.2, Dense 512 relu, Dropout 0.2,
 * Dense 10 softmax, RMSprop, categorical cross-entropy on {@link Utils#toCategorical one-hot}
 * labels, batch size 128.
 */
public final class Fashion {

    /** Default epochs (the tutorial's). */
    public static final int EPOCHS = 10;
    /** Default mini-batch size (Keras' default, which the tutorial keeps). */
    public static final int BATCH_SIZE = 32;
    /** Batch size of keras-team's mnist_mlp.py. */
    public static final int MLP_BATCH_SIZE = 128;
    /** Default seed of the initial weights, the dropout masks and the shuffling. */
    public static final long SEED = 42L;
    /** Misclassified test pictures drawn by {@link #writePlot}. */
    public static final int PLOTTED = 24;

    private Fashion() {
    }

    /** Which model to train. */
    public enum Recipe {
        /** The TensorFlow beginner tutorial: Flatten(28, 28)-128 relu-10 logits, Adam, sparse CE from logits. */
        TUTORIAL,
        /** keras-team's mnist_mlp.py: 784-512-512-10 softmax with dropout 0.2, RMSprop, categorical CE. */
        MLP
    }

    /**
     * Training settings.
     *
     * @param recipe the model
     * @param epochs passes over the training pictures
     * @param batchSize rows per step
     * @param dataType FLOAT (as Keras) or DOUBLE
     * @param seed seed of the weights, the dropout masks and the shuffling
     */
    public record Settings(Recipe recipe, int epochs, int batchSize, DataType dataType, long seed) {

        /** The tutorial's settings. */
        public static Settings tutorial() {
            return new Settings(Recipe.TUTORIAL, EPOCHS, BATCH_SIZE, DataType.FLOAT, SEED);
        }
    }

    /**
     * What a run measured.
     *
     * @param model the trained model
     * @param testAccuracy accuracy on the test pictures
     * @param trainingSeconds wall time of {@code fit}
     * @param confusion {@code confusion[true class][predicted class]} on the test pictures
     * @param predicted the predicted class of each test picture
     * @param test the test pictures
     */
    public record Result(Sequential model, double testAccuracy, double trainingSeconds, int[][] confusion,
                         int[] predicted, FashionMnist.Split test) {
    }

    /** The model of {@code recipe}, compiled, in the given data type. */
    public static Sequential buildModel(Recipe recipe, DataType dataType, long seed) {
        Sequential model = new Sequential(seed, dataType);
        if (recipe == Recipe.TUTORIAL) {
            model.add(new Flatten(FashionMnist.ROWS, FashionMnist.COLUMNS));   // takes (samples, 28, 28)
            model.add(new Dense(128, "relu"));
            model.add(new Dense(FashionMnist.CLASSES));                       // logits
            model.compile(new SparseCategoricalCrossentropy(true), new Adam(), "accuracy");
        } else {
            model.add(new Input(FashionMnist.PIXELS));
            model.add(new Dense(512, "relu"));
            model.add(new Dropout(0.2));
            model.add(new Dense(512, "relu"));
            model.add(new Dropout(0.2));
            model.add(new Dense(FashionMnist.CLASSES, "softmax"));
            model.compile("categorical_crossentropy", new RMSprop(), "accuracy");
        }
        return model;
    }

    /**
     * Trains on {@code data.train()} with Keras' per-epoch progress (verbose 2), then prints the
     * test accuracy, the training time and the confusion matrix on {@code out}.
     */
    public static Result run(FashionMnist data, Settings settings, PrintStream out) {
        FashionMnist.Split train = data.train();
        FashionMnist.Split test = data.test();
        boolean pictures = settings.recipe() == Recipe.TUTORIAL;       // (samples, 28, 28) for Flatten(28, 28)
        INDArray trainImages = pictures ? train.pictures(settings.dataType()) : train.images(settings.dataType());
        INDArray testImages = pictures ? test.pictures(settings.dataType()) : test.images(settings.dataType());
        INDArray trainLabels = train.labels(settings.dataType());
        INDArray testLabels = test.labels(settings.dataType());
        if (settings.recipe() == Recipe.MLP) {                         // y_train = to_categorical(y_train, 10)
            trainLabels = Utils.toCategorical(trainLabels, FashionMnist.CLASSES);
            testLabels = Utils.toCategorical(testLabels, FashionMnist.CLASSES);
        }
        out.printf(Locale.ROOT, "Fashion-MNIST: %,d training and %,d test pictures of 28x28 pixels, scaled to "
                + "[0, 1] (Zalando, MIT licence)%n", train.count(), test.count());
        Sequential model = buildModel(settings.recipe(), settings.dataType(), settings.seed());
        out.print(model.summary());
        out.printf(Locale.ROOT, "%s, %s, batch size %d, %d epochs, %s%n%n",
                settings.recipe() == Recipe.TUTORIAL ? "Adam, sparse categorical cross-entropy from logits"
                        : "RMSprop, categorical cross-entropy on one-hot labels",
                "metric accuracy", settings.batchSize(), settings.epochs(), settings.dataType());

        long start = System.nanoTime();
        model.fit(trainImages, trainLabels, new FitOptions().epochs(settings.epochs()).batchSize(settings.batchSize())
                .verbose(2).progressOutput(out));
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Double> scores = model.evaluate(testImages, testLabels);
        double[][] outputs = model.predict(testImages).toDoubleMatrix();
        int[] predicted = new int[outputs.length];
        int[][] confusion = new int[FashionMnist.CLASSES][FashionMnist.CLASSES];
        for (int i = 0; i < outputs.length; i++) {
            predicted[i] = argmax(outputs[i]);
            confusion[test.label(i)][predicted[i]]++;
        }
        out.println();
        out.printf(Locale.ROOT, "test loss: %.4f%n", scores.get("loss"));
        out.printf(Locale.ROOT, "test accuracy: %.4f%n", scores.get("accuracy"));
        out.printf(Locale.ROOT, "Training took %.1f s%n%n", seconds);
        printConfusion(confusion, out);
        return new Result(model, scores.get("accuracy"), seconds, confusion, predicted, test);
    }

    static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The matrix with the class names: a row per true class, a column per predicted class. */
    static void printConfusion(int[][] confusion, PrintStream out) {
        List<String> names = FashionMnist.CLASS_NAMES;
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        out.println("Confusion matrix on the test pictures (rows: true class, columns: predicted class):");
        StringBuilder header = new StringBuilder(" ".repeat(nameWidth + 5));
        for (int k = 0; k < names.size(); k++) {
            header.append(String.format(Locale.ROOT, "%6d", k));
        }
        out.println(header.append("   correct"));
        for (int t = 0; t < names.size(); t++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d %-" + nameWidth + "s   ", t,
                    names.get(t)));
            int total = 0;
            for (int k = 0; k < names.size(); k++) {
                total += confusion[t][k];
                line.append(confusion[t][k] == 0 && k != t ? "     ." : String.format(Locale.ROOT, "%6d",
                        confusion[t][k]));
            }
            line.append(String.format(Locale.ROOT, "   %.1f%%", total == 0 ? 0.0 : 100.0 * confusion[t][t] / total));
            out.println(line);
        }
    }

    /**
     * Writes {@code fashion-misclassified.png}: the first {@link #PLOTTED} misclassified test
     * pictures, each with its true and its predicted class name.
     *
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public static Path writePlot(Result result, Path directory) throws IOException {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < result.predicted().length && wrong.size() < PLOTTED; i++) {
            if (result.predicted()[i] != result.test().label(i)) {
                wrong.add(i);
            }
        }
        int scale = 4;
        int cellWidth = 150;
        int cellHeight = FashionMnist.ROWS * scale + 44;
        int columns = 6;
        int rows = Math.max(1, (wrong.size() + columns - 1) / columns);
        BufferedImage image = Plot.canvas(columns * cellWidth, 40 + rows * cellHeight);
        Graphics2D g = Plot.graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(Plot.TITLE_FONT);
        Plot.centre(g, "Fashion-MNIST: misclassified test pictures (" + wrong.size() + " shown)",
                columns * cellWidth / 2.0, 26);
        g.setFont(Plot.LABEL_FONT);
        for (int n = 0; n < wrong.size(); n++) {
            int index = wrong.get(n);
            int left = (n % columns) * cellWidth;
            int top = 40 + (n / columns) * cellHeight;
            int x0 = left + (cellWidth - FashionMnist.COLUMNS * scale) / 2;
            for (int r = 0; r < FashionMnist.ROWS; r++) {
                for (int c = 0; c < FashionMnist.COLUMNS; c++) {
                    int ink = 255 - result.test().pixel(index, r * FashionMnist.COLUMNS + c);
                    g.setColor(new Color(ink, ink, ink));
                    g.fillRect(x0 + c * scale, top + r * scale, scale, scale);
                }
            }
            int textTop = top + FashionMnist.ROWS * scale;
            g.setColor(Plot.GREEN);
            Plot.centre(g, "true: " + FashionMnist.CLASS_NAMES.get(result.test().label(index)),
                    left + cellWidth / 2.0, textTop + 15);
            g.setColor(Plot.RED);
            Plot.centre(g, "predicted: " + FashionMnist.CLASS_NAMES.get(result.predicted()[index]),
                    left + cellWidth / 2.0, textTop + 31);
        }
        g.dispose();
        return Plot.save(image, directory.resolve("fashion-misclassified.png"));
    }

    /** Runs the example; the same options as {@code fashion} in the {@link Launcher} (see {@code --help}). */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("fashion", args));
    }
}
