package org.backprop4j.examples.docs.snippets;

// docs/softmax-layer-derivative.md: ds/dW of a softmax layer by the chain rule and by the shortcut.
public class SoftmaxLayerJacobians {

    // snippet-start: data
    static final double[] X = {0.1, 0.5, 0.4};                 // one sample: a row (1, 3)
    static final double[][] W = {                               // kernel (inputs, classes) = (3, 5), as Keras
            {0.1, 0.2, 0.3, 0.4, 0.5},
            {0.6, 0.7, 0.8, 0.9, 0.1},
            {0.11, 0.12, 0.13, 0.14, 0.15}};

    /** z = x W, (1, 3) times (3, 5) = (1, 5): z_i = sum over j of x_j W[j][i]. */
    static double[] weightedSum(double[] x, double[][] w) {
        double[] z = new double[w[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < x.length; j++) {
                z[i] += x[j] * w[j][i];
            }
        }
        return z;
    }
    // snippet-end

    // snippet-start: dzdw
    /** dz/dW, (classes, inputs * classes): row k is z_k, column i*inputs + j is the weight W[j][i]. */
    static double[][] dzdW(double[] x, int classes) {
        int inputs = x.length;
        double[][] jacobian = new double[classes][inputs * classes];
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j < inputs; j++) {
                jacobian[i][i * inputs + j] = x[j];     // z_k depends on W[j][i] only when k == i
            }
        }
        return jacobian;
    }
    // snippet-end

    // snippet-start: chain
    /** ds/dW = ds/dz . dz/dW: (classes, classes) times (classes, inputs * classes). */
    static double[][] chainRule(double[][] dsdz, double[][] dzdW) {
        double[][] dsdW = new double[dsdz.length][dzdW[0].length];
        for (int t = 0; t < dsdz.length; t++) {
            for (int r = 0; r < dzdW[0].length; r++) {
                for (int k = 0; k < dsdz.length; k++) {
                    dsdW[t][r] += dsdz[t][k] * dzdW[k][r];
                }
            }
        }
        return dsdW;
    }
    // snippet-end

    // snippet-start: shortcut
    /** The same matrix from ds_t/dW[j][i] = s_t (I_ti - s_i) x_j: no Jacobians, no products. */
    static double[][] shortcut(double[] s, double[] x) {
        int inputs = x.length;
        double[][] dsdW = new double[s.length][inputs * s.length];
        for (int t = 0; t < s.length; t++) {
            for (int i = 0; i < s.length; i++) {
                for (int j = 0; j < inputs; j++) {
                    dsdW[t][i * inputs + j] = s[t] * ((t == i ? 1 : 0) - s[i]) * x[j];
                }
            }
        }
        return dsdW;
    }
    // snippet-end

    // snippet-start: main
    public static void main(String[] args) {
        double[] s = NaiveSoftmax.stableSoftmax(weightedSum(X, W));
        double[][] dsdz = SoftmaxJacobianCheck.softmaxJacobian(s);
        double[][] dzdW = dzdW(X, s.length);
        double[][] dsdW = chainRule(dsdz, dzdW);
        double[][] fast = shortcut(s, X);

        System.out.println("s = softmax(x W) = " + Print.vector(s, 8));
        System.out.println("ds/dz (5 x 5) =");
        System.out.println(Print.matrix(dsdz, 8));
        System.out.println("dz/dW (5 x 15): row k is z_k, column i*3 + j is W[j][i]");
        System.out.println(Print.matrix(dzdW, 1));
        System.out.println("ds/dW = ds/dz . dz/dW (5 x 15), rounded to 5 decimals =");
        System.out.println(Print.matrix(dsdW, 5));
        System.out.println("shortcut s_t (I_ti - s_i) x_j equals it within 1e-15: "
                + (SoftmaxJacobianCheck.maxDifference(dsdW, fast) < 1e-15));
    }
    // snippet-end
}
