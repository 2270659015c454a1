package org.backprop4j.core;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data set cut into a training part and a test part, as scikit-learn's {@code train_test_split}
 * returns it and Keras' {@code load_data()} functions do ({@code (x_train, y_train), (x_test, y_test)}):
 *
 * <pre>{@code
 * Split split = Utils.trainTestSplit(x, y, 0.2, 42L, true);
 * model.fit(split.xTrain(), split.yTrain(), 50, 16);
 * model.evaluate(split.xTest(), split.yTest());
 * }</pre>
 *
 * Row i of {@code xTrain} belongs to row i of {@code yTrain}, and likewise for the test part; the
 * first dimension of each array counts samples.
 *
 * @param xTrain the training inputs, {@code (trainSamples, ...)}
 * @param yTrain the training targets, {@code (trainSamples, ...)}
 * @param xTest the test inputs, {@code (testSamples, ...)}
 * @param yTest the test targets, {@code (testSamples, ...)}
 */
public record Split(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {

    /**
     * @throws IllegalArgumentException for a null array or inputs and targets of different sample counts
     */
    public Split {
        if (xTrain == null || yTrain == null || xTest == null || yTest == null) {
            throw new IllegalArgumentException("Split needs four arrays, got xTrain " + describe(xTrain) + ", yTrain "
                    + describe(yTrain) + ", xTest " + describe(xTest) + ", yTest " + describe(yTest));
        }
        if (xTrain.size(0) != yTrain.size(0) || xTest.size(0) != yTest.size(0)) {
            throw new IllegalArgumentException("Split: inputs and targets must have as many samples; xTrain "
                    + describe(xTrain) + ", yTrain " + describe(yTrain) + ", xTest " + describe(xTest) + ", yTest "
                    + describe(yTest));
        }
    }

    /** The number of training samples. */
    public long trainSize() {
        return xTrain.size(0);
    }

    /** The number of test samples. */
    public long testSize() {
        return xTest.size(0);
    }

    private static String describe(INDArray array) {
        return array == null ? "null" : Arrays.toString(array.shape());
    }

    @Override
    public String toString() {
        return "Split(train " + describe(xTrain) + " -> " + describe(yTrain) + ", test " + describe(xTest) + " -> "
                + describe(yTest) + ")";
    }
}
