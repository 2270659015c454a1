package org.backprop4j.examples.docs.snippets;

import java.util.List;
import java.util.Locale;

import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Parameter;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.RMSprop;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.factory.Nd4j;

// docs/adaptive-optimizers.md: Keras' Adam and RMSprop rules written out in plain Java, checked
// against backprop4j's optimizers on Keras' own test numbers, and the scale-invariance of Adam's step.
public class AdaptiveOptimizers {

    // snippet-start: rules
    /** One Adam step (Keras 3's form) on every entry of w; m and v are the state, t the 1-based step. */
    static void adamStep(double[] w, double[] g, double[] m, double[] v, int t, double lr) {
        double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)); // bias correction
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];             // mean of the gradients
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];      // mean of their squares
            w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + epsilon);
        }
    }

    /** One RMSprop step (Keras 3's form, no momentum, not centred). */
    static void rmspropStep(double[] w, double[] g, double[] v, double lr) {
        double rho = 0.9, epsilon = 1e-7;
        for (int i = 0; i < w.length; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / Math.sqrt(v[i] + epsilon);        // epsilon inside the root, as Keras
        }
    }
    // snippet-end

    // snippet-start: library
    /** One step of a backprop4j optimizer on a single weight vector w with gradient g. */
    static double[] libraryStep(Optimizer optimizer, double[] w, double[] g) {
        Parameter weight = new Parameter("w", Nd4j.createFromArray(w.clone()), Nd4j.createFromArray(g));
        optimizer.bind(new Object(), List.of(weight));          // what compile does
        optimizer.apply();                                      // what fit does after each batch
        return weight.value().toDoubleVector();
    }
    // snippet-end

    public static void main(String[] args) {
        // snippet-start: check
        double[] w = {1, 2, 3, 4};
        double[] g = {1, 6, 7, 2};
        double[] byHand = w.clone();
        adamStep(byHand, g, new double[4], new double[4], 1, 0.5);
        System.out.println("Adam lr 0.5, one step from [1, 2, 3, 4] with gradient [1, 6, 7, 2]:");
        System.out.println("  by hand:     " + Print.vector(byHand, 8));
        System.out.println("  backprop4j:  " + Print.vector(libraryStep(new Adam(0.5), w, g), 8));

        double[] x = {10};
        rmspropStep(x, new double[] {10}, new double[1], 0.1);  // loss x^2 / 2 at x = 10: gradient 10
        System.out.println("RMSprop lr 0.1, one step on x^2 / 2 from 10:");
        System.out.printf(Locale.ROOT, "  by hand:     %.6f%n", x[0]);
        System.out.printf(Locale.ROOT, "  backprop4j:  %.6f%n",
                libraryStep(new RMSprop(0.1), new double[] {10}, new double[] {10})[0]);

        Parameter position = new Parameter("w", Nd4j.createFromArray(0.0), Nd4j.createFromArray(1.0));
        Optimizer momentum = new SGD(0.1, 0.9, false);
        momentum.bind(new Object(), List.of(position));
        System.out.print("SGD lr 0.1, momentum 0.9, gradient always 1: w =");
        for (int step = 1; step <= 3; step++) {
            momentum.apply();                                   // v = 0.9 v - 0.1 * 1; w = w + v
            System.out.printf(Locale.ROOT, " %.3f", position.value().getDouble(0));
        }
        System.out.println();

        double[] scales = {0.001, 1, 1000};                     // three weights, gradients 10^6 apart
        double[] zero = new double[3];
        System.out.println("first step of each weight, gradients " + Print.vector(scales, 3) + ":");
        System.out.println("  SGD lr 0.01: " + Print.vector(libraryStep(new SGD(0.01), zero, scales), 5));
        System.out.println("  Adam lr 0.01:" + Print.vector(libraryStep(new Adam(0.01), zero, scales), 5));
        // snippet-end
    }
}
