package org.backprop4j.examples.docs.snippets;

import java.util.List;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/softmax-layer-derivative.md: summing each weight's adjustments over the outputs gives x^T delta.
public class SoftmaxLayerGradient {
    // snippet-start
    public static void main(String[] args) {
        double[] x = SoftmaxLayerJacobians.X;
        double[][] w = SoftmaxLayerJacobians.W;
        double[] h = NaiveSoftmax.stableSoftmax(SoftmaxLayerJacobians.weightedSum(w, x));
        double[][] dSdW = SoftmaxLayerJacobians.shortcut(h, x);
        int inputs = x.length;
        int classes = h.length;

        // The sample belongs to class 2; categorical cross-entropy L = -ln S_2, so dL/dS_t = -y_t / S_t.
        double[] y = {0, 0, 1, 0, 0};
        double[] dLdS = new double[classes];
        for (int t = 0; t < classes; t++) {
            dLdS[t] = -y[t] / h[t];
        }

        // Each weight's adjustment: the sum over the outputs t of dL/dS_t * dS_t/dW[j][i].
        double[][] summed = new double[inputs][classes];
        for (int j = 0; j < inputs; j++) {
            for (int i = 0; i < classes; i++) {
                for (int t = 0; t < classes; t++) {
                    summed[j][i] += dLdS[t] * dSdW[t][i * inputs + j];
                }
            }
        }

        // The same as one outer product: delta = dL/dz = J^T dL/dS, and dL/dW = x^T delta.
        double[][] jacobian = SoftmaxJacobianCheck.softmaxJacobian(h);
        double[] delta = new double[classes];
        for (int i = 0; i < classes; i++) {
            for (int t = 0; t < classes; t++) {
                delta[i] += jacobian[t][i] * dLdS[t];
            }
        }
        double[][] outer = new double[inputs][classes];
        for (int j = 0; j < inputs; j++) {
            for (int i = 0; i < classes; i++) {
                outer[j][i] = x[j] * delta[i];
            }
        }

        // And backprop4j's Dense layer, given the same weights and sample.
        Sequential model = new Sequential(0L);
        model.add(new Dense(5, 3, "softmax"));
        model.compile("categorical_crossentropy", new SGD());
        model.setWeights(List.of(Nd4j.create(w), Nd4j.zeros(DataType.DOUBLE, 5)));
        INDArray kernelGradient = model.gradients(Nd4j.create(new double[][] {x}), Nd4j.create(new double[][] {y})).get(0);

        System.out.println("delta = J^T dL/dS = " + Print.vector(delta, 8));
        System.out.println("h - y             = " + Print.vector(new double[] {h[0], h[1], h[2] - 1, h[3], h[4]}, 8));
        System.out.println("summed adjustments (3 x 5) =");
        System.out.println(Print.matrix(summed, 8));
        System.out.println("x^T delta equals them within 1e-15: "
                + (SoftmaxJacobianCheck.maxDifference(summed, outer) < 1e-15));
        System.out.println("Dense's kernel gradient equals them within 1e-12: "
                + (SoftmaxJacobianCheck.maxDifference(summed, kernelGradient.toDoubleMatrix()) < 1e-12));
    }
    // snippet-end
}
