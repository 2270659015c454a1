package org.backprop4j.examples.docs.snippets;

import java.util.List;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/softmax-layer-derivative.md: weighting each output's movement by dL/ds_t and adding up gives x^T delta.
public class SoftmaxLayerGradient {
    // snippet-start
    public static void main(String[] args) {
        double[] x = SoftmaxLayerJacobians.X;
        double[][] w = SoftmaxLayerJacobians.W;
        double[] s = NaiveSoftmax.stableSoftmax(SoftmaxLayerJacobians.weightedSum(x, w));
        double[][] dsdW = SoftmaxLayerJacobians.shortcut(s, x);
        int inputs = x.length;
        int classes = s.length;

        // The sample belongs to class 2; categorical cross-entropy L = -ln s_2, so dL/ds_t = -y_t / s_t.
        double[] y = {0, 0, 1, 0, 0};
        double[] dLds = new double[classes];
        for (int t = 0; t < classes; t++) {
            dLds[t] = -y[t] / s[t];
        }

        // Each weight's gradient: the movements ds_t/dW[j][i] of the outputs, weighted by dL/ds_t and added up.
        double[][] weighted = new double[inputs][classes];
        for (int j = 0; j < inputs; j++) {
            for (int i = 0; i < classes; i++) {
                for (int t = 0; t < classes; t++) {
                    weighted[j][i] += dLds[t] * dsdW[t][i * inputs + j];
                }
            }
        }

        // The same as one outer product: delta = dL/dz = dL/ds J (row times Jacobian), and dL/dW = x^T delta.
        double[][] jacobian = SoftmaxJacobianCheck.softmaxJacobian(s);
        double[] delta = new double[classes];
        for (int i = 0; i < classes; i++) {
            for (int t = 0; t < classes; t++) {
                delta[i] += dLds[t] * jacobian[t][i];
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

        System.out.println("delta = dL/ds J = " + Print.vector(delta, 8));
        System.out.println("s - y           = " + Print.vector(new double[] {s[0], s[1], s[2] - 1, s[3], s[4]}, 8));
        System.out.println("dL/dW, the weighted movements added up (3 x 5) =");
        System.out.println(Print.matrix(weighted, 8));
        System.out.println("x^T delta equals it within 1e-15: "
                + (SoftmaxJacobianCheck.maxDifference(weighted, outer) < 1e-15));
        System.out.println("Dense's kernel gradient equals it within 1e-12: "
                + (SoftmaxJacobianCheck.maxDifference(weighted, kernelGradient.toDoubleMatrix()) < 1e-12));
    }
    // snippet-end
}
