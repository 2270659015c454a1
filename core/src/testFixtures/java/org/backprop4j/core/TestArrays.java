package org.backprop4j.core;

import java.util.Random;

import org.backprop4j.core.internal.Arrays2D;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded random DOUBLE matrices for tests. */
public final class TestArrays {

    private TestArrays() {
    }

    /** A {@code (rows, columns)} DOUBLE matrix with entries uniform in {@code [low, high)}. */
    public static INDArray uniform(Random random, int rows, int columns, double low, double high) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = low + (high - low) * random.nextDouble();
            }
        }
        return Nd4j.create(values);
    }

    /** A {@code (rows, classes)} one-hot DOUBLE matrix with a random class per row. */
    public static INDArray oneHot(Random random, int rows, int classes) {
        double[][] values = new double[rows][classes];
        for (double[] row : values) {
            row[random.nextInt(classes)] = 1;
        }
        return Nd4j.create(values);
    }

    /** Worst relative error between two same-shape arrays, differences below {@code floor} counting as 0. */
    public static double maxRelativeError(INDArray expected, INDArray actual, double floor) {
        double[] e = Arrays2D.rowMajor(expected);
        double[] a = Arrays2D.rowMajor(actual);
        if (e.length != a.length) {
            throw new AssertionError("lengths differ: " + e.length + " vs " + a.length);
        }
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double difference = Math.abs(e[i] - a[i]);
            if (difference >= floor) {
                worst = Math.max(worst, difference / Math.max(Math.abs(e[i]), Math.abs(a[i])));
            }
        }
        return worst;
    }
}
