package org.backprop4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras' {@code keras.utils} helpers for preparing data. */
public final class Utils {

    private Utils() {
    }

    /**
     * Keras' {@code to_categorical}: class indices to one-hot rows. Label {@code c} of row b becomes
     * row b of a {@code (n, numClasses)} matrix with a 1 in column c and 0 elsewhere; the matrix is
     * FLOAT for FLOAT labels (Keras keeps float32 as float32) and DOUBLE for any other type.
     *
     * @param labels class indices, shape {@code (n)} or {@code (n, 1)}, any numeric type, whole numbers
     * @param numClasses the number of classes K; every label must be in {@code [0, K)}
     * @throws IllegalArgumentException for another shape, a non-integer or out-of-range label (the
     *         row is named), or {@code numClasses < 1}
     */
    public static INDArray toCategorical(INDArray labels, int numClasses) {
        return toCategorical(labels, numClasses, labels != null && labels.dataType() == DataType.FLOAT
                ? DataType.FLOAT : DataType.DOUBLE);
    }

    /**
     * {@link #toCategorical(INDArray, int)} into a matrix of the given type.
     *
     * @param dataType DOUBLE or FLOAT (the types a model trains in)
     * @throws IllegalArgumentException as {@link #toCategorical(INDArray, int)}, or for another type
     */
    public static INDArray toCategorical(INDArray labels, int numClasses, DataType dataType) {
        if (dataType != DataType.DOUBLE && dataType != DataType.FLOAT) {
            throw new IllegalArgumentException("toCategorical makes DOUBLE or FLOAT one-hot rows, not " + dataType);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("toCategorical needs numClasses >= 1, got " + numClasses);
        }
        double[] values = checkedLabels(labels);
        double[][] oneHot = new double[values.length][numClasses];
        for (int row = 0; row < values.length; row++) {
            double label = values[row];
            if (label != Math.rint(label) || label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("toCategorical needs whole class indices in [0, " + (numClasses - 1)
                        + "]; the label at row " + row + " is " + label);
            }
            oneHot[row][(int) label] = 1;
        }
        return Nd4j.create(oneHot).castTo(dataType);
    }

    /**
     * Keras' {@code to_categorical(labels)} without {@code num_classes}: K is the largest label + 1;
     * FLOAT for FLOAT labels, else DOUBLE.
     *
     * @throws IllegalArgumentException as {@link #toCategorical(INDArray, int)}
     */
    public static INDArray toCategorical(INDArray labels) {
        double max = 0;
        for (double label : checkedLabels(labels)) {
            max = Math.max(max, label);
        }
        if (max >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("toCategorical: the largest label, " + max + ", is too large");
        }
        return toCategorical(labels, (int) max + 1);
    }

    /**
     * scikit-learn's {@code train_test_split(x, y, test_size=testFraction, random_state=seed,
     * stratify=y if stratify else None)}: a random {@code ceil(testFraction * n)} of the n samples
     * become the test part, the rest the training part, each part in a random order. The arrays keep
     * their types and their shapes beyond the first dimension (images {@code (n, 28, 28)} stay images).
     *
     * <p>With {@code stratify}, each class keeps its share in both parts: class c, with {@code n_c}
     * samples, gives {@code floor(n_test * n_c / n)} test samples, and the test samples still missing
     * go one each to the classes with the largest remainders (ties: the larger class, then the smaller
     * label). The class of a sample is its label for targets {@code (n)} or {@code (n, 1)} of whole
     * numbers &gt;= 0, and the column of its largest value for one-hot targets {@code (n, K)}.
     *
     * <p>The same data, fraction and seed always give the same split.
     *
     * @param x inputs, {@code (n, ...)}
     * @param y targets, {@code (n, ...)}
     * @param testFraction the share of samples held out, in (0, 1)
     * @param seed the seed of the shuffles
     * @param stratify whether to keep the class proportions in both parts
     * @return the four arrays
     * @throws IllegalArgumentException for null arrays, different sample counts, a fraction outside
     *         (0, 1) or one that leaves a part empty, and, when stratifying: targets that are not class
     *         labels (the row named), a class with a single sample, or fewer test or training samples
     *         than classes
     */
    public static Split trainTestSplit(INDArray x, INDArray y, double testFraction, long seed, boolean stratify) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("trainTestSplit needs x and y, got " + (x == null ? "x null" : "")
                    + (x == null && y == null ? " and " : "") + (y == null ? "y null" : ""));
        }
        if (x.rank() == 0 || y.rank() == 0 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("trainTestSplit needs as many samples in x as in y; x has shape "
                    + Arrays.toString(x.shape()) + ", y " + Arrays.toString(y.shape()));
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("trainTestSplit needs a testFraction in (0, 1), got " + testFraction);
        }
        if (x.size(0) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trainTestSplit: " + x.size(0) + " samples are too many");
        }
        int n = (int) x.size(0);
        int testCount = (int) Math.ceil(testFraction * n);
        if (testCount < 1 || testCount >= n) {
            throw new IllegalArgumentException("trainTestSplit: a testFraction of " + testFraction + " of " + n
                    + " samples leaves " + (testCount >= n ? "no training" : "no test") + " samples");
        }
        Random random = new Random(seed);
        int[] test;
        int[] train;
        if (stratify) {
            int[][] parts = stratifiedIndices(classes(y), testCount, random);
            train = parts[0];
            test = parts[1];
        } else {
            int[] order = permutation(n, random);
            test = Arrays.copyOfRange(order, 0, testCount);
            train = Arrays.copyOfRange(order, testCount, n);
        }
        return new Split(rows(x, train), rows(y, train), rows(x, test), rows(y, test));
    }

    /** {@code [train, test]} indices: per class the apportioned test count, each part shuffled. */
    private static int[][] stratifiedIndices(int[] classes, int testCount, Random random) {
        int n = classes.length;
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byClass.computeIfAbsent(classes[i], c -> new ArrayList<>()).add(i);
        }
        int classCount = byClass.size();
        for (Map.Entry<Integer, List<Integer>> entry : byClass.entrySet()) {
            if (entry.getValue().size() < 2) {
                throw new IllegalArgumentException("trainTestSplit cannot stratify: class " + entry.getKey()
                        + " has a single sample (row " + entry.getValue().get(0) + "); each class needs at least 2");
            }
        }
        if (testCount < classCount || n - testCount < classCount) {
            throw new IllegalArgumentException("trainTestSplit cannot stratify " + classCount + " classes into "
                    + testCount + " test and " + (n - testCount) + " training samples: each part needs at least one "
                    + "sample per class; change testFraction");
        }
        Integer[] labels = byClass.keySet().toArray(new Integer[0]);
        int[] share = new int[labels.length];
        double[] remainder = new double[labels.length];
        int given = 0;
        for (int c = 0; c < labels.length; c++) {
            double exact = (double) testCount * byClass.get(labels[c]).size() / n;
            share[c] = (int) Math.floor(exact);
            remainder[c] = exact - share[c];
            given += share[c];
        }
        Integer[] byRemainder = new Integer[labels.length];
        Arrays.setAll(byRemainder, c -> c);
        Arrays.sort(byRemainder, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a])
                : byClass.get(labels[a]).size() != byClass.get(labels[b]).size()
                ? Integer.compare(byClass.get(labels[b]).size(), byClass.get(labels[a]).size()) : Integer.compare(a, b));
        for (int k = 0; given < testCount; k++, given++) {
            share[byRemainder[k]]++;
        }
        int[] test = new int[testCount];
        int[] train = new int[n - testCount];
        int t = 0;
        int r = 0;
        for (int c = 0; c < labels.length; c++) {
            List<Integer> members = byClass.get(labels[c]);
            int[] order = permutation(members.size(), random);
            for (int k = 0; k < order.length; k++) {
                if (k < share[c]) {
                    test[t++] = members.get(order[k]);
                } else {
                    train[r++] = members.get(order[k]);
                }
            }
        }
        shuffle(test, random);
        shuffle(train, random);
        return new int[][] {train, test};
    }

    /** The class of each sample: its label for (n) / (n, 1) targets, the argmax of its row for (n, K). */
    private static int[] classes(INDArray y) {
        int n = (int) y.size(0);
        int[] classes = new int[n];
        if (y.rank() == 1 || (y.rank() == 2 && y.columns() == 1)) {
            double[] labels = Arrays2D.rowMajor(y.castTo(DataType.DOUBLE));
            for (int i = 0; i < n; i++) {
                if (labels[i] != Math.rint(labels[i]) || labels[i] < 0 || labels[i] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("trainTestSplit cannot stratify: y needs whole class labels >= 0 "
                            + "(or one-hot rows); the label at row " + i + " is " + labels[i]);
                }
                classes[i] = (int) labels[i];
            }
            return classes;
        }
        if (y.rank() != 2) {
            throw new IllegalArgumentException("trainTestSplit can stratify targets (n), (n, 1) or one-hot (n, K), got "
                    + Arrays.toString(y.shape()));
        }
        double[] rows = Arrays2D.rowMajor(y.castTo(DataType.DOUBLE));
        int columns = (int) y.columns();
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < columns; k++) {
                if (rows[i * columns + k] > rows[i * columns + best]) {
                    best = k;
                }
            }
            classes[i] = best;
        }
        return classes;
    }

    /** 0..n-1 in an order drawn by Fisher-Yates from {@code random}. */
    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        shuffle(order, random);
        return order;
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** Samples {@code indices} of {@code array} (along its first dimension), as a new array of the same type. */
    private static INDArray rows(INDArray array, int[] indices) {
        long n = array.size(0);
        long width = n == 0 ? 0 : array.length() / n;
        INDArray matrix = array.dup('c').reshape('c', n, width);
        INDArray picked = Nd4j.pullRows(matrix, 1, indices);
        long[] shape = array.shape().clone();
        shape[0] = indices.length;
        return picked.reshape('c', shape).dup('c');
    }

    private static double[] checkedLabels(INDArray labels) {
        if (labels == null) {
            throw new IllegalArgumentException("toCategorical: labels must not be null");
        }
        boolean vector = labels.rank() == 1 || (labels.rank() == 2 && labels.columns() == 1);
        if (!vector || labels.length() == 0) {
            throw new IllegalArgumentException("toCategorical needs labels of shape (n) or (n, 1), got "
                    + Arrays.toString(labels.shape()));
        }
        return Arrays2D.rowMajor(labels.castTo(DataType.DOUBLE));
    }
}
