package org.backprop4j.examples.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zalando's Fashion-MNIST: 28x28 grey-scale pictures of clothes in 10 classes, 60,000 for training
 * and 10,000 for testing (MIT licence, Copyright (c) 2017 Zalando SE; see
 * {@code data/fashion-mnist-subset/README.md} in the resources).
 *
 * <p>{@link #load(Path)} reads the four IDX files of the full data set, gzipped or not, from a
 * directory: Debian and Ubuntu install them with {@code apt-get install dataset-fashion-mnist} into
 * {@link #DEFAULT_DIRECTORY}. {@link #loadSubset()} reads the small copy on the class path (100
 * training and 50 test pictures of each class) that tests use. A missing directory or file gives a
 * {@link FileNotFoundException} whose message says how to get the data; a damaged file gives an
 * {@link IOException} naming the file and the fault.
 *
 * <p>Pixels are bytes 0 to 255; {@link Split#images(DataType)} scales them to [0, 1] by dividing by
 * 255, as the TensorFlow tutorial does ({@code train_images / 255.0}).
 */
public final class FashionMnist {

    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** Folder of the subset on the class path. */
    public static final String SUBSET_RESOURCE = "/data/fashion-mnist-subset/";
    /** Picture height in pixels. */
    public static final int ROWS = 28;
    /** Picture width in pixels. */
    public static final int COLUMNS = 28;
    /** Pixels per picture: the input size of a dense network. */
    public static final int PIXELS = ROWS * COLUMNS;
    /** The class names, indexed by label (as in the TensorFlow tutorial). */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Number of classes. */
    public static final int CLASSES = CLASS_NAMES.size();

    /** Pixels converted per bulk copy into an INDArray. */
    private static final int CHUNK = 1 << 16;

    private final Split train;
    private final Split test;

    private FashionMnist(Split train, Split test) {
        this.train = train;
        this.test = test;
    }

    /** @return the training pictures (60,000 in the full set) */
    public Split train() {
        return train;
    }

    /** @return the test pictures (10,000 in the full set) */
    public Split test() {
        return test;
    }

    /**
     * One part of the data set: pictures and their labels, as bytes.
     *
     * @param source where it was read from (for messages)
     * @param pixels {@code count * 784} bytes, picture after picture, each row by row
     * @param labels {@code count} bytes, each 0 to 9
     */
    public record Split(String source, byte[] pixels, byte[] labels) {

        /** @return the number of pictures */
        public int count() {
            return labels.length;
        }

        /** @return the label (0 to 9) of picture {@code index} */
        public int label(int index) {
            return labels[index];
        }

        /** @return pixel {@code pixel} (0 to 783, row-major) of picture {@code index}, 0 to 255 */
        public int pixel(int index, int pixel) {
            return pixels[index * PIXELS + pixel] & 0xFF;
        }

        /** @return how many pictures each class has, indexed by label */
        public int[] classCounts() {
            int[] counts = new int[CLASSES];
            for (byte label : labels) {
                counts[label]++;
            }
            return counts;
        }

        /**
         * The pictures as inputs of a dense network: shape (count, 784), each pixel divided by 255.
         *
         * @param dataType FLOAT (as Keras) or DOUBLE
         * @return a new array
         */
        public INDArray images(DataType dataType) {
            return images(dataType, 0, count());
        }

        /**
         * The pictures as pictures, as Keras' {@code load_data()} gives them: shape (count, 28, 28), each
         * pixel divided by 255; the input of a model that starts with {@code Flatten(28, 28)} (or
         * {@code Input(28, 28)} and {@code Flatten()}). The same values as {@link #images(DataType)}.
         *
         * @param dataType FLOAT (as Keras) or DOUBLE
         * @return a new array
         */
        public INDArray pictures(DataType dataType) {
            return images(dataType).reshape('c', count(), ROWS, COLUMNS);
        }

        /**
         * Pictures {@code from} (inclusive) to {@code to} (exclusive), shape (to - from, 784), scaled
         * to [0, 1].
         *
         * @param dataType FLOAT or DOUBLE
         * @param from first picture
         * @param to one past the last picture
         * @return a new array
         */
        public INDArray images(DataType dataType, int from, int to) {
            checkRange(from, to);
            int rows = to - from;
            INDArray images = Nd4j.createUninitialized(dataType, rows, PIXELS);
            int offset = from * PIXELS;
            int length = rows * PIXELS;
            double[] scaled = new double[256];
            for (int value = 0; value < 256; value++) {
                scaled[value] = value / 255.0;
            }
            // converted a chunk at a time and bulk-copied straight into the new array's memory
            if (dataType == DataType.FLOAT) {
                FloatBuffer target = images.data().asNioFloat();
                float[] chunk = new float[Math.min(length, CHUNK)];
                for (int start = 0; start < length; start += chunk.length) {
                    int n = Math.min(chunk.length, length - start);
                    for (int i = 0; i < n; i++) {
                        chunk[i] = (float) scaled[pixels[offset + start + i] & 0xFF];
                    }
                    target.put(chunk, 0, n);
                }
            } else if (dataType == DataType.DOUBLE) {
                DoubleBuffer target = images.data().asNioDouble();
                double[] chunk = new double[Math.min(length, CHUNK)];
                for (int start = 0; start < length; start += chunk.length) {
                    int n = Math.min(chunk.length, length - start);
                    for (int i = 0; i < n; i++) {
                        chunk[i] = scaled[pixels[offset + start + i] & 0xFF];
                    }
                    target.put(chunk, 0, n);
                }
            } else {
                throw new IllegalArgumentException("images are FLOAT or DOUBLE, not " + dataType);
            }
            return images;
        }

        /**
         * The labels as a column of class indices, shape (count, 1): the targets of
         * sparse_categorical_crossentropy.
         *
         * @param dataType the array's type (FLOAT, DOUBLE or an integer type)
         * @return a new array
         */
        public INDArray labels(DataType dataType) {
            double[] values = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                values[i] = labels[i];
            }
            return Nd4j.create(values, new long[] {labels.length, 1}, DataType.DOUBLE).castTo(dataType);
        }

        private void checkRange(int from, int to) {
            if (from < 0 || to > count() || from >= to) {
                throw new IllegalArgumentException("pictures " + from + " to " + to + " are not a range within the "
                        + count() + " of " + source);
            }
        }

        @Override
        public String toString() {
            return count() + " pictures from " + source;
        }
    }

    /**
     * Reads the full data set from a directory holding {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, each gzipped ({@code .gz}, as distributed) or not.
     *
     * @param directory the directory, e.g. {@link #DEFAULT_DIRECTORY}
     * @return the training and test parts
     * @throws FileNotFoundException if the directory or a file is missing; the message says how to get
     *         the data
     * @throws IOException if a file cannot be read or is not what Fashion-MNIST's files are
     */
    public static FashionMnist load(Path directory) throws IOException {
        List<String> missing = new ArrayList<>();
        Path[] files = new Path[4];
        String[] names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"};
        for (int i = 0; i < names.length; i++) {
            files[i] = find(directory, names[i]);
            if (files[i] == null) {
                missing.add(names[i] + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new FileNotFoundException(missingMessage(directory, missing));
        }
        Split train = split(Idx.read(files[0]), files[0].toString(), Idx.read(files[1]), files[1].toString());
        Split test = split(Idx.read(files[2]), files[2].toString(), Idx.read(files[3]), files[3].toString());
        return new FashionMnist(train, test);
    }

    /**
     * Reads the subset shipped on the class path: the first 100 training pictures and the first 50
     * test pictures of each class, in their original order.
     *
     * @return 1,000 training and 500 test pictures
     * @throws IOException if the resources are missing or damaged
     */
    public static FashionMnist loadSubset() throws IOException {
        return new FashionMnist(
                split(resource("train-images-idx3-ubyte.gz"), SUBSET_RESOURCE + "train-images-idx3-ubyte.gz",
                        resource("train-labels-idx1-ubyte.gz"), SUBSET_RESOURCE + "train-labels-idx1-ubyte.gz"),
                split(resource("t10k-images-idx3-ubyte.gz"), SUBSET_RESOURCE + "t10k-images-idx3-ubyte.gz",
                        resource("t10k-labels-idx1-ubyte.gz"), SUBSET_RESOURCE + "t10k-labels-idx1-ubyte.gz"));
    }

    /**
     * The message for a directory without the data: which files are missing and the two ways to get
     * them.
     *
     * @param directory the directory searched
     * @param missing the missing file names
     * @return the text
     */
    static String missingMessage(Path directory, List<String> missing) {
        String where = Files.isDirectory(directory) ? directory + " has no " + String.join(", ", missing)
                : directory + " does not exist";
        return "Fashion-MNIST not found: " + where + ".\n"
                + "Get it with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu; the files go to "
                + DEFAULT_DIRECTORY + "),\n"
                + "or download the four IDX files from Zalando's fashion-mnist repository "
                + "(github.com/zalandoresearch/fashion-mnist, folder data/fashion)\n"
                + "into a directory and pass it with --data-dir DIR.";
    }

    private static Path find(Path directory, String name) {
        Path gzipped = directory.resolve(name + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        Path plain = directory.resolve(name);
        return Files.isRegularFile(plain) ? plain : null;
    }

    private static Idx.Array resource(String name) throws IOException {
        String path = SUBSET_RESOURCE + name;
        InputStream in = FashionMnist.class.getResourceAsStream(path);
        if (in == null) {
            throw new FileNotFoundException("class-path resource " + path + " is missing (the Fashion-MNIST subset "
                    + "belongs to the examples module's resources)");
        }
        try (InputStream gunzipped = new GZIPInputStream(in, 1 << 16)) {
            return Idx.read(gunzipped, "class-path resource " + path, -1);
        }
    }

    /** Checks that images and labels belong together and are Fashion-MNIST's shapes and classes. */
    static Split split(Idx.Array images, String imagesSource, Idx.Array labels, String labelsSource)
            throws IOException {
        int[] imageDims = images.dimensions();
        if (imageDims.length != 3 || imageDims[1] != ROWS || imageDims[2] != COLUMNS) {
            throw new IOException(imagesSource + " holds an IDX array of dimensions "
                    + Arrays.toString(imageDims) + "; Fashion-MNIST images are (count, 28, 28)");
        }
        if (labels.dimensions().length != 1) {
            throw new IOException(labelsSource + " holds an IDX array of dimensions "
                    + Arrays.toString(labels.dimensions()) + "; labels are one-dimensional (count)");
        }
        if (images.count() != labels.count()) {
            throw new IOException(imagesSource + " has " + images.count() + " images but " + labelsSource + " has "
                    + labels.count() + " labels");
        }
        byte[] labelBytes = labels.elements();
        for (int i = 0; i < labelBytes.length; i++) {
            int label = labelBytes[i] & 0xFF;
            if (label >= CLASSES) {
                throw new IOException(labelsSource + ": label " + label + " at index " + i + " is not a class 0 to "
                        + (CLASSES - 1));
            }
        }
        return new Split(imagesSource, images.elements(), labelBytes);
    }
}
