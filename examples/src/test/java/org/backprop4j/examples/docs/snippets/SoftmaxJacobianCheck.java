package org.backprop4j.examples.docs.snippets;

import java.util.Arrays;

import org.backprop4j.core.activations.Softmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/softmax-derivative.md: the softmax Jacobian from the formula, checked against central differences.
public class SoftmaxJacobianCheck {
    // snippet-start: jacobian
    /** J[i][j] = ds_i/dz_j = s_i (I_ij - s_j): the matrix diag(s) - s^T s, one row per output s_i. */
    static double[][] softmaxJacobian(double[] s) {
        int n = s.length;
        double[][] jacobian = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                jacobian[i][j] = s[i] * ((i == j ? 1 : 0) - s[j]);
            }
        }
        return jacobian;
    }
    // snippet-end

    // snippet-start: check
    /** Column j by central differences: (softmax(z + eps e_j) - softmax(z - eps e_j)) / (2 eps). */
    static double[][] numericJacobian(double[] z, double epsilon) {
        int n = z.length;
        double[][] jacobian = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[j] += epsilon;
            minus[j] -= epsilon;
            double[] sPlus = NaiveSoftmax.stableSoftmax(plus);
            double[] sMinus = NaiveSoftmax.stableSoftmax(minus);
            for (int i = 0; i < n; i++) {
                jacobian[i][j] = (sPlus[i] - sMinus[i]) / (2 * epsilon);
            }
        }
        return jacobian;
    }

    public static void main(String[] args) {
        double[] s = {0.16205871, 0.15308274, 0.22661096, 0.22634251, 0.23190508};
        double[][] jacobian = softmaxJacobian(s);
        System.out.println("J = diag(s) - s^T s =");
        System.out.println(Print.matrix(jacobian, 8));
        double worstRowSum = 0;
        double worstAsymmetry = 0;
        for (int i = 0; i < s.length; i++) {
            worstRowSum = Math.max(worstRowSum, Math.abs(Arrays.stream(jacobian[i]).sum()));
            for (int j = 0; j < s.length; j++) {
                worstAsymmetry = Math.max(worstAsymmetry, Math.abs(jacobian[i][j] - jacobian[j][i]));
            }
        }
        System.out.println("symmetric: " + (worstAsymmetry == 0) + ", every row sums to 0 (within 1e-15): "
                + (worstRowSum < 1e-15));

        double[] z = Arrays.stream(s).map(Math::log).toArray();    // softmax(ln s) = s, as s sums to 1
        double[][] numeric = numericJacobian(z, 1e-6);
        System.out.println("central differences agree within 1e-9: " + (maxDifference(jacobian, numeric) < 1e-9));

        INDArray library = new Softmax().jacobian(Nd4j.create(z), Nd4j.create(s)); // backprop4j's own
        System.out.println("Softmax.jacobian agrees within 1e-12: "
                + (maxDifference(jacobian, library.toDoubleMatrix()) < 1e-12));
    }

    static double maxDifference(double[][] a, double[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return worst;
    }
    // snippet-end
}
