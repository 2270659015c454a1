package org.backprop4j.core;

import java.util.Arrays;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples with a shape, such as the {@code (samples, 28, 28)} pictures of Keras'
 * {@code Flatten(input_shape=(28, 28))}: how the model builds layers from the shape of one sample
 * and reads such data.
 *
 * <p>The model passes every sample as one row of its values in row-major ('c') order, whatever its
 * shape: {@code (samples, 28, 28)} enters as {@code (samples, 784)}, a view of the same memory when
 * the array is already row-major. Each layer knows its samples' shapes ({@link Layer#inputShape()},
 * {@link Layer#outputShape()}), which say how to read a row; a layer that needs flat samples
 * ({@code Dense}) refuses a shape of rank above 1 when it is added. The data of a model whose first
 * layer takes flat samples goes through {@link Checks#matrix} exactly as before: this class is not on
 * that path.
 * <pre>
 *   x (samples, d1, ..., dk)  -&gt;  rows (samples, d1 * ... * dk)      row i = x[i] in 'c' order
 *   an output (samples, n)    -&gt;  (samples, e1, ..., em)           when the layer's output shape is (e1, ..., em)
 * </pre>
 * Package-private: the model's entry points use it ({@code Network.add}, {@code Network.checkInputs},
 * {@code layerOutputs}, {@code predict}, the targets' check).
 */
final class InputShapes {

    private InputShapes() {
    }

    /**
     * The shape of one input sample for {@code layer} joining a model whose last layer is
     * {@code previous} (null for the first layer), checked against what {@code layer} declares.
     *
     * @param described how messages name the layer, e.g. {@code Flatten 'flatten'}
     */
    static long[] inputShapeFor(Layer layer, Layer previous, String described) {
        long[] declared = layer.declaredInputShape();
        if (previous == null) {
            if (declared == null || declared.length == 0) {
                throw new IllegalArgumentException("The first layer needs its input size, as Keras' input_shape: "
                        + "use e.g. new Dense(units, inputDim) or start with new Input(n) (or new Input(28, 28)); got "
                        + described + " without one");
            }
            for (long dimension : declared) {
                if (dimension <= 0) {
                    throw new IllegalArgumentException(described + " declares the input shape "
                            + Layer.shapeText(declared) + "; every dimension must be positive");
                }
            }
            return declared.clone();
        }
        long[] given = previous.outputShape();
        if (declared != null && !Arrays.equals(declared, given)) {
            if (declared.length == 1 && given.length == 1) {
                throw new IllegalArgumentException(described + " declares " + declared[0] + " inputs but follows "
                        + previous.describe() + ", which outputs " + given[0]);
            }
            throw new IllegalArgumentException(described + " declares the input shape " + Layer.shapeText(declared)
                    + " but follows " + previous.describe() + ", which outputs " + Layer.shapeText(given));
        }
        return given;
    }

    /**
     * {@code x (samples, d1, ..., dk)} checked against the first layer's input shape and returned as
     * the finite matrix {@code (samples, d1 * ... * dk)} of the model's type.
     *
     * @param what how messages name the array ("x", "validation x")
     * @throws IllegalArgumentException naming the layer and both shapes when they differ
     */
    static INDArray rows(INDArray x, Layer first, String what, DataType dataType) {
        if (x == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        long[] expected = first.inputShape();
        long[] shape = x.shape();
        boolean matches = shape.length == expected.length + 1
                && Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), expected);
        if (!matches) {
            throw new IllegalArgumentException(first.describe() + " expects samples of shape "
                    + Layer.shapeText(expected) + ", got " + what + " of shape " + Arrays.toString(shape)
                    + (shape.length == 2 && shape[1] == Layer.elements(expected)
                            ? "; reshape it to (samples" + Layer.shapeText(expected).substring(5) + " first" : ""));
        }
        if (shape[0] == 0) {
            throw new IllegalArgumentException(what + " is empty: shape " + Arrays.toString(shape));
        }
        INDArray plain = Arrays2D.isPlain(x) ? x : x.dup('c');
        return Checks.matrix(what, plain.reshape('c', shape[0], Layer.elements(expected)), dataType);
    }

    /**
     * {@code rows (samples, n)} seen as samples of {@code shape}: {@code (samples, e1, ..., em)}, or
     * {@code rows} itself when the shape has rank 1.
     */
    static INDArray samples(INDArray rows, long[] shape) {
        if (shape == null || shape.length == 1) {
            return rows;
        }
        long[] full = new long[shape.length + 1];
        full[0] = rows.rows();
        System.arraycopy(shape, 0, full, 1, shape.length);
        return rows.reshape('c', full);
    }

    /**
     * Targets of a model whose output samples have a shape of rank above 1 may come with that shape,
     * {@code (samples, e1, ..., em)}: they are read as rows, as the model's outputs are. Anything else
     * is returned as it is, for the loss's own checks.
     */
    static INDArray targetRows(INDArray y, Layer output) {
        long[] shape = output.outputShape();
        if (y == null || shape == null || shape.length == 1 || y.rank() != shape.length + 1
                || !Arrays.equals(Arrays.copyOfRange(y.shape(), 1, y.rank()), shape)) {
            return y;
        }
        INDArray plain = Arrays2D.isPlain(y) ? y : y.dup('c');
        return plain.reshape('c', y.size(0), Layer.elements(shape));
    }
}
