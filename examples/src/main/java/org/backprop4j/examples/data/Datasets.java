package org.backprop4j.examples.data;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.backprop4j.core.Split;
import org.backprop4j.core.Utils;
import org.backprop4j.examples.Digits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ready-to-train data sets, as Keras' {@code keras.datasets.*.load_data()} and scikit-learn's
 * {@code load_digits()} / {@code load_iris()} + {@code train_test_split} give them, each as a
 * {@link Split}:
 *
 * <pre>{@code
 * Split data = Datasets.fashionMnist();          // (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
 * model.fit(data.xTrain(), data.yTrain(), 10, 32);
 * }</pre>
 *
 * <ul>
 *   <li>{@link #fashionMnist()}: Zalando's Fashion-MNIST, its own 60,000 / 10,000 split; x
 *       {@code (n, 784)} FLOAT pixels scaled to [0, 1] (the tutorial's {@code / 255.0}, flattened as
 *       a dense network takes them), y {@code (n, 1)} FLOAT class indices 0 to 9. Read from
 *       {@code /usr/share/datasets/fashion-mnist} ({@code apt-get install dataset-fashion-mnist}).</li>
 *   <li>{@link #digits()}: the 1,797 8x8 handwritten digits shipped in the examples' resources; x
 *       {@code (n, 64)} DOUBLE raw pixel values 0 to 16 (as {@code load_digits().data}), y {@code (n, 1)}
 *       DOUBLE digits 0 to 9; a stratified 80 / 20 split with seed 42.</li>
 *   <li>{@link #iris()}: Fisher's 150 irises shipped in the examples' resources; x {@code (n, 4)}
 *       DOUBLE measurements in cm, y {@code (n, 1)} DOUBLE classes 0 to 2 (setosa, versicolor,
 *       virginica); a stratified 80 / 20 split with seed 42.</li>
 *   <li>{@link #diabetes()}: Efron et al.'s 442 diabetes patients shipped in the examples' resources
 *       (scikit-learn's {@code load_diabetes(scaled=False)}); x {@code (n, 10)} DOUBLE raw baseline
 *       values ({@link #DIABETES_FEATURES}: age in years, sex coded 1 or 2, body mass index, mean blood
 *       pressure, six blood serum measurements), y {@code (n, 1)} DOUBLE disease progression one year
 *       later (25 to 346); an 80 / 20 split with seed 42 (not stratified: the target is a number).</li>
 *   <li>{@link #breastCancer()}: the 569 Wisconsin diagnostic breast-cancer samples shipped in the
 *       examples' resources ({@code load_breast_cancer()}); x {@code (n, 30)} DOUBLE cell-nucleus
 *       measurements (mean, standard error and worst of ten features), y {@code (n, 1)} DOUBLE 0
 *       (malignant, 212) or 1 (benign, 357), scikit-learn's coding; a stratified 80 / 20 split with seed 42.</li>
 * </ul>
 *
 * Labels are class indices, for {@code sparse_categorical_crossentropy}; {@link Utils#toCategorical}
 * makes them one-hot. Nothing is standardised: that is the model's or the reader's choice, as in Keras.
 * What is missing gives a {@link FileNotFoundException} whose message says how to install it.
 *
 * <p>Threads: static methods without shared state; each call reads the data again.
 */
public final class Datasets {

    /** The class path resource of the iris data. */
    public static final String IRIS_RESOURCE = "/data/iris.csv";
    /** The class path resources of the diabetes data: the ten features, then the target, one row per patient. */
    public static final String DIABETES_RESOURCE = "/data/diabetes_data_raw.csv.gz";
    /** The targets of {@link #DIABETES_RESOURCE}, one per line. */
    public static final String DIABETES_TARGET_RESOURCE = "/data/diabetes_target.csv.gz";
    /** The names of the diabetes data's ten columns, in order (scikit-learn's {@code feature_names}). */
    public static final List<String> DIABETES_FEATURES = List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4",
            "s5", "s6");
    /** The class path resource of the breast-cancer data. */
    public static final String BREAST_CANCER_RESOURCE = "/data/breast_cancer.csv";
    /** The breast-cancer classes, by label (scikit-learn's {@code target_names}). */
    public static final List<String> BREAST_CANCER_CLASSES = List.of("malignant", "benign");
    /** The held-out share of {@link #digits()}, {@link #iris()}, {@link #diabetes()} and {@link #breastCancer()}. */
    public static final double TEST_FRACTION = 0.2;
    /** The seed of the split of {@link #digits()}, {@link #iris()}, {@link #diabetes()} and {@link #breastCancer()}. */
    public static final long SEED = 42L;

    private Datasets() {
    }

    /**
     * Fashion-MNIST from {@link FashionMnist#DEFAULT_DIRECTORY}, where Debian's and Ubuntu's
     * {@code dataset-fashion-mnist} package installs it.
     *
     * @throws FileNotFoundException if it is not installed, saying how to install it
     * @throws IOException if a file is damaged (naming it)
     */
    public static Split fashionMnist() throws IOException {
        return fashionMnist(FashionMnist.DEFAULT_DIRECTORY);
    }

    /**
     * Fashion-MNIST from a directory holding its four IDX files (gzipped or not).
     *
     * @throws FileNotFoundException if the directory or a file is missing, saying how to get them
     * @throws IOException if a file is damaged (naming it)
     */
    public static Split fashionMnist(Path directory) throws IOException {
        FashionMnist data = FashionMnist.load(directory);
        return new Split(data.train().images(DataType.FLOAT), data.train().labels(DataType.FLOAT),
                data.test().images(DataType.FLOAT), data.test().labels(DataType.FLOAT));
    }

    /**
     * The handwritten digits, split 80 / 20 with seed 42, stratified.
     *
     * @throws IOException if the resource is missing from the class path or damaged
     */
    public static Split digits() throws IOException {
        return digits(TEST_FRACTION, SEED);
    }

    /**
     * The handwritten digits, split as {@link Utils#trainTestSplit} does it, stratified.
     *
     * @param testFraction the share held out, in (0, 1)
     * @param seed the seed of the split
     * @throws IOException if the resource is missing from the class path or damaged
     */
    public static Split digits(double testFraction, long seed) throws IOException {
        Digits.DataSet data = Digits.load();
        double[] labels = new double[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.labels()[i];
        }
        INDArray x = Nd4j.create(data.pixels()).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.create(labels, new long[] {labels.length, 1}, DataType.DOUBLE);
        return Utils.trainTestSplit(x, y, testFraction, seed, true);
    }

    /**
     * Fisher's iris, split 80 / 20 with seed 42, stratified (10 test flowers of each class).
     *
     * @throws IOException if the resource is missing from the class path or damaged
     */
    public static Split iris() throws IOException {
        return iris(TEST_FRACTION, SEED);
    }

    /**
     * Fisher's iris, split as {@link Utils#trainTestSplit} does it, stratified.
     *
     * @param testFraction the share held out, in (0, 1)
     * @param seed the seed of the split
     * @throws IOException if the resource is missing from the class path or a row is malformed (naming it)
     */
    public static Split iris(double testFraction, long seed) throws IOException {
        InputStream resource = Datasets.class.getResourceAsStream(IRIS_RESOURCE);
        if (resource == null) {
            throw new FileNotFoundException("The iris data set " + IRIS_RESOURCE + " is not on the class path: it "
                    + "ships in the backprop4j-examples jar (src/main/resources/data/iris.csv); put that jar on the "
                    + "class path");
        }
        double[][] features;
        double[] classes;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource, StandardCharsets.US_ASCII))) {
            if (reader.readLine() == null) { // the header line: counts and class names
                throw new IOException(IRIS_RESOURCE + " is empty");
            }
            features = new double[150][4];
            classes = new double[150];
            int row = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                if (row >= 150 || fields.length != 5) {
                    throw new IOException(IRIS_RESOURCE + " line " + (row + 2) + (row >= 150 ? " is beyond the 150 flowers"
                            : " has " + fields.length + " fields, expected 5"));
                }
                try {
                    for (int k = 0; k < 4; k++) {
                        features[row][k] = Double.parseDouble(fields[k]);
                    }
                    int label = Integer.parseInt(fields[4].trim());
                    if (label < 0 || label > 2) {
                        throw new IOException(IRIS_RESOURCE + " line " + (row + 2) + " has class " + label);
                    }
                    classes[row] = label;
                } catch (NumberFormatException e) {
                    throw new IOException(IRIS_RESOURCE + " line " + (row + 2) + " is not numeric: " + e.getMessage(), e);
                }
                row++;
            }
            if (row != 150) {
                throw new IOException(IRIS_RESOURCE + " holds " + row + " flowers, expected 150");
            }
        }
        INDArray x = Nd4j.create(features).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.create(classes, new long[] {classes.length, 1}, DataType.DOUBLE);
        return Utils.trainTestSplit(x, y, testFraction, seed, true);
    }

    /**
     * The diabetes data, split 80 / 20 with seed 42 (353 training and 89 test patients).
     *
     * @throws IOException if the resources are missing from the class path or damaged
     */
    public static Split diabetes() throws IOException {
        return diabetes(TEST_FRACTION, SEED);
    }

    /**
     * The diabetes data, split as {@link Utils#trainTestSplit} does it, not stratified.
     *
     * @param testFraction the share held out, in (0, 1)
     * @param seed the seed of the split
     * @throws IOException if the resources are missing from the class path or a row is malformed (naming it)
     */
    public static Split diabetes(double testFraction, long seed) throws IOException {
        double[][] features = Tables.read(DIABETES_RESOURCE, 0, DIABETES_FEATURES.size(), 442);
        double[][] targets = Tables.read(DIABETES_TARGET_RESOURCE, 0, 1, 442);
        INDArray x = Nd4j.create(features).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.create(targets).castTo(DataType.DOUBLE);
        return Utils.trainTestSplit(x, y, testFraction, seed, false);
    }

    /**
     * The breast-cancer data, split 80 / 20 with seed 42, stratified (455 training and 114 test samples).
     *
     * @throws IOException if the resource is missing from the class path or damaged
     */
    public static Split breastCancer() throws IOException {
        return breastCancer(TEST_FRACTION, SEED);
    }

    /**
     * The breast-cancer data, split as {@link Utils#trainTestSplit} does it, stratified.
     *
     * @param testFraction the share held out, in (0, 1)
     * @param seed the seed of the split
     * @throws IOException if the resource is missing from the class path or a row is malformed (naming it)
     */
    public static Split breastCancer(double testFraction, long seed) throws IOException {
        double[][] rows = Tables.read(BREAST_CANCER_RESOURCE, 1, 31, 569); // skips "569,30,malignant,benign"
        double[][] features = new double[rows.length][30];
        double[] labels = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, features[i], 0, 30);
            labels[i] = rows[i][30];
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IOException(BREAST_CANCER_RESOURCE + " line " + (i + 2) + " has class " + rows[i][30]
                        + ", expected 0 or 1");
            }
        }
        INDArray x = Nd4j.create(features).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.create(labels, new long[] {labels.length, 1}, DataType.DOUBLE);
        return Utils.trainTestSplit(x, y, testFraction, seed, true);
    }
}
