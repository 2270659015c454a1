package org.backprop4j.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.backprop4j.core.DataDiagnostics;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.MetricFormat;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.LiveDashboard;
import org.backprop4j.core.callbacks.TrainingHealth;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real data: 1,797 handwritten digits of 8x8 pixels (UCI "Optical Recognition of Handwritten
 * Digits", CC BY 4.0; see {@code data/README.md} in the resources), classified by a
 * {@code 64 -> 32 relu -> 10 softmax} network trained with categorical cross-entropy and SGD with
 * momentum.
 *
 * <p>The steps every real project needs and toy examples skip:
 * <ol>
 *   <li>a seeded <b>stratified 80/20 split</b>: each digit keeps its share in both parts, and the
 *       20% is never trained on;</li>
 *   <li><b>standardised inputs</b> {@code (x - mean) / std} with the mean and std of the training
 *       part only (a pixel that never varies keeps std 1 instead of dividing by 0);</li>
 *   <li><b>one-hot targets</b> for the softmax output;</li>
 *   <li>a <b>held-out accuracy</b> and a <b>confusion matrix</b> at the end.</li>
 * </ol>
 */
public final class Digits {

    /** Where the data set is on the class path. */
    public static final String RESOURCE = "/data/digits.csv.gz";
    /** Number of pixels (inputs). */
    public static final int PIXELS = 64;
    /** Number of classes (outputs). */
    public static final int CLASSES = 10;
    /** Hidden units. */
    public static final int HIDDEN_UNITS = 32;
    /** The share of each class held out for testing. */
    public static final double TEST_FRACTION = 0.2;

    /** Default epochs. */
    public static final int EPOCHS = 10;
    /** Default mini-batch size. */
    public static final int BATCH_SIZE = 32;
    /** Default SGD learning rate. */
    public static final double LEARNING_RATE = 0.05;
    /** SGD momentum. */
    public static final double MOMENTUM = 0.9;
    /** Default seed (split, initial weights, shuffling). */
    public static final long SEED = 42L;

    private Digits() {
    }

    /**
     * Training settings.
     *
     * @param epochs passes over the training part
     * @param batchSize rows per SGD step
     * @param learningRate SGD learning rate
     * @param momentum SGD momentum
     * @param seed seed of the split, the initial weights and the shuffling
     */
    public record Settings(int epochs, int batchSize, double learningRate, double momentum, long seed) {

        /** The example's defaults. */
        public static Settings defaults() {
            return new Settings(EPOCHS, BATCH_SIZE, LEARNING_RATE, MOMENTUM, SEED);
        }
    }

    /**
     * Images and their labels.
     *
     * @param pixels {@code [samples][64]}, values 0..16
     * @param labels the digit of each sample, 0..9
     */
    public record DataSet(double[][] pixels, int[] labels) {

        /** Number of samples. */
        public int size() {
            return labels.length;
        }
    }

    /**
     * What a run measured.
     *
     * @param model the trained model
     * @param history per epoch: {@code loss} and {@code accuracy} on the training part as {@code fit}
     *        reports them (the mean over the epoch's batches, each measured before its update),
     *        {@code end_loss} and {@code end_accuracy} on the training part after the epoch, and
     *        {@code test_loss} and {@code test_accuracy} on the held-out part after the epoch
     * @param testAccuracy the final held-out accuracy
     * @param confusion {@code confusion[true digit][predicted digit]} counts on the held-out part
     * @param trainingSeconds time spent in {@code fit}, summed over the epochs
     * @param trainingSize samples trained on
     * @param testSize samples held out
     * @param health the training-health report, measured on the training part after each epoch
     */
    public record Result(Sequential model, Map<String, List<Double>> history, double testAccuracy,
                         int[][] confusion, double trainingSeconds, int trainingSize, int testSize,
                         TrainingHealth health) {
    }

    /**
     * Reads the data set from the class path.
     *
     * @throws IOException if the resource is missing or a row is malformed (naming the row)
     */
    public static DataSet load() throws IOException {
        InputStream resource = Digits.class.getResourceAsStream(RESOURCE);
        if (resource == null) {
            throw new IOException("The digits data set " + RESOURCE + " is not on the class path");
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                if (fields.length != PIXELS + 1) {
                    throw new IOException(RESOURCE + " row " + (rows.size() + 1) + " has " + fields.length
                            + " fields, expected " + (PIXELS + 1));
                }
                double[] pixels = new double[PIXELS];
                try {
                    for (int i = 0; i < PIXELS; i++) {
                        pixels[i] = Double.parseDouble(fields[i]);
                    }
                    int label = Integer.parseInt(fields[PIXELS].trim());
                    if (label < 0 || label >= CLASSES) {
                        throw new IOException(RESOURCE + " row " + (rows.size() + 1) + " has label " + label);
                    }
                    labels.add(label);
                } catch (NumberFormatException e) {
                    throw new IOException(RESOURCE + " row " + (rows.size() + 1) + " is not numeric: " + e.getMessage(), e);
                }
                rows.add(pixels);
            }
        }
        return new DataSet(rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A stratified split: within each class, the samples are shuffled with {@code seed} and
     * {@code round(testFraction * classSize)} of them go to the test part.
     *
     * @return {@code [trainIndices, testIndices]}, each in ascending order
     */
    public static int[][] stratifiedSplit(int[] labels, double testFraction, long seed) {
        Random random = new Random(seed);
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        byClass.keySet().stream().sorted().forEach(label -> {
            List<Integer> members = byClass.get(label);
            Collections.shuffle(members, random);
            int testCount = (int) Math.round(testFraction * members.size());
            test.addAll(members.subList(0, testCount));
            train.addAll(members.subList(testCount, members.size()));
        });
        Collections.sort(train);
        Collections.sort(test);
        return new int[][] {train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray()};
    }

    /**
     * The per-column mean and standard deviation of {@code rows} (population std); a column whose
     * std is 0 gets std 1, so standardising leaves it at 0 instead of dividing by 0.
     *
     * @return {@code [mean, std]}, each of the row length
     */
    public static double[][] meanAndStd(double[][] rows) {
        int columns = rows[0].length;
        double[] mean = new double[columns];
        double[] std = new double[columns];
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / rows.length;
            }
        }
        for (int j = 0; j < columns; j++) {
            std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1.0;
        }
        return new double[][] {mean, std};
    }

    /** {@code (x - mean) / std} for the given rows of {@code data}, as a {@code (rows, 64)} matrix. */
    static INDArray standardised(double[][] data, int[] rows, double[] mean, double[] std) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double[] source = data[rows[r]];
            out[r] = new double[source.length];
            for (int j = 0; j < source.length; j++) {
                out[r][j] = (source[j] - mean[j]) / std[j];
            }
        }
        return Nd4j.create(out);
    }

    /** One-hot rows: row r has a 1 in column {@code labels[rows[r]]}. */
    static INDArray oneHot(int[] labels, int[] rows) {
        double[][] out = new double[rows.length][CLASSES];
        for (int r = 0; r < rows.length; r++) {
            out[r][labels[rows[r]]] = 1;
        }
        return Nd4j.create(out);
    }

    /** The 64-32-10 network: relu hidden layer, softmax output, categorical cross-entropy, SGD with momentum. */
    public static Sequential buildModel(Settings settings) {
        Sequential model = new Sequential(settings.seed());
        model.add(new Dense(HIDDEN_UNITS, PIXELS, "relu"));
        model.add(new Dense(CLASSES, "softmax"));
        model.compile("categorical_crossentropy", new SGD(settings.learningRate(), settings.momentum(), false),
                "accuracy");
        return model;
    }

    /**
     * Loads the data, splits, standardises, trains with per-epoch progress, and prints the held-out
     * accuracy and the confusion matrix on {@code out}.
     *
     * @throws IOException if the data set cannot be read
     */
    public static Result run(Settings settings, PrintStream out) throws IOException {
        return run(settings, out, null);
    }

    /**
     * As {@link #run(Settings, PrintStream)}, showing the training live on {@code dashboard} when it is
     * not null: every fit then also gets the held-out part as validation data (its {@code val_loss}
     * and {@code val_accuracy} are the held-out scores printed per epoch), and the dashboard shows the
     * training-health report too.
     */
    public static Result run(Settings settings, PrintStream out, LiveDashboard dashboard) throws IOException {
        DataSet data = load();
        int[][] split = stratifiedSplit(data.labels(), TEST_FRACTION, settings.seed());
        int[] trainRows = split[0];
        int[] testRows = split[1];
        double[][] trainPixels = new double[trainRows.length][];
        for (int r = 0; r < trainRows.length; r++) {
            trainPixels[r] = data.pixels()[trainRows[r]];
        }
        double[][] meanStd = meanAndStd(trainPixels);
        INDArray xTrain = standardised(data.pixels(), trainRows, meanStd[0], meanStd[1]);
        INDArray yTrain = oneHot(data.labels(), trainRows);
        INDArray xTest = standardised(data.pixels(), testRows, meanStd[0], meanStd[1]);
        INDArray yTest = oneHot(data.labels(), testRows);

        out.printf(Locale.ROOT, "Handwritten digits: %d images of 8x8 pixels (0..16), digits 0-9 "
                + "(UCI, Alpaydin & Kaynak 1998, CC BY 4.0)%n", data.size());
        out.printf(Locale.ROOT, "Stratified split, seed %d: %d to train on, %d held out (%.0f%% of each digit)%n",
                settings.seed(), trainRows.length, testRows.length, TEST_FRACTION * 100);
        out.println("Inputs standardised with the training part's mean and std of each pixel.");
        explainBlankPixels(DataDiagnostics.check(xTrain), data, testRows, meanStd[0], out);

        Sequential model = buildModel(settings);
        out.println();
        out.print(model.summary());
        out.printf(Locale.ROOT, "Categorical cross-entropy, SGD learning rate %s, momentum %s, batch size %d, "
                + "%d epochs%n%n", settings.learningRate(), settings.momentum(), settings.batchSize(), settings.epochs());

        Map<String, List<Double>> history = new LinkedHashMap<>();
        for (String key : List.of("loss", "accuracy", "end_loss", "end_accuracy", "test_loss", "test_accuracy")) {
            history.put(key, new ArrayList<>());
        }
        TrainingHealth health = new TrainingHealth(xTrain, yTrain);     // counts epochs over the one-epoch fits
        FitOptions oneEpoch = new FitOptions().epochs(1).batchSize(settings.batchSize()).verbose(0).callbacks(health);
        if (dashboard != null) {
            oneEpoch.validationData(xTest, yTest).callbacks(health, dashboard.watch(health));
        }
        long trainingNanos = 0;
        int width = String.valueOf(settings.epochs()).length();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long start = System.nanoTime();
            History epochHistory = model.fit(xTrain, yTrain, oneEpoch);
            long nanos = System.nanoTime() - start;
            trainingNanos += nanos;
            double loss = epochHistory.get("loss").get(0);
            double accuracy = epochHistory.get("accuracy").get(0);
            Map<String, Double> end = model.evaluate(xTrain, yTrain);
            Map<String, Double> test = model.evaluate(xTest, yTest);
            history.get("loss").add(loss);
            history.get("accuracy").add(accuracy);
            history.get("end_loss").add(end.get("loss"));
            history.get("end_accuracy").add(end.get("accuracy"));
            history.get("test_loss").add(test.get("loss"));
            history.get("test_accuracy").add(test.get("accuracy"));
            out.printf(Locale.ROOT, "epoch %" + width + "d/%d - %5.0f ms - loss: %s - accuracy: %s - "
                    + "held-out loss: %s - held-out accuracy: %s%n", epoch, settings.epochs(), nanos / 1e6,
                    MetricFormat.format(loss), MetricFormat.format(accuracy), MetricFormat.format(test.get("loss")),
                    MetricFormat.format(test.get("accuracy")));
        }
        double trainingSeconds = trainingNanos / 1e9;

        int[][] confusion = ConfusionMatrix.count(model.predict(xTest), data.labels(), testRows, CLASSES);
        double testAccuracy = history.get("test_accuracy").get(settings.epochs() - 1);
        out.printf(Locale.ROOT, "%nTraining took %.2f s (%d epochs of %d steps).%n", trainingSeconds,
                settings.epochs(), (trainRows.length + settings.batchSize() - 1) / settings.batchSize());
        out.printf(Locale.ROOT, "test accuracy: %.4f%n", testAccuracy);
        out.println();
        ConfusionMatrix.print(confusion, out);
        out.println();
        if (health.warnings().isEmpty()) {
            out.printf(Locale.ROOT, "Training health (TrainingHealth, after each epoch): no warnings; the largest "
                    + "update-to-weight ratio after epoch 1 was %.3f, dead relu units %.0f%%.%n",
                    health.records().stream().filter(h -> h.epoch() > 1).mapToDouble(h -> h.updateRatio())
                            .filter(Double::isFinite).max().orElse(0),
                    100 * health.records().stream().mapToDouble(h -> h.deadFraction()).filter(Double::isFinite)
                            .max().orElse(0));
        } else {
            out.println("Training health (TrainingHealth, after each epoch):");
            health.warnings().forEach(warning -> out.println("  " + warning.message()));
        }
        return new Result(model, history, testAccuracy, confusion, trainingSeconds, trainRows.length, testRows.length,
                health);
    }

    /** Says which pixels fit() will warn about, and why that is fine here. */
    private static void explainBlankPixels(List<DataDiagnostics.Finding> findings, DataSet data, int[] testRows,
                                           double[] trainingMean, PrintStream out) {
        if (findings.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        int usedInTest = 0;
        for (DataDiagnostics.Finding finding : findings) {
            int pixel = finding.column();
            names.add(String.format(Locale.ROOT, "%d (row %d, column %d)", pixel, pixel / 8, pixel % 8));
            for (int row : testRows) {
                if (data.pixels()[row][pixel] != trainingMean[pixel]) {
                    usedInTest++;
                    break;
                }
            }
        }
        out.printf(Locale.ROOT, "Data check: %d pixel(s) never vary in the training images: %s.%n",
                findings.size(), String.join(", ", names));
        out.println("  Standardised, they are 0 in every training sample, so the weights leaving them get a");
        out.println("  gradient of exactly 0 and never train: fit() warns about it (the WARN lines). Harmless here:");
        out.printf(Locale.ROOT, "  these are blank border pixels%s.%n", usedInTest == 0
                ? ", blank in the held-out images too"
                : String.format(Locale.ROOT, "; %d of them vary in the held-out images, where their untrained "
                        + "weights add a little noise", usedInTest));
    }

    /**
     * Writes {@code digits-training.png}: the loss (log scale) and the accuracy per epoch, side by side,
     * each three ways: on the training part as {@code fit} reports it (the mean over the epoch's
     * batches, measured while the weights change), on the training part after the epoch, and on the
     * held-out part after the epoch.
     *
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public static Path writePlot(Result result, Path directory) throws IOException {
        Map<String, List<Double>> loss = new LinkedHashMap<>();
        loss.put("training, during the epoch (fit)", result.history().get("loss"));
        loss.put("training, after the epoch", result.history().get("end_loss"));
        loss.put("held-out, after the epoch", result.history().get("test_loss"));
        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        accuracy.put("training, during the epoch (fit)", result.history().get("accuracy"));
        accuracy.put("training, after the epoch", result.history().get("end_accuracy"));
        accuracy.put("held-out, after the epoch", result.history().get("test_accuracy"));
        return Charts.savePng(List.of(
                Charts.epochChart("Digits: loss (categorical cross-entropy)", "loss", loss, true),
                Charts.epochChart("Digits: accuracy", "accuracy", accuracy, false)),
                directory.resolve("digits-training.png"));
    }

    /** Runs the example; the same options as {@code digits} in the {@link Launcher} (see {@code --help}). */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("digits", args));
    }
}
