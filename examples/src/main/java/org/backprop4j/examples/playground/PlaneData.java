package org.backprop4j.examples.playground;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The playground's 2-D data sets, in the square [-1, 1]^2 with labels 0 and 1, and their seeded
 * train/test split. {@code noise} is the standard deviation of the Gaussian noise added to each
 * coordinate after the label is chosen (so noisy points can stray across the true boundary).
 * <ul>
 *   <li>{@code xor}: uniform points, label 1 where x1 x2 &gt; 0 (the first and third quadrants);</li>
 *   <li>{@code circles}: label 1 inside radius 0.5, label 0 on a ring from 0.7 to 1;</li>
 *   <li>{@code spirals}: two interleaved spirals, one per label;</li>
 *   <li>{@code gaussians}: two clouds of standard deviation 0.15 around (0.4, 0.4), label 1, and
 *       (-0.4, -0.4), label 0.</li>
 * </ul>
 *
 * @param x the points {@code [samples][2]}, training points first
 * @param y their labels, 0 or 1
 * @param trainCount how many of the points (the first ones) are for training; the rest are the test set
 */
public record PlaneData(double[][] x, double[] y, int trainCount) {

    /** The data set names, as the page offers them. */
    public static final List<String> NAMES = List.of("xor", "circles", "spirals", "gaussians");

    /**
     * Draws {@code samples} points of data set {@code name} with {@code seed}, shuffles them and holds out
     * {@code round(testFraction * samples)} of them (at least one) as the test set.
     */
    public static PlaneData generate(String name, int samples, double noise, double testFraction, long seed) {
        Random random = new Random(seed);
        List<double[]> points = new ArrayList<>();          // {x1, x2, label}
        for (int i = 0; i < samples; i++) {
            int label = i % 2;
            double[] p = switch (name) {
                case "xor" -> xor(random);
                case "circles" -> circle(random, label);
                case "spirals" -> spiral(i / 2, (samples + 1) / 2, label);
                case "gaussians" -> gaussian(random, label);
                default -> throw new IllegalArgumentException("Unknown data set '" + name + "'; one of " + NAMES);
            };
            if (p.length == 3) {
                label = (int) p[2];
            }
            points.add(new double[] {p[0] + noise * random.nextGaussian(), p[1] + noise * random.nextGaussian(), label});
        }
        Collections.shuffle(points, random);
        int test = Math.max(1, (int) Math.round(testFraction * samples));
        double[][] x = new double[samples][];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = new double[] {points.get(i)[0], points.get(i)[1]};
            y[i] = points.get(i)[2];
        }
        return new PlaneData(x, y, samples - test);
    }

    /** A uniform point kept 0.05 away from both axes, with its XOR label {x1, x2, label}. */
    private static double[] xor(Random random) {
        double a = random.nextDouble() * 1.9 - 0.95;
        double b = random.nextDouble() * 1.9 - 0.95;
        a += a > 0 ? 0.05 : -0.05;
        b += b > 0 ? 0.05 : -0.05;
        return new double[] {a, b, a * b > 0 ? 1 : 0};
    }

    private static double[] circle(Random random, int label) {
        double radius = label == 1 ? random.nextDouble() * 0.5 : 0.7 + random.nextDouble() * 0.3;
        double angle = random.nextDouble() * 2 * Math.PI;
        return new double[] {radius * Math.sin(angle), radius * Math.cos(angle)};
    }

    /** Point {@code i} of {@code n} on spiral {@code label}: radius i/n, 1.75 turns, the other spiral half a turn on. */
    private static double[] spiral(int i, int n, int label) {
        double radius = (double) i / n;
        double angle = 1.75 * radius * 2 * Math.PI + label * Math.PI;
        return new double[] {radius * Math.sin(angle), radius * Math.cos(angle)};
    }

    private static double[] gaussian(Random random, int label) {
        double centre = label == 1 ? 0.4 : -0.4;
        return new double[] {centre + 0.15 * random.nextGaussian(), centre + 0.15 * random.nextGaussian()};
    }

    /** The training points {@code [trainCount][2]}. */
    public double[][] trainX() {
        return java.util.Arrays.copyOfRange(x, 0, trainCount);
    }

    /** The training labels as a column {@code [trainCount][1]}. */
    public double[][] trainY() {
        return column(0, trainCount);
    }

    /** The test points. */
    public double[][] testX() {
        return java.util.Arrays.copyOfRange(x, trainCount, x.length);
    }

    /** The test labels as a column. */
    public double[][] testY() {
        return column(trainCount, y.length);
    }

    private double[][] column(int from, int to) {
        double[][] column = new double[to - from][1];
        for (int i = from; i < to; i++) {
            column[i - from][0] = y[i];
        }
        return column;
    }
}
