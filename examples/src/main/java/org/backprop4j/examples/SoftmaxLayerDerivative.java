package org.backprop4j.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.Backprop;
import org.backprop4j.core.Jacobians;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The derivative of a softmax layer {@code s = softmax(z)}, {@code z = x W} (x one sample as a row)
 * with respect to its weights, on the articles' fixed example (3 inputs, 5 classes), computed twice:
 * by the chain rule {@code ds/dW = ds/dz . dz/dW} (each Jacobian with one row per output) and by the
 * shortcut {@code ds_t/dW_ji = s_t (I_ti - s_i) x_j}. Then, for one sample with categorical
 * cross-entropy, it weights the same matrix by {@code dL/ds} and arrives at the gradient every
 * framework computes, {@code dL/dW = x^T (s - y)}, printed next to backprop4j's own.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q compile exec:java -Dexec.args=softmax-layer
 * </pre>
 */
public final class SoftmaxLayerDerivative {

    /** The sample x. */
    public static final double[] X = {0.1, 0.5, 0.4};
    /** The kernel W, inputs x classes (a Keras Dense kernel). */
    public static final double[][] W = {
        {0.1, 0.2, 0.3, 0.4, 0.5},
        {0.6, 0.7, 0.8, 0.9, 0.1},
        {0.11, 0.12, 0.13, 0.14, 0.15},
    };
    /** The one-hot label used for the cross-entropy part: class 2. */
    public static final double[] Y = {0, 0, 1, 0, 0};

    private SoftmaxLayerDerivative() {
    }

    /**
     * Everything the example computes.
     *
     * @param s the layer's output softmax(x W), length 5
     * @param dsdz the softmax Jacobian, (5, 5)
     * @param dzdW one row per score z_k, one column per weight (column i*3 + j for W[j][i]), (5, 15)
     * @param dsdWChainRule ds/dz . dz/dW, (5, 15)
     * @param dsdWShortcut the same from s_t (I_ti - s_i) x_j, (5, 15)
     * @param maxShortcutDifference max |chain rule - shortcut|
     * @param gradientFromJacobian dL/dW for one sample with cross-entropy, from dL/ds . ds/dW, (3, 5)
     * @param gradientClosedForm x^T (s - y), (3, 5)
     * @param gradientFused backprop4j's gradient in {@link Backprop#FUSED} mode, (3, 5)
     * @param gradientExplicit backprop4j's gradient in {@link Backprop#EXPLICIT_JACOBIAN} mode, (3, 5)
     */
    public record Result(INDArray s, INDArray dsdz, INDArray dzdW, INDArray dsdWChainRule, INDArray dsdWShortcut,
            double maxShortcutDifference, INDArray gradientFromJacobian, INDArray gradientClosedForm,
            INDArray gradientFused, INDArray gradientExplicit) {
    }

    /** Computes and prints everything into {@code out}. */
    public static Result run(PrintStream out) {
        INDArray x = Nd4j.create(X);            // (3)
        INDArray kernel = Nd4j.create(W);       // (3, 5)
        INDArray y = Nd4j.create(Y);            // (5)
        int inputDim = X.length;
        int units = W[0].length;

        out.println("A softmax layer s = softmax(z), z = x W: " + inputDim + " inputs, " + units
                + " classes, the sample x a row");
        out.println();
        out.println("x (1 x " + inputDim + ") =");
        out.println(MatrixFormat.format(x, 8));
        out.println("W (" + inputDim + " x " + units + ", inputs x classes, the Dense kernel) =");
        out.println(MatrixFormat.format(kernel, 8));
        out.println();

        INDArray s = x.reshape(1, inputDim).mmul(kernel);
        Registry.ACTIVATIONS.create("softmax").forward(s, s);
        s = s.reshape(units);
        out.println("s = softmax(x W) =");
        out.println(MatrixFormat.format(s, 8));
        out.println();

        INDArray dsdz = Jacobians.softmax(s);
        out.println("ds/dz = diag(s) - s^T s (" + units + " x " + units + "), row t is s_t, column k is z_k =");
        out.println(MatrixFormat.format(dsdz, 8));
        out.println();

        // Jacobians.denseWrtKernel stores one row per weight; the Jacobian has one row per output
        INDArray dzdW = Jacobians.denseWrtKernel(kernel, x).transpose();
        out.println("dz/dW (" + units + " x " + inputDim * units + "): row k is z_k, column i*" + inputDim
                + " + j is the weight W[j][i] from input j to class i;");
        out.println("the entry is x_j where i == k, else 0 (Jacobians.denseWrtKernel gives its transpose, one row per weight) =");
        out.println(MatrixFormat.format(dzdW, 8));
        out.println();

        INDArray chainRule = Jacobians.softmaxLayer(kernel, x);
        out.println("ds/dW = ds/dz . dz/dW, by the chain rule (" + units + " x " + inputDim * units + ") =");
        out.println(MatrixFormat.format(chainRule, 5));
        out.println();

        INDArray shortcut = Jacobians.softmaxLayerShortcut(kernel, s, x);
        out.println("ds/dW by the shortcut ds_t/dW_ji = s_t (I_ti - s_i) x_j (no matrix product) =");
        out.println(MatrixFormat.format(shortcut, 5));
        double maxDifference = maxAbs(chainRule, shortcut);
        out.printf(Locale.ROOT, "max |chain rule - shortcut| = %.3e%n", maxDifference);
        out.println();

        // One sample, categorical cross-entropy L = -sum_t y_t log s_t: dL/ds_t = -y_t / s_t.
        INDArray dLds = y.div(s).rsubi(0.0);
        // Each weight's gradient: the outputs' movements weighted by dL/ds_t and added up, dL/ds . ds/dW.
        INDArray flat = Jacobians.vectorJacobianProduct(dLds, chainRule);
        INDArray fromJacobian = Jacobians.unflattenKernel(flat, inputDim, units);
        // The closed form: sum_t (-y_t / s_t) s_t (I_ti - s_i) x_j = (s_i - y_i) x_j, i.e. x^T (s - y).
        INDArray closedForm = x.reshape(inputDim, 1).mmul(s.sub(y).reshape(1, units));
        INDArray fused = frameworkGradient(kernel, x, y, Backprop.FUSED);
        INDArray explicit = frameworkGradient(kernel, x, y, Backprop.EXPLICIT_JACOBIAN);

        out.println("From derivatives to the gradient of a loss, through the same Jacobian.");
        out.println("One sample with label y and categorical cross-entropy L = -sum_t y_t log s_t:");
        out.println("y = " + MatrixFormat.format(y, 8) + ",  dL/ds = -y / s = " + MatrixFormat.format(dLds, 8));
        out.println("dL/dW_ji = sum_t dL/ds_t ds_t/dW_ji = sum_t (-y_t / s_t) s_t (I_ti - s_i) x_j = (s_i - y_i) x_j");
        out.println();
        out.println("dL/ds . ds/dW, reshaped to the kernel (" + inputDim + " x " + units + ") =");
        out.println(MatrixFormat.format(fromJacobian, 8));
        out.println("x^T (s - y) =");
        out.println(MatrixFormat.format(closedForm, 8));
        out.println("backprop4j, Dense(" + units + ", " + inputDim + ", \"softmax\") with kernel W, bias 0, "
                + "categorical_crossentropy, model.gradients(x, y):");
        out.println(MatrixFormat.format(fused, 8));
        out.println("the same in Backprop.EXPLICIT_JACOBIAN mode:");
        out.println(MatrixFormat.format(explicit, 8));
        out.printf(Locale.ROOT, "max |Jacobian - x^T (s - y)| = %.3e, max |Jacobian - backprop4j| = %.3e (fused), %.3e (explicit)%n",
                maxAbs(fromJacobian, closedForm), maxAbs(fromJacobian, fused), maxAbs(fromJacobian, explicit));
        out.println("Over a batch X of B rows, Delta = (S - Y) / B and dW = X^T Delta: the Dense layer's backward pass.");
        return new Result(s, dsdz, dzdW, chainRule, shortcut, maxDifference, fromJacobian, closedForm, fused, explicit);
    }

    /** dL/dkernel of a one-layer softmax model on the single sample (x, y), from backprop4j itself. */
    static INDArray frameworkGradient(INDArray kernel, INDArray x, INDArray y, Backprop backprop) {
        Sequential model = new Sequential(0L);
        model.add(new Dense((int) kernel.columns(), (int) kernel.rows(), "softmax"));
        model.setWeights(List.of(kernel, Nd4j.zeros(DataType.DOUBLE, kernel.columns())));
        model.compile("categorical_crossentropy", new SGD(0.1));
        model.setBackprop(backprop);
        List<INDArray> gradients = model.gradients(x.reshape(1, x.length()), y.reshape(1, y.length()));
        return gradients.get(0);
    }

    private static double maxAbs(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
    }

    /** Prints the example on standard output. */
    public static void main(String[] args) {
        run(System.out);
    }
}
