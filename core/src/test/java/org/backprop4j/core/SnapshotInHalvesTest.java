package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.threads.BlasThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The stop-on-NaN guard's copy of the weights taken in two halves at once (as inside a two-core
 * training step) holds every element: put back after the weights changed, they are the captured ones.
 */
class SnapshotInHalvesTest {

    @AfterEach
    void backToTheMode() {
        BlasThreads.force(null);
    }

    @Test
    void aCaptureInTwoHalvesPutsBackEveryWeight() {
        for (Boolean split : new Boolean[] {Boolean.FALSE, Boolean.TRUE}) {
            BlasThreads.force(split);
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray kernel = Nd4j.rand(type, 401, 257); // 103,057 elements: long enough to cut
                INDArray bias = Nd4j.rand(type, 1, 257);
                double[] kernelBefore = Arrays2D.rowMajor(kernel);
                double[] biasBefore = Arrays2D.rowMajor(bias);
                WeightSnapshot snapshot = new WeightSnapshot(List.of(Parameter.nonTrainable("kernel", kernel),
                        Parameter.nonTrainable("bias", bias)), Runnable::run);
                snapshot.capture();
                kernel.assign(-7);
                bias.assign(3);
                snapshot.restore();
                assertArrayEquals(kernelBefore, Arrays2D.rowMajor(kernel), "kernel, " + type + ", split " + split);
                assertArrayEquals(biasBefore, Arrays2D.rowMajor(bias), "bias, " + type + ", split " + split);
            }
        }
    }

    @Test
    void rowMajorReadsEveryLayoutAndType() {
        INDArray doubles = Nd4j.linspace(-2.5, 3.75, 24, DataType.DOUBLE).reshape(4, 6);
        double[] expected = new double[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = doubles.getDouble(i / 6, i % 6);
        }
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF, DataType.INT}) {
            INDArray plain = doubles.castTo(type).dup('c');
            double[] want = type == DataType.INT ? Arrays2D.rowMajor(plain.castTo(DataType.DOUBLE)) : expected;
            assertArrayEquals(want, Arrays2D.rowMajor(plain), 1e-3, type + " plain");
            assertArrayEquals(want, Arrays2D.rowMajor(plain.dup('f')), 1e-3, type + " column-major");
        }
        double[] asFloats = new double[24];
        for (int i = 0; i < 24; i++) {
            asFloats[i] = (float) expected[i];
        }
        assertArrayEquals(asFloats, Arrays2D.rowMajor(doubles.castTo(DataType.FLOAT)), 0, "FLOAT: each float exactly");
        float[] counting = new float[48];
        for (int i = 0; i < 48; i++) {
            counting[i] = i;
        }
        INDArray wide = Nd4j.create(counting, new long[] {4, 12}, 'c');
        INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 8));
        double[] viewValues = new double[24];
        for (int i = 0; i < 24; i++) {
            viewValues[i] = 12 * (i / 6) + 2 + i % 6;
        }
        assertArrayEquals(viewValues, Arrays2D.rowMajor(view), 0, "a view");
        assertArrayEquals(new double[0], Arrays2D.rowMajor(Nd4j.create(DataType.FLOAT, 0, 3)), "empty");
    }

    /** The guard's snapshot is kept from one fit to the next (Network.guardSnapshot) only while it copies the same arrays. */
    @Test
    void aSnapshotIsBoundToTheArraysItCopies() {
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 3);
        WeightSnapshot snapshot = new WeightSnapshot(List.of(Parameter.nonTrainable("kernel", kernel),
                Parameter.nonTrainable("bias", bias)), Runnable::run);
        assertTrue(snapshot.boundTo(List.of(Parameter.nonTrainable("k", kernel), Parameter.nonTrainable("b", bias))));
        assertFalse(snapshot.boundTo(List.of(Parameter.nonTrainable("kernel", kernel),
                Parameter.nonTrainable("bias", bias.dup()))), "an equal copy is another array");
        assertFalse(snapshot.boundTo(List.of(Parameter.nonTrainable("kernel", kernel))), "fewer arrays");
        assertFalse(snapshot.boundTo(List.of(Parameter.nonTrainable("bias", bias), Parameter.nonTrainable("kernel", kernel))),
                "another order");
    }
}
