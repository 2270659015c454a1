package org.backprop4j.core;

import java.util.Arrays;

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
     * row b of a {@code (n, numClasses)} DOUBLE matrix with a 1 in column c and 0 elsewhere.
     *
     * @param labels class indices, shape {@code (n)} or {@code (n, 1)}, any numeric type, whole numbers
     * @param numClasses the number of classes K; every label must be in {@code [0, K)}
     * @throws IllegalArgumentException for another shape, a non-integer or out-of-range label (the
     *         row is named), or {@code numClasses < 1}
     */
    public static INDArray toCategorical(INDArray labels, int numClasses) {
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
        return Nd4j.create(oneHot).castTo(DataType.DOUBLE);
    }

    /**
     * Keras' {@code to_categorical(labels)} without {@code num_classes}: K is the largest label + 1.
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
