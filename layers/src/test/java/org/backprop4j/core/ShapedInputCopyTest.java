package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;

import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Flatten;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model reads pictures {@code (samples, 28, 28)} made by reshaping images {@code (samples, 784)}
 * in place: no copy of the whole data set per {@code fit}, {@code evaluate} or {@code predict} (it
 * made two, 376 MB for Fashion-MNIST, about an eighth of the tutorial's training time). Lives in the
 * layers module's tests because it needs {@code Flatten}, and in core's package because it checks the
 * package-private {@link InputShapes} that the model's entry points call.
 */
class ShapedInputCopyTest {

    private static Layer builtFlatten(DataType type) {
        Sequential model = new Sequential(1L, type).add(new Flatten(4, 3)).add(new Dense(2));
        return model.getLayers().get(0);
    }

    @Test
    void aReshapedWholeArrayIsReadWhereItIs() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray images = TestArrays.uniform(new Random(3), 5, 12, 0, 1).castTo(type);
            INDArray pictures = images.reshape('c', 5, 4, 3);
            INDArray rows = InputShapes.rows(pictures, builtFlatten(type), "x", type);
            assertEquals(images.data().address(), rows.data().address(), type + ": no copy");
            assertEquals(images, rows);
        }
    }

    @Test
    void aPermutedArrayIsCopiedInItsOwnOrder() {
        INDArray images = TestArrays.uniform(new Random(4), 5, 12, 0, 1).castTo(DataType.FLOAT);
        INDArray permuted = images.reshape('c', 5, 3, 4).permute(0, 2, 1);  // (5, 4, 3), strides out of order
        INDArray rows = InputShapes.rows(permuted, builtFlatten(DataType.FLOAT), "x", DataType.FLOAT);
        assertNotEquals(images.data().address(), rows.data().address());
        assertEquals(permuted.dup('c').reshape(5, 12), rows);
    }
}
