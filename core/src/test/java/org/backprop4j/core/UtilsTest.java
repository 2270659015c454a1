package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Utils.toCategorical as Keras' to_categorical. */
class UtilsTest {

    @Test
    void oneHotRowsFromIndices() {
        INDArray labels = Nd4j.createFromArray(2, 0, 1, 2); // INT32, shape (4)
        INDArray oneHot = Utils.toCategorical(labels, 3);
        assertEquals(DataType.DOUBLE, oneHot.dataType());
        assertArrayEquals(new long[] {4, 3}, oneHot.shape());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, oneHot.data().asDouble(), 0);
        INDArray fromFloats = Utils.toCategorical(labels.reshape(4, 1).castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, fromFloats.dataType(), "FLOAT labels stay FLOAT, as Keras keeps float32");
        assertEquals(oneHot, fromFloats.castTo(DataType.DOUBLE), "(n, 1), K inferred");
        assertArrayEquals(new long[] {4, 5}, Utils.toCategorical(labels, 5).shape());
    }

    @Test
    void badLabelsAreRejectedNamingTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Utils.toCategorical(Nd4j.createFromArray(0.0, 1.5), 3));
        assertEquals("toCategorical needs whole class indices in [0, 2]; the label at row 1 is 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Utils.toCategorical(Nd4j.createFromArray(0, 3), 3));
        assertEquals("toCategorical needs whole class indices in [0, 2]; the label at row 1 is 3.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Utils.toCategorical(Nd4j.zeros(2, 2), 3));
        assertEquals("toCategorical needs labels of shape (n) or (n, 1), got [2, 2]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Utils.toCategorical(Nd4j.createFromArray(0), 0));
    }
}
