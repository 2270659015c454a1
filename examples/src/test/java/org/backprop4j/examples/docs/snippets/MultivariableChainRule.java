package org.backprop4j.examples.docs.snippets;

import java.util.Locale;

// docs/backprop-by-hand.md: the multivariable chain rule on a loss that depends on w along two
// paths, u0 = 3 w and u1 = w^2, with L = u0 u1, checked by a central difference.
public class MultivariableChainRule {
    // snippet-start
    static double loss(double w) {
        double u0 = 3 * w;           // path 0
        double u1 = w * w;           // path 1
        return u0 * u1;              // L depends on w only through u0 and u1
    }

    public static void main(String[] args) {
        double w = 0.5;
        double u0 = 3 * w;
        double u1 = w * w;
        double path0 = u1 * 3;       // dL/du0 * du0/dw
        double path1 = u0 * (2 * w); // dL/du1 * du1/dw
        double numeric = (loss(w + 1e-6) - loss(w - 1e-6)) / 2e-6;
        System.out.printf(Locale.ROOT, "path 0: dL/du0 du0/dw = %.4f%n", path0);
        System.out.printf(Locale.ROOT, "path 1: dL/du1 du1/dw = %.4f%n", path1);
        System.out.printf(Locale.ROOT, "sum of the paths      = %.4f%n", path0 + path1);
        System.out.printf(Locale.ROOT, "central difference    = %.4f%n", numeric);
    }
    // snippet-end
}
