package org.backprop4j.examples;

import static org.backprop4j.examples.PlainMatrices.columnSums;
import static org.backprop4j.examples.PlainMatrices.copy;
import static org.backprop4j.examples.PlainMatrices.meanSquaredError;
import static org.backprop4j.examples.PlainMatrices.minus;
import static org.backprop4j.examples.PlainMatrices.plusRow;
import static org.backprop4j.examples.PlainMatrices.product;
import static org.backprop4j.examples.PlainMatrices.sigmoid;
import static org.backprop4j.examples.PlainMatrices.transpose;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One complete training step of the XOR network ({@link Xor}: 2 inputs, 2 sigmoid units, 1 sigmoid
 * output, mean squared error, plain SGD, all four samples in one batch), computed by hand with plain
 * {@code double} arrays so that every number can be printed and followed:
 *
 * <pre>
 * forward    Z1 = X W1 + b1      A1 = sigmoid(Z1)     Z2 = A1 W2 + b2     P = sigmoid(Z2)
 *            L = mean over the B*K = 4 elements of (P - Y)^2
 * backward   dL/dP  = 2 (P - Y) / 4
 *            delta2 = dL/dZ2 = dL/dP * P (1 - P)               (4, 1)
 *            dL/dW2 = A1^T delta2      dL/db2 = column sums of delta2
 *            dL/dA1 = delta2 W2^T                                (4, 2): the gradient flowing back
 *            delta1 = dL/dZ1 = dL/dA1 * A1 (1 - A1)             (4, 2)
 *            dL/dW1 = X^T delta1       dL/db1 = column sums of delta1
 * update     W &lt;- W - learningRate dL/dW, for each of W1, b1, W2, b2
 * </pre>
 *
 * Shapes are (rows, columns) with one row per sample; {@code *} is the element-wise product. The
 * initial weights are those of {@link Xor#buildModel(long, double)} with the same seed, so the
 * printed step is the first step of the {@code xor} example, and {@link #check} compares every
 * number with backprop4j's own {@code gradients} and {@code trainOnBatch}.
 */
public final class BackpropStep {

    /** Decimals of every printed number. */
    static final int DECIMALS = 8;
    /** The weight the scalar chain rule is shown for: W2[0][0], from hidden unit 0 to the output. */
    static final int HIDDEN_UNIT = 0;
    /** Step of the central difference for that weight. */
    static final double EPSILON = 1e-6;

    private BackpropStep() {
    }

    /**
     * Every number of one step. Matrices are {@code [row][column]} with one row per sample; vectors
     * are biases.
     *
     * @param w1 hidden kernel before the step (2, 2)
     * @param b1 hidden bias before the step (2)
     * @param w2 output kernel before the step (2, 1)
     * @param b2 output bias before the step (1)
     * @param z1 X W1 + b1 (4, 2)
     * @param a1 sigmoid(Z1) (4, 2)
     * @param z2 A1 W2 + b2 (4, 1)
     * @param p sigmoid(Z2), the predictions (4, 1)
     * @param loss mean squared error before the step
     * @param dLdP 2 (P - Y) / 4 (4, 1)
     * @param delta2 dL/dZ2 (4, 1)
     * @param dLdW2 A1^T delta2 (2, 1)
     * @param dLdb2 column sums of delta2 (1)
     * @param dLdA1 delta2 W2^T (4, 2)
     * @param delta1 dL/dZ1 (4, 2)
     * @param dLdW1 X^T delta1 (2, 2)
     * @param dLdb1 column sums of delta1 (2)
     * @param newW1 W1 - learningRate dL/dW1
     * @param newB1 b1 - learningRate dL/db1
     * @param newW2 W2 - learningRate dL/dW2
     * @param newB2 b2 - learningRate dL/db2
     * @param newLoss the loss on the same batch with the updated weights
     * @param learningRate the SGD learning rate
     * @param seed the seed of the initial weights
     */
    public record Step(double[][] w1, double[] b1, double[][] w2, double[] b2,
                       double[][] z1, double[][] a1, double[][] z2, double[][] p, double loss,
                       double[][] dLdP, double[][] delta2, double[][] dLdW2, double[] dLdb2,
                       double[][] dLdA1, double[][] delta1, double[][] dLdW1, double[] dLdb1,
                       double[][] newW1, double[] newB1, double[][] newW2, double[] newB2, double newLoss,
                       double learningRate, long seed) {
    }

    /** One step from the initial weights of {@code Xor.buildModel(seed, learningRate)}. */
    public static Step compute(long seed, double learningRate) {
        List<INDArray> weights = Xor.buildModel(seed, learningRate).getWeights();
        double[][] w1 = weights.get(0).toDoubleMatrix();
        double[] b1 = weights.get(1).toDoubleVector();
        double[][] w2 = weights.get(2).toDoubleMatrix();
        double[] b2 = weights.get(3).toDoubleVector();
        double[][] x = Xor.X;
        double[][] y = Xor.Y;
        int batch = x.length;
        int outputs = y[0].length;

        double[][] z1 = plusRow(product(x, w1), b1);
        double[][] a1 = sigmoid(z1);
        double[][] z2 = plusRow(product(a1, w2), b2);
        double[][] p = sigmoid(z2);
        double loss = meanSquaredError(p, y);

        double[][] dLdP = new double[batch][outputs];
        double[][] delta2 = new double[batch][outputs];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < outputs; k++) {
                dLdP[b][k] = 2 * (p[b][k] - y[b][k]) / (batch * outputs);
                delta2[b][k] = dLdP[b][k] * p[b][k] * (1 - p[b][k]);    // local gradient of the sigmoid
            }
        }
        double[][] dLdW2 = product(transpose(a1), delta2);
        double[] dLdb2 = columnSums(delta2);
        double[][] dLdA1 = product(delta2, transpose(w2));
        double[][] delta1 = new double[batch][a1[0].length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < a1[0].length; i++) {
                delta1[b][i] = dLdA1[b][i] * a1[b][i] * (1 - a1[b][i]);
            }
        }
        double[][] dLdW1 = product(transpose(x), delta1);
        double[] dLdb1 = columnSums(delta1);

        double[][] newW1 = minus(w1, dLdW1, learningRate);
        double[] newB1 = minus(new double[][] {b1}, new double[][] {dLdb1}, learningRate)[0];
        double[][] newW2 = minus(w2, dLdW2, learningRate);
        double[] newB2 = minus(new double[][] {b2}, new double[][] {dLdb2}, learningRate)[0];
        double newLoss = lossOf(newW1, newB1, newW2, newB2);
        return new Step(w1, b1, w2, b2, z1, a1, z2, p, loss, dLdP, delta2, dLdW2, dLdb2, dLdA1, delta1, dLdW1,
                dLdb1, newW1, newB1, newW2, newB2, newLoss, learningRate, seed);
    }

    /** The mean squared error on the four XOR samples for the given weights. */
    static double lossOf(double[][] w1, double[] b1, double[][] w2, double[] b2) {
        double[][] a1 = sigmoid(plusRow(product(Xor.X, w1), b1));
        return meanSquaredError(sigmoid(plusRow(product(a1, w2), b2)), Xor.Y);
    }

    /**
     * The step and its checks, printed in sections that start with a line {@code == Title ==}
     * (the docs show them one at a time).
     */
    public static Step run(long seed, double learningRate, PrintStream out) {
        Step step = compute(seed, learningRate);
        print(step, out);
        printCheck(check(step), out);
        printCost(out);
        return step;
    }

    static void print(Step s, PrintStream out) {
        out.println("== The network and its starting point ==");
        out.println("XOR: 2 inputs -> 2 sigmoid units -> 1 sigmoid output, mean squared error, plain SGD with");
        out.printf(Locale.ROOT, "learning rate %s, all B = 4 samples in one batch. The initial weights are those of the%n",
                s.learningRate());
        out.printf(Locale.ROOT, "xor example with seed %d (glorot_uniform kernels, zero biases). One row per sample.%n",
                s.seed());
        show(out, "X (4, 2) =", Xor.X);
        show(out, "Y (4, 1) =", Xor.Y);
        show(out, "W1 (2, 2), row j = the weights leaving input j =", s.w1());
        show(out, "b1 (2) =", s.b1());
        show(out, "W2 (2, 1) =", s.w2());
        show(out, "b2 (1) =", s.b2());
        out.println();

        out.println("== Forward pass ==");
        show(out, "Z1 = X W1 + b1 (4, 2) =", s.z1());
        show(out, "A1 = sigmoid(Z1) (4, 2) =", s.a1());
        show(out, "Z2 = A1 W2 + b2 (4, 1) =", s.z2());
        show(out, "P = sigmoid(Z2), the predictions (4, 1) =", s.p());
        out.printf(Locale.ROOT, "loss L = mean of (P - Y)^2 over the 4 x 1 elements = %s%n", number(s.loss()));
        out.println();

        out.println("== One weight by the scalar chain rule ==");
        printOneWeight(s, out);
        out.println();

        out.println("== Backward pass ==");
        show(out, "dL/dP = 2 (P - Y) / 4 (4, 1) =", s.dLdP());
        show(out, "delta2 = dL/dZ2 = dL/dP * P * (1 - P) (4, 1) =", s.delta2());
        show(out, "dL/dW2 = A1^T delta2 (2, 1) =", s.dLdW2());
        show(out, "dL/db2 = column sums of delta2 (1) =", s.dLdb2());
        show(out, "dL/dA1 = delta2 W2^T, the gradient flowing back into the hidden layer (4, 2) =", s.dLdA1());
        show(out, "delta1 = dL/dZ1 = dL/dA1 * A1 * (1 - A1) (4, 2) =", s.delta1());
        show(out, "dL/dW1 = X^T delta1 (2, 2) =", s.dLdW1());
        show(out, "dL/db1 = column sums of delta1 (2) =", s.dLdb1());
        out.println();

        out.printf(Locale.ROOT, "== The update: w <- w - %s dL/dw ==%n", s.learningRate());
        show(out, "updated W1 =", s.newW1());
        show(out, "updated b1 =", s.newB1());
        show(out, "updated W2 =", s.newW2());
        show(out, "updated b2 =", s.newB2());
        out.printf(Locale.ROOT, "new loss on the same 4 samples = %s (was %s)%n", number(s.newLoss()), number(s.loss()));
        out.println();
    }

    /** dL/dW2[0][0] as a sum over the samples of three local derivatives, and by central differences. */
    private static void printOneWeight(Step s, PrintStream out) {
        int h = HIDDEN_UNIT;
        out.printf(Locale.ROOT, "w = W2[%d][0] = %s, the weight from hidden unit %d to the output. For sample r,%n",
                h, number(s.w2()[h][0]), h);
        out.printf(Locale.ROOT, "z_r = A1[r][0] W2[0][0] + A1[r][1] W2[1][0] + b2, p_r = sigmoid(z_r), and L = mean of (p_r - y_r)^2:%n");
        out.println("  dL/dw = sum over r of  dL/dp_r   *  dp_r/dz_r   *  dz_r/dw");
        out.println("                      = 2 (p_r - y_r) / 4 * p_r (1 - p_r) * A1[r][" + h + "]");
        out.printf(Locale.ROOT, "  %s  %12s  %12s  %12s  %12s%n", "r", "dL/dp_r", "dp_r/dz_r", "dz_r/dw", "product");
        double sum = 0;
        for (int b = 0; b < Xor.X.length; b++) {
            double dLdp = s.dLdP()[b][0];
            double dpdz = s.p()[b][0] * (1 - s.p()[b][0]);
            double dzdw = s.a1()[b][h];
            double product = dLdp * dpdz * dzdw;
            sum += product;
            out.printf(Locale.ROOT, "  %d  %12s  %12s  %12s  %12s%n", b, fixed(dLdp), fixed(dpdz), fixed(dzdw), fixed(product));
        }
        out.printf(Locale.ROOT, "  sum: dL/dw = %s%n", fixed(sum));
        double[][] plus = copy(s.w2());
        double[][] minus = copy(s.w2());
        plus[h][0] += EPSILON;
        minus[h][0] -= EPSILON;
        double numeric = (lossOf(s.w1(), s.b1(), plus, s.b2()) - lossOf(s.w1(), s.b1(), minus, s.b2())) / (2 * EPSILON);
        out.printf(Locale.ROOT, "  central difference (L(w + 1e-6) - L(w - 1e-6)) / 2e-6 = %.6f (6 decimals: its last%n"
                + "  digits are round-off)%n", numeric);
    }

    /**
     * The largest differences between the hand-computed step and backprop4j's.
     *
     * @param gradients max |by hand - model.gradients(x, y)| over dL/dW1, dL/db1, dL/dW2, dL/db2
     * @param updatedWeights max |by hand - the model's weights after model.trainOnBatch(x, y)|
     * @param loss |L by hand - the loss trainOnBatch reports (measured before its update)|
     * @param newLoss |new L by hand - model.evaluate(x, y) after the update|
     */
    public record Check(double gradients, double updatedWeights, double loss, double newLoss) {

        /** The largest of the four. */
        public double worst() {
            return Math.max(Math.max(gradients, updatedWeights), Math.max(loss, newLoss));
        }
    }

    /** Compares {@code step} with what backprop4j computes for the same network, seed and batch. */
    public static Check check(Step step) {
        Sequential model = Xor.buildModel(step.seed(), step.learningRate());
        INDArray x = Nd4j.create(Xor.X);
        INDArray y = Nd4j.create(Xor.Y);
        List<INDArray> gradients = model.gradients(x, y);
        double gradientDifference = max(
                difference(step.dLdW1(), gradients.get(0)), difference(new double[][] {step.dLdb1()}, gradients.get(1)),
                difference(step.dLdW2(), gradients.get(2)), difference(new double[][] {step.dLdb2()}, gradients.get(3)));
        double lossBefore = model.trainOnBatch(x, y).get("loss");
        List<INDArray> updated = model.getWeights();
        double weightDifference = max(
                difference(step.newW1(), updated.get(0)), difference(new double[][] {step.newB1()}, updated.get(1)),
                difference(step.newW2(), updated.get(2)), difference(new double[][] {step.newB2()}, updated.get(3)));
        double newLoss = model.evaluate(x, y).get("loss");
        return new Check(gradientDifference, weightDifference, Math.abs(lossBefore - step.loss()),
                Math.abs(newLoss - step.newLoss()));
    }

    private static void printCheck(Check check, PrintStream out) {
        out.println("== Checked against backprop4j ==");
        out.println("The same network built by Xor.buildModel, on the same batch:");
        out.println("  model.gradients(x, y) equals dL/dW1, dL/db1, dL/dW2, dL/db2 within 1e-12: "
                + (check.gradients() < 1e-12));
        out.println("  after model.trainOnBatch(x, y) its weights equal the updated ones within 1e-12: "
                + (check.updatedWeights() < 1e-12));
        out.println("  the loss trainOnBatch reports, and model.evaluate after it, equal L and the new loss: "
                + (check.loss() < 1e-12 && check.newLoss() < 1e-12));
        out.println();
    }

    /** What a gradient by central differences would cost, against one forward and one backward pass. */
    private static void printCost(PrintStream out) {
        long xorWeights = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE).getLayers().stream()
                .mapToLong(layer -> layer.parameterCount()).sum();
        Sequential mlp = new Sequential(0L);
        mlp.add(new Dense(256, 784, "relu"));
        mlp.add(new Dense(10, "softmax"));
        long mlpWeights = mlp.getLayers().stream().mapToLong(layer -> layer.parameterCount()).sum();
        out.println("== The cost ==");
        out.println("Central differences need 2 forward passes per weight, backpropagation 1 forward and 1 backward");
        out.println("pass for all of them:");
        out.printf(Locale.ROOT, "  XOR 2-2-1:       %,9d weights -> %,9d forward passes, or 1 forward + 1 backward%n",
                xorWeights, 2 * xorWeights);
        out.printf(Locale.ROOT, "  MLP 784-256-10:  %,9d weights -> %,9d forward passes, or 1 forward + 1 backward%n",
                mlpWeights, 2 * mlpWeights);
    }

    private static double difference(double[][] byHand, INDArray library) {
        double[] flat = library.reshape(library.length()).toDoubleVector();
        double worst = 0;
        int index = 0;
        for (double[] row : byHand) {
            for (double value : row) {
                worst = Math.max(worst, Math.abs(value - flat[index++]));
            }
        }
        return worst;
    }

    private static double max(double... values) {
        double worst = 0;
        for (double value : values) {
            worst = Math.max(worst, value);
        }
        return worst;
    }

    private static void show(PrintStream out, String label, double[][] matrix) {
        out.println(label);
        out.println(MatrixFormat.format(matrix, DECIMALS));
    }

    private static void show(PrintStream out, String label, double[] vector) {
        out.println(label);
        out.println(MatrixFormat.format(vector, DECIMALS));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%." + DECIMALS + "f", value);
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.8f", value);
    }

    /** The sample the network diagram shows: row r = 2, x = (1, 0), y = 1. */
    public static final int DIAGRAM_SAMPLE = 2;

    /**
     * Writes {@code backprop-step-network.png}: the network with every value and gradient of
     * {@link #DIAGRAM_SAMPLE} and every weight's change and batch gradient (see {@link NetworkDiagram}).
     *
     * @return the file written
     * @throws java.io.IOException if it cannot be written
     */
    public static java.nio.file.Path writePlot(Step step, java.nio.file.Path directory) throws java.io.IOException {
        return Plot.save(NetworkDiagram.draw(step, DIAGRAM_SAMPLE), directory.resolve("backprop-step-network.png"));
    }

    /** Runs the example; the same options as {@code backprop-step} in the {@link Launcher}. */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("backprop-step", args));
    }
}
