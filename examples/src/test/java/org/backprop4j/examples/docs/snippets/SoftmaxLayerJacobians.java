package org.backprop4j.examples.docs.snippets;

// docs/softmax-layer-derivative.md: dS/dW of a softmax layer by the chain rule and by the shortcut.
public class SoftmaxLayerJacobians {

    // snippet-start: data
    static final double[] X = {0.1, 0.5, 0.4};
    static final double[][] W = {                       // kernel (inputs, classes) = (3, 5), as Keras
            {0.1, 0.2, 0.3, 0.4, 0.5},
            {0.6, 0.7, 0.8, 0.9, 0.1},
            {0.11, 0.12, 0.13, 0.14, 0.15}};

    /** z = W^T x: z_i = sum over j of W[j][i] x_j. */
    static double[] weightedSum(double[][] w, double[] x) {
        double[] z = new double[w[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < x.length; j++) {
                z[i] += w[j][i] * x[j];
            }
        }
        return z;
    }
    // snippet-end

    // snippet-start: dzdw
    /** dZ/dW, (inputs * classes, classes): row i*inputs + j is the weight W[j][i], column k is z_k. */
    static double[][] dZdW(double[] x, int classes) {
        int inputs = x.length;
        double[][] dZdW = new double[inputs * classes][classes];
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j < inputs; j++) {
                dZdW[i * inputs + j][i] = x[j];         // z_k depends on W[j][i] only when k == i
            }
        }
        return dZdW;
    }
    // snippet-end

    // snippet-start: chain
    /** dS/dW = dS/dZ . (dZ/dW)^T, (classes, inputs * classes). */
    static double[][] chainRule(double[][] dSdZ, double[][] dZdW) {
        double[][] dSdW = new double[dSdZ.length][dZdW.length];
        for (int t = 0; t < dSdZ.length; t++) {
            for (int r = 0; r < dZdW.length; r++) {
                for (int k = 0; k < dSdZ.length; k++) {
                    dSdW[t][r] += dSdZ[t][k] * dZdW[r][k];
                }
            }
        }
        return dSdW;
    }
    // snippet-end

    // snippet-start: shortcut
    /** The same matrix from dS_t/dW[j][i] = S_t (delta_ti - S_i) x_j: no Jacobians, no products. */
    static double[][] shortcut(double[] s, double[] x) {
        int inputs = x.length;
        double[][] dSdW = new double[s.length][inputs * s.length];
        for (int t = 0; t < s.length; t++) {
            for (int i = 0; i < s.length; i++) {
                for (int j = 0; j < inputs; j++) {
                    dSdW[t][i * inputs + j] = s[t] * ((t == i ? 1 : 0) - s[i]) * x[j];
                }
            }
        }
        return dSdW;
    }
    // snippet-end

    // snippet-start: main
    public static void main(String[] args) {
        double[] h = NaiveSoftmax.stableSoftmax(weightedSum(W, X));
        double[][] dSdZ = SoftmaxJacobianCheck.softmaxJacobian(h);
        double[][] dZdW = dZdW(X, h.length);
        double[][] dSdW = chainRule(dSdZ, dZdW);
        double[][] fast = shortcut(h, X);

        System.out.println("h = softmax(W^T x) = " + Print.vector(h, 8));
        System.out.println("dS/dZ (5 x 5) =");
        System.out.println(Print.matrix(dSdZ, 8));
        System.out.println("dZ/dW (15 x 5), transposed to fit: column i*3 + j is W[j][i]");
        System.out.println(Print.matrix(transpose(dZdW), 1));
        System.out.println("dS/dW = dS/dZ . (dZ/dW)^T (5 x 15), rounded to 5 decimals =");
        System.out.println(Print.matrix(dSdW, 5));
        System.out.println("shortcut S_t (delta_ti - S_i) x_j equals it within 1e-15: "
                + (SoftmaxJacobianCheck.maxDifference(dSdW, fast) < 1e-15));
    }
    // snippet-end

    static double[][] transpose(double[][] matrix) {
        double[][] result = new double[matrix[0].length][matrix.length];
        for (int r = 0; r < matrix.length; r++) {
            for (int c = 0; c < matrix[0].length; c++) {
                result[c][r] = matrix[r][c];
            }
        }
        return result;
    }
}
